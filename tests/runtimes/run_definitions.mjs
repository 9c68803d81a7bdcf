/**
 * Runs the `Deno.test` definitions that `@deno/shim-deno-test` recorded, one after another as
 * `deno test` does, and answers `{ name, ok, error }` per test. A test that is ignored or marked
 * `only` fails here: the suite must run every test the Deno suite runs. A test that has not
 * settled after `timeoutMs` fails instead of hanging the runtime.
 */
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error);
}

function context(name) {
  return {
    name,
    origin: "bundle",
    step: async (stepName, fn) => {
      await (typeof stepName === "function" ? stepName : fn)(context(name));
      return true;
    },
  };
}

async function runOne(definition, timeoutMs) {
  if (definition.ignore || definition.only) {
    throw new Error("ignored or only tests are not allowed: every test must run");
  }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([definition.fn(context(definition.name)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runDefinitions(definitions, { timeoutMs = 60_000 } = {}) {
  const results = [];
  for (const definition of definitions) {
    try {
      await runOne(definition, timeoutMs);
      results.push({ name: definition.name, ok: true });
    } catch (error) {
      results.push({ name: definition.name, ok: false, error: describe(error) });
    }
  }
  return results;
}
