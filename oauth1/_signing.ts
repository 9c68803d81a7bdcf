/**
 * Signing a `Request` (RFC 5849 §3): collect the parameters, build the base string, sign it,
 * and place the protocol parameters in the header, the query or the form body.
 *
 * @module
 */
import { decodeForm, encodeParameters, mediaType, type ParameterList } from "../_encoding.ts";
import { rebuild, withQueryParameters } from "../_request.ts";
import { authorizationHeader } from "./authorization_header.ts";
import { signatureBaseString } from "./base_string.ts";
import type { Signer } from "./signature_methods.ts";
import type { SignatureMethod, SignatureType } from "./types.ts";

const FORM = "application/x-www-form-urlencoded";

/** The values that become the `oauth_*` protocol parameters of one request. */
export interface ProtocolValues {
  clientKey: string;
  signatureMethod: SignatureMethod;
  nonce: string;
  timestamp: string;
  includeVersion: boolean;
  token?: string;
  callback?: string;
  verifier?: string;
}

/** Everything `signRequest` needs besides the request. */
export interface SignOptions {
  protocol: ProtocolValues;
  signer: Signer;
  signatureType: SignatureType;
  realm?: string;
  /**
   * `oauth_body_hash` of a non-form body, when the client sends one: injected, so that signers
   * without body hashes carry no SHA-1 code.
   */
  bodyHash?: (body: Uint8Array) => string;
}

/**
 * The protocol parameters (RFC 5849 §3.1) in the order oauthlib writes them, so that headers
 * agree byte for byte. Empty optional values are left out.
 */
function protocolParameters(values: ProtocolValues, bodyHash?: string): ParameterList {
  const parameters: ParameterList = [
    ["oauth_nonce", values.nonce],
    ["oauth_timestamp", values.timestamp],
  ];
  if (values.includeVersion) parameters.push(["oauth_version", "1.0"]);
  parameters.push(
    ["oauth_signature_method", values.signatureMethod],
    ["oauth_consumer_key", values.clientKey],
  );
  if (values.token) parameters.push(["oauth_token", values.token]);
  if (values.callback) parameters.push(["oauth_callback", values.callback]);
  if (values.verifier) parameters.push(["oauth_verifier", values.verifier]);
  if (bodyHash !== undefined) parameters.push(["oauth_body_hash", bodyHash]);
  return parameters;
}

/** What the signer needs to know about the body. */
interface SignableBody {
  /** Decoded form parameters, signed with the rest (RFC 5849 §3.4.1.3.1). */
  form: ParameterList;
  /** The raw form text, kept for body placement. */
  formText?: string;
  /** `oauth_body_hash`, for non-form bodies when enabled. */
  hash?: string;
}

/** The protocol parameters with `oauth_signature`, and what was read of the body to sign. */
export interface SignedParameters {
  signed: ParameterList;
  body: SignableBody;
}

/**
 * Signs a request (RFC 5849 §3.4) and answers the protocol parameters, signature included,
 * without placing them anywhere: the `Authorization`-header-only signer needs nothing more.
 * Transport policy (https only) is the caller's: this function signs what it is given.
 */
export async function signedParameters(
  request: Request,
  options: Omit<SignOptions, "signatureType" | "realm">,
  url: URL = new URL(request.url),
): Promise<SignedParameters> {
  const body = needsBodyRead(request, options)
    ? await readSignableBody(request, options)
    : NO_BODY_PARAMETERS;
  const signing = signParameters(request.method, url, body, options);
  return { signed: Array.isArray(signing) ? signing : await signing, body };
}

/**
 * Signs a request and returns a new one; the original is left untouched and usable.
 * Throws `TypeError` when the request cannot carry the signature where it was asked to go.
 */
export async function signRequest(
  request: Request,
  options: SignOptions,
  url: URL = new URL(request.url),
): Promise<Request> {
  // The steps of signedParameters, inlined: one async function per request instead of two.
  const body = needsBodyRead(request, options)
    ? await readSignableBody(request, options)
    : NO_BODY_PARAMETERS;
  const signing = signParameters(request.method, url, body, options);
  const signed = Array.isArray(signing) ? signing : await signing;
  return options.signatureType === "header"
    ? withAuthorization(request, authorizationHeader(signed, options.realm))
    : await placeInUrlOrBody(request, url, body, signed, options.signatureType);
}

/**
 * The protocol parameters with `oauth_signature` last: at once for HMAC and PLAINTEXT, which
 * sign synchronously, and as a promise for RSA, so that only RSA costs microtask turns.
 */
