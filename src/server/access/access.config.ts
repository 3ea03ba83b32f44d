import { ConfigurationError } from '../../domain/errors';

/** Who may read: everyone (public, the default) or only callers holding at least `reader`. */
export type ReadAccess = 'public' | 'authenticated';

/** How credentials are checked (README, "Access control"); every field from one variable. */
export interface AccessConfig {
  /** HS256 shared secret (`KG_AUTH_JWT_SECRET`), at least 32 bytes. */
  readonly jwtSecret: string | null;
  /** The identity provider's JWKS (`KG_AUTH_JWKS_URL`). */
  readonly jwksUrl: URL | null;
  /** Required `iss` (`KG_AUTH_ISSUER`). */
  readonly issuer: string | null;
  /** Required `aud` (`KG_AUTH_AUDIENCE`). */
  readonly audience: string | null;
  /** Where a token's roles are (`KG_AUTH_ROLES_CLAIM`, a dotted path; default `roles`). */
  readonly rolesClaim: string;
  /** `KG_AUTH_READS`: `public` or `authenticated` (the private mode). */
  readonly reads: ReadAccess;
  /** Seconds of clock difference tolerated on `exp` and `nbf` (`KG_AUTH_CLOCK_SKEW_S`). */
  readonly clockSkewSeconds: number;
  /** Failed credential checks one address may make per minute (`KG_AUTH_MAX_FAILURES_PER_MIN`). */
  readonly maxFailuresPerMin: number;
  /** Least time between two fetches of the JWKS, in ms (`KG_AUTH_JWKS_COOLDOWN_MS`); a token with an unknown `kid` triggers one. */
  readonly jwksCooldownMs: number;
  /** How long a JWKS is used before it is fetched again, in ms (`KG_AUTH_JWKS_MAX_AGE_MS`). */
  readonly jwksMaxAgeMs: number;
  /** How long a key lookup is reused, in ms: a revocation shows within this (`KG_AUTH_KEY_CACHE_MS`, at most 1000). */
  readonly keyCacheMs: number;
}

export const DEFAULT_ACCESS: AccessConfig = {
  jwtSecret: null,
  jwksUrl: null,
  issuer: null,
  audience: null,
  rolesClaim: 'roles',
  reads: 'public',
  clockSkewSeconds: 30,
  maxFailuresPerMin: 20,
  jwksCooldownMs: 30_000,
  jwksMaxAgeMs: 600_000,
  keyCacheMs: 500,
};

/** The shortest HS256 secret accepted: 256 bits, as RFC 7518 §3.2 requires. */
export const MIN_SECRET_BYTES = 32;

/** Returns the access settings from the environment; a bad value names its variable. */
export function accessFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AccessConfig> = {}): AccessConfig {
  const text = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : null;
  };
  const jwtSecret = text('KG_AUTH_JWT_SECRET');
  if (jwtSecret !== null && Buffer.byteLength(jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigurationError(`KG_AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (HS256 needs a 256-bit key); generate one with \`openssl rand -base64 48\``);
  }
  const jwksText = text('KG_AUTH_JWKS_URL');
  let jwksUrl: URL | null = null;
  if (jwksText !== null) {
    if (!URL.canParse(jwksText) || !/^https?:$/.test(new URL(jwksText).protocol)) {
      throw new ConfigurationError(`KG_AUTH_JWKS_URL must be an http(s) URL, got "${jwksText}"`);
    }
    jwksUrl = new URL(jwksText);
  }
  const reads = (text('KG_AUTH_READS') ?? 'public').toLowerCase();
  if (reads !== 'public' && reads !== 'authenticated') {
    throw new ConfigurationError(`KG_AUTH_READS must be public or authenticated, got "${env.KG_AUTH_READS}"`);
  }
  const rolesClaim = text('KG_AUTH_ROLES_CLAIM') ?? DEFAULT_ACCESS.rolesClaim;
  if (!/^[A-Za-z0-9_:$/-]+(\.[A-Za-z0-9_:$/-]+)*$/.test(rolesClaim)) {
    throw new ConfigurationError(`KG_AUTH_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles, got "${rolesClaim}"`);
  }
  const whole = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
  return {
    jwtSecret,
    jwksUrl,
    issuer: text('KG_AUTH_ISSUER'),
    audience: text('KG_AUTH_AUDIENCE'),
    rolesClaim,
    reads,
    clockSkewSeconds: whole('KG_AUTH_CLOCK_SKEW_S', DEFAULT_ACCESS.clockSkewSeconds, 0, 300),
    maxFailuresPerMin: whole('KG_AUTH_MAX_FAILURES_PER_MIN', DEFAULT_ACCESS.maxFailuresPerMin, 1),
    jwksCooldownMs: whole('KG_AUTH_JWKS_COOLDOWN_MS', DEFAULT_ACCESS.jwksCooldownMs, 0),
    jwksMaxAgeMs: whole('KG_AUTH_JWKS_MAX_AGE_MS', DEFAULT_ACCESS.jwksMaxAgeMs, 1_000),
    keyCacheMs: whole('KG_AUTH_KEY_CACHE_MS', DEFAULT_ACCESS.keyCacheMs, 0, 1_000),
    ...overrides,
  };
}

/** True when the server can verify tokens (a secret or a JWKS); API keys work whatever this says. */
export function tokensConfigured(config: AccessConfig): boolean {
  return config.jwtSecret !== null || config.jwksUrl !== null;
}
