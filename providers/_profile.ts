/**
 * Building a `Profile` from a provider's own answer: ids that are numbers become strings,
 * members of the wrong type are left out. Internal.
 *
 * @module
 */
import type { Profile } from "../oauth2/mod.ts";

/** The members a reader found, any type; only usable values are kept. */
export interface Found {
  id: unknown;
  email?: unknown;
  emailVerified?: unknown;
  name?: unknown;
  picture?: unknown;
}

const text = (value: unknown) => typeof value === "string" && value !== "" ? value : undefined;

/**
 * The `Profile` of `found`, with `raw` the provider's answer: an `id` given as a number is its
 * decimal string; an empty or non-string `email`, `name` or `picture`, or a non-boolean
 * `emailVerified`, is left out. An unusable `id` becomes `""`, which `profile()` refuses.
 */
export function profileOf(raw: Record<string, unknown>, found: Found): Profile {
  const id = typeof found.id === "number" && Number.isSafeInteger(found.id)
    ? String(found.id)
    : text(found.id) ?? "";
  const profile: Profile = { id, raw };
  const email = text(found.email);
  if (email !== undefined) profile.email = email;
  if (typeof found.emailVerified === "boolean") profile.emailVerified = found.emailVerified;
  const name = text(found.name);
  if (name !== undefined) profile.name = name;
  const picture = text(found.picture);
  if (picture !== undefined) profile.picture = picture;
  return profile;
}

/** `value` when it is a JSON object, else an empty one: for reading nested members. */
export function objectAt(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
