import { createHash, randomBytes } from 'node:crypto';
import ms from 'ms';
import { BadInputError } from './errors';
import { API_KEY_NAME, ROLES, type ApiKeyRecord, type NewApiKey, type Role } from './identity.types';

/**
 * API key secrets: `kg_` and 43 base64url characters (256 random bits). A key has so much entropy
 * that one SHA-256 is enough to store it (a slow hash protects low-entropy passwords; nothing is
 * gained for a random key, and every request would pay for it).
 */
export const API_KEY_PREFIX = 'kg_';
const SHAPE = /^kg_[A-Za-z0-9_-]{43}$/;

/** A new random key. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** True for a string shaped like one of our keys (checked before any lookup). */
export function looksLikeApiKey(value: string): boolean {
  return SHAPE.test(value);
}

/** The stored form of a key: SHA-256, lowercase hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The longest life of a key or a minted token. */
export const MAX_LIFETIME_MS = 10 * 365 * 24 * 3600_000;

/**
 * Parses a lifetime such as `90d`, `12h`, `30m` or `1y` (the `ms` package's forms) into
 * milliseconds; `what` names the flag or argument in the error.
 */
export function parseLifetime(text: string, what: string, maxMs = MAX_LIFETIME_MS): number {
  const value = ms(text.trim() as ms.StringValue) as number | undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new BadInputError(what, `"${text}" is not a duration; write it like 90d, 12h, 30m or 1y`);
  }
  if (value > maxMs) throw new BadInputError(what, `"${text}" is longer than ${Math.round(maxMs / 86_400_000)} days`);
  return value;
}

/** A new key and the record to store for it: the secret is shown once and never kept. */
export function newApiKey(name: string, role: Role, lifetimeMs: number | null, now = Date.now()): { secret: string; record: NewApiKey } {
  if (!API_KEY_NAME.test(name)) {
    throw new BadInputError('name', `"${name}" is not a key name: 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  if (!ROLES.includes(role)) throw new BadInputError('role', `"${role}" is not one of ${ROLES.join(', ')}`);
  const secret = generateApiKey();
  return {
    secret,
    record: {
      name, role, hash: hashApiKey(secret),
      createdAt: new Date(now).toISOString(),
      expiresAt: lifetimeMs === null ? null : new Date(now + lifetimeMs).toISOString(),
    },
  };
}

/** Whether a key works now. */
export function keyStatus(key: ApiKeyRecord, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}
