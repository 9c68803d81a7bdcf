import assert from "node:assert/strict";
import { randomAlphanumeric } from "../_random.ts";

Deno.test("random alphanumerics are unique, of the asked length and from A-Z a-z 0-9 only", () => {
  const values = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    const value = randomAlphanumeric(30);
    assert.match(value, /^[A-Za-z0-9]{30}$/);
    values.add(value);
  }
  assert.equal(values.size, 10_000);
});

Deno.test("every alphanumeric character is drawn about equally often", () => {
  const counts = new Map<string, number>();
  for (const character of randomAlphanumeric(62_000)) {
    counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  assert.equal(counts.size, 62);
  // 1,000 expected per character; a modulo bias would push some towards 1,250.
  for (const [character, count] of counts) {
    assert.ok(count > 800 && count < 1200, `${character}: ${count}`);
  }
});
