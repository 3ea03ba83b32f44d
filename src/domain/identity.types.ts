/**
 * Who a request comes from and what it may do (README, "Access control"). Plain types: the
 * HTTP layer resolves credentials into an Identity; the GraphQL layer checks roles against it.
 */

/** Roles in increasing order of power: each role may do everything the ones before it may. */
export const ROLES = ['reader', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** True when `held` includes at least the power of `needed`. */
export function roleAtLeast(held: Role | null, needed: Role): boolean {
  return held !== null && ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** The strongest of some role names; names that are not roles are ignored. */
export function strongestRole(names: readonly unknown[]): Role | null {
  let best: Role | null = null;
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const role = name.toLowerCase() as Role;
    if (ROLES.includes(role) && (best === null || ROLES.indexOf(role) > ROLES.indexOf(best))) best = role;
  }
  return best;
}

/** How a request proved who it is. */
export type IdentityKind = 'anonymous' | 'api-key' | 'jwt';

/** The caller of one request. Never holds a secret. */
export interface Identity {
  readonly kind: IdentityKind;
  /** A name for people: the key's name, the token's subject, or `anonymous`. */
  readonly name: string;
  /** The key budgets are kept under: `key:<name>`, `jwt:<subject>`, or `ip:<address>` for anonymous callers. */
  readonly budgetKey: string;
  /** The roles it holds (empty when anonymous). */
  readonly roles: readonly Role[];
  /** The strongest of them, or null when anonymous. */
  readonly role: Role | null;
  /** When the credential stops being valid (epoch ms), if it says. */
  readonly expiresAt?: number;
}

/** A stored API key: everything about it except the secret, which is kept only as its hash. */
export interface ApiKeyRecord {
  /** Unique, chosen by the admin: letters, digits, `.`, `_` and `-`, at most 64. */
  readonly name: string;
  readonly role: Role;
  /** SHA-256 of the key, lowercase hex. */
  readonly hash: string;
  /** ISO-8601 instants. */
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** A new key's record, as written. */
export type NewApiKey = Pick<ApiKeyRecord, 'name' | 'role' | 'hash' | 'createdAt' | 'expiresAt'>;

/** The most keys one store holds (so listing them is bounded). */
export const MAX_API_KEYS = 10_000;

/** A key name's shape. */
export const API_KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
