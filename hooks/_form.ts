/**
 * Building blocks for provider fixes that change a form-encoded request body or a token
 * response's `scope`. Internal.
 *
 * @module
 */
import { mediaType } from "../_encoding.ts";
import { rebuild } from "../_request.ts";
import { rewriteSuccessJson } from "./_rewrite.ts";
import type { ResponseHook } from "../_hooks.ts";

const FORM = "application/x-www-form-urlencoded";

/**
 * The request with its form body changed by `edit`; a request without a form body passes
 * untouched. The original request stays usable.
 */
export async function editForm(
  request: Request,
  edit: (form: URLSearchParams) => void,
): Promise<Request> {
  if (request.body === null || mediaType(request.headers.get("content-type")) !== FORM) {
    return request;
  }
  const form = new URLSearchParams(await request.clone().text());
  edit(form);
  return rebuild(request, request.url, new Headers(request.headers), form.toString());
}

/**
 * A successful token response's `scope` listed with commas (`a,b`) or as a JSON array becomes
 * the space-separated string of RFC 6749 §3.3.
 */
export const spaceSeparatedScope: ResponseHook = (response) =>
  rewriteSuccessJson(response, (body) => {
    const { scope } = body;
    if (Array.isArray(scope) && scope.every((item) => typeof item === "string")) {
      return { ...body, scope: scope.join(" ") };
    }
    if (typeof scope === "string" && scope.includes(",")) {
      return {
        ...body,
        scope: scope.split(",").map((item) => item.trim()).filter(Boolean).join(" "),
      };
    }
    return body;
  });
