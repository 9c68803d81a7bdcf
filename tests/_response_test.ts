import assert from "node:assert/strict";
import { readCappedText, refuseRedirect } from "../_response.ts";

Deno.test("readCappedText reads a body within the cap, in several chunks, as UTF-8", async () => {
  const parts = ["caf", "é ☃"].map((part) => new TextEncoder().encode(part));
  const stream = new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  assert.equal(await readCappedText(new Response(stream), 100), "café ☃");
  assert.equal(await readCappedText(new Response(null)), "");
});

Deno.test("readCappedText refuses a body one byte over the cap", async () => {
  await assert.rejects(readCappedText(new Response("x".repeat(11)), 10), {
    code: "response_too_large",
  });
  assert.equal(await readCappedText(new Response("x".repeat(10)), 10), "x".repeat(10));
});

Deno.test("refuseRedirect ignores a fragment in the request URL but catches a followed redirect", async () => {
  await refuseRedirect(new Response("ok"), "https://p.example/rt#section", "endpoint");
  const followed = new Response("ok");
  Object.defineProperty(followed, "url", { value: "https://elsewhere.example/rt" });
  await assert.rejects(refuseRedirect(followed, "https://p.example/rt", "endpoint"), {
    code: "redirect_refused",
  });
  const sameWithFragment = new Response("ok");
  Object.defineProperty(sameWithFragment, "url", { value: "https://p.example/rt" });
  await refuseRedirect(sameWithFragment, "https://p.example/rt#section", "endpoint");
});
