/** Small helpers shared by the tests. */

/** The parameters of an `OAuth …` Authorization header, decoded, in order (realm excluded). */
export function oauthHeaderParameters(header: string | null): Map<string, string> {
  return new Map(
    [...(header ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)]
      .filter(([, name]) => name !== "realm")
      .map(([, name, value]) => [name, decodeURIComponent(value)]),
  );
}