function signParameters(
  method: string,
  url: URL,
  body: SignableBody,
  options: Pick<SignOptions, "protocol" | "signer">,
): ParameterList | Promise<ParameterList> {
  const protocol = protocolParameters(options.protocol, body.hash);
  const query = decodeForm(url.search);
  assertNotSignedAlready(query, body.form);
  const baseString = signatureBaseString(method, url, [...query, ...body.form, ...protocol]);
  const signature = options.signer(baseString);
  const withSignature = (value: string): ParameterList => {
    protocol.push(["oauth_signature", value]);
    return protocol;
  };
  return typeof signature === "string" ? withSignature(signature) : signature.then(withSignature);
}

/**
 * A copy of `request` with the `Authorization` header set. The copy comes from the `Request`
 * constructor, whose headers are mutable even when the original's are not (an incoming request
 * in a worker), and is changed in place: no `Headers` copy and no second `Request`. A body is
 * teed first, so the original stays readable.
 */
function withAuthorization(request: Request, authorization: string): Request {
  const copy = new Request(request.body === null ? request : request.clone());
  copy.headers.set("authorization", authorization);
  return copy;
}

const NO_BODY_PARAMETERS: SignableBody = { form: [] };

/** Whether the body must be read: to sign a form or to hash it. */
function needsBodyRead(request: Request, options: Pick<SignOptions, "bodyHash">): boolean {
  return options.bodyHash !== undefined ||
    (request.body !== null && mediaType(request.headers.get("content-type")) === FORM);
}

async function readSignableBody(
  request: Request,
  options: Pick<SignOptions, "bodyHash">,
): Promise<SignableBody> {
  const contentType = request.headers.get("content-type");
  if (mediaType(contentType) === FORM) {
    assertUtf8Charset(contentType ?? "");
    const formText = request.body === null ? "" : await request.clone().text();
    return { form: decodeForm(formText), formText };
  }
  if (options.bodyHash) {
    const bytes = request.body === null
      ? new Uint8Array()
      : new Uint8Array(await request.clone().arrayBuffer());
    return { form: [], hash: options.bodyHash(bytes) };
  }
  return { form: [] };
}

function assertCanCarryBody(request: Request) {
  const contentType = request.headers.get("content-type");
  const isForm = mediaType(contentType) === FORM;
  if (request.method === "GET" || request.method === "HEAD") {
    throw new TypeError(
      `signatureType "body" cannot sign a ${request.method} request, which has no body; use "header" or "query"`,
    );
  }
  const isEmptyUntyped = request.body === null && contentType === null;
  if (!isForm && !isEmptyUntyped) {
    throw new TypeError(
      `signatureType "body" needs an ${FORM} body (RFC 5849 §3.5.2), got Content-Type ${
        contentType ?? "(none)"
      }; use "header" or "query"`,
    );
  }
}

// The WHATWG Encoding labels of UTF-8, and ASCII, whose bytes UTF-8 decodes alike.
const UTF8_COMPATIBLE = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii"]);

function assertUtf8Charset(contentType: string): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset !== undefined && !UTF8_COMPATIBLE.has(charset.toLowerCase())) {
    throw new TypeError(`form bodies must be UTF-8 to be signed, got charset=${charset}`);
  }
}

// The protocol parameters of RFC 5849 §3.1 and the body hash extension: the signer writes
// them, so a request that already has one in its query or body was signed before.
const PROTOCOL_PARAMETERS = new Set([
  "oauth_consumer_key",
  "oauth_token",
  "oauth_signature_method",
  "oauth_signature",
  "oauth_timestamp",
  "oauth_nonce",
  "oauth_version",
  "oauth_callback",
  "oauth_verifier",
  "oauth_body_hash",
]);

function assertNotSignedAlready(query: ParameterList, form: ParameterList) {
  const clash = query.find(([name]) => PROTOCOL_PARAMETERS.has(name)) ??
    form.find(([name]) => PROTOCOL_PARAMETERS.has(name));
  if (clash) {
    throw new TypeError(
      `the request already carries the protocol parameter ${clash[0]}; sign the unsigned request`,
    );
  }
}

async function placeInUrlOrBody(
  request: Request,
  url: URL,
  body: SignableBody,
  signed: ParameterList,
  signatureType: "query" | "body",
): Promise<Request> {
  if (signatureType === "query") return await withQueryParameters(request, url, signed);
  assertCanCarryBody(request);
  const headers = new Headers(request.headers);
  const extra = encodeParameters(signed);
  const formText = body.formText ? `${body.formText}&${extra}` : extra;
  if (!headers.has("content-type")) headers.set("content-type", FORM);
  return rebuild(request, request.url, headers, formText);
}
