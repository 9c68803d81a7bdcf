import assert from "node:assert/strict";
import { runDemo } from "../../examples/demo.ts";

Deno.test("the demo walks the whole 3-legged flow against its loopback provider", async () => {
  const lines: string[] = [];
  const me = await runDemo((line) => lines.push(line));
  assert.deepEqual(me, { name: "Ada Lovelace", screen_name: "ada" });
  const output = lines.join("\n");
  for (
    const step of [
      "1. Ask for temporary",
      "2. Send the user",
      "3. The callback",
      "4. Exchanged",
      "5. Call the API",
    ]
  ) {
    assert.ok(output.includes(step), step);
  }
  assert.match(output, /HTTP 200/);
  assert.match(output, /provider: signed API call accepted/);
  assert.doesNotMatch(output, /refused/);
});
