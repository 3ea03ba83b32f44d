import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { strongestRole, type Identity, type Role, ROLES } from '../../domain/identity.types';
import type { AccessConfig } from './access.config';
import { CredentialError } from './credential-error';

/** How long a verified token is reused without checking its signature again (a key dropped from the JWKS stops working within this). */
const VERIFIED_TTL_MS = 30_000;
/** Verified tokens kept at most; past this the cache starts over. */
const MAX_VERIFIED = 10_000;

/** Algorithms a shared secret verifies. */
const HMAC_ALGORITHMS = ['HS256'];
/** Algorithms a JWKS verifies: asymmetric only, so an HS-signed token can never be checked against a public key. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/**
 * Verifies bearer JWTs with `jose`: HS256 against `KG_AUTH_JWT_SECRET`, asymmetric algorithms
 * against the JWKS at `KG_AUTH_JWKS_URL` (fetched and cached by jose's remote key set, which
 * fetches again for a `kid` it has not seen, at most once per cooldown: that is key rotation).
 * The token's header picks which of the two checks it, and each allows only its own algorithms:
 * `alg: none` is refused by both, and an HS-signed token is never checked against an RSA key.
 * `exp` is required; `exp` and `nbf` get the configured clock skew; `iss` and `aud` are checked when set.
 */
export class JwtVerifier {
  private readonly secret: Uint8Array | null;
  private readonly jwks: JWTVerifyGetKey | null;
  /**
   * Tokens verified lately, by their text: a dashboard sends one token many times, and verifying a
   * signature costs more than the rest of a small request. Reused for at most VERIFIED_TTL_MS and
   * never past the token's own `exp` (plus the skew); bounded in count.
   */
  private readonly verified = new Map<string, { identity: Identity; until: number }>();

  constructor(private readonly config: AccessConfig) {
    this.secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
    this.jwks = config.jwksUrl
      ? createRemoteJWKSet(config.jwksUrl, { cooldownDuration: config.jwksCooldownMs, cacheMaxAge: config.jwksMaxAgeMs, timeoutDuration: 5_000 })
      : null;
  }

  get enabled(): boolean {
    return this.secret !== null || this.jwks !== null;
  }

  async verify(token: string, now = Date.now()): Promise<Identity> {
    const hit = this.verified.get(token);
    if (hit && hit.until > now) return hit.identity;
    const identity = await this.check(token);
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    const expires = identity.expiresAt === undefined ? Infinity : identity.expiresAt + this.config.clockSkewSeconds * 1000;
    this.verified.set(token, { identity, until: Math.min(now + VERIFIED_TTL_MS, expires) });
    return identity;
  }

  private async check(token: string): Promise<Identity> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new CredentialError('malformed', 'the bearer token is not a JWT or an API key');
    }
    if (typeof alg !== 'string' || alg.toLowerCase() === 'none') {
      throw new CredentialError('bad_token', 'the token is unsigned (alg none); only signed tokens are accepted');
    }
    const hmac = alg.startsWith('HS');
    if (hmac && !this.secret) {
      throw new CredentialError('bad_token', `the token is signed with ${alg}, but this server verifies ${this.jwks ? `only ${ASYMMETRIC_ALGORITHMS.join(', ')} tokens (from its JWKS)` : 'no tokens'}`);
    }
    if (!hmac && !this.jwks) {
      throw new CredentialError('bad_token', `the token is signed with ${alg}, but this server verifies ${this.secret ? 'only HS256 tokens' : 'no tokens'}`);
    }
    const options = {
      algorithms: hmac ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS,
      clockTolerance: this.config.clockSkewSeconds,
      requiredClaims: ['exp', 'sub'],
      ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
      ...(this.config.audience ? { audience: this.config.audience } : {}),
    };
    let payload: JWTPayload;
    try {
      payload = hmac ? (await jwtVerify(token, this.secret!, options)).payload : (await jwtVerify(token, this.jwks!, options)).payload;
    } catch (err) {
      throw refusalOf(err);
    }
    const sub = payload.sub!;
    const roles = rolesIn(payload, this.config.rolesClaim);
    const username = (payload as Record<string, unknown>).preferred_username;
    return {
      kind: 'jwt',
      name: typeof username === 'string' && username !== '' ? username : sub,
      budgetKey: `jwt:${payload.iss ?? ''}:${sub}`,
      roles,
      role: strongestRole(roles),
      ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp * 1000 } : {}),
    };
  }
}

/** The roles found at a dotted claim path: an array of names, or one space- or comma-separated string. */
export function rolesIn(payload: JWTPayload, path: string): Role[] {
  // A claim named exactly `path` wins (Auth0's namespaced claims are URLs, with dots in them).
  let value: unknown = (payload as Record<string, unknown>)[path];
  if (value === undefined) {
    value = payload;
    for (const part of path.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
  }
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const held = new Set(names.filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase()));
  return ROLES.filter((role) => held.has(role));
}

function refusalOf(err: unknown): CredentialError {
  if (err instanceof joseErrors.JWTExpired) return new CredentialError('expired_token', 'the token has expired', err.message);
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return new CredentialError('expired_token', 'the token is not valid yet (nbf)', err.message);
    if (err.claim === 'iss') return new CredentialError('bad_token', 'the token\'s issuer (iss) is not the one this server trusts', err.message);
    if (err.claim === 'aud') return new CredentialError('bad_token', 'the token\'s audience (aud) is not this server', err.message);
    return new CredentialError('bad_token', `the token's ${err.claim} claim is missing or invalid`, err.message);
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return new CredentialError('bad_token', 'the token\'s algorithm is not accepted here', err.message);
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new CredentialError('bad_token', 'the token\'s signature is not valid', err.message);
  if (err instanceof joseErrors.JWKSNoMatchingKey) return new CredentialError('bad_token', 'the token is signed by a key the identity provider does not list', err.message);
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || (err as { code?: string })?.code === 'ERR_JOSE_GENERIC') {
    // The JWKS could not be fetched: the client's token may be fine, but it cannot be checked now.
    return new CredentialError('bad_token', 'the token cannot be verified now (the identity provider\'s keys are unreachable); retry shortly', (err as Error).message);
  }
  if (err instanceof joseErrors.JOSEError) return new CredentialError('bad_token', 'the token is not valid', `${err.code}: ${err.message}`);
  return new CredentialError('bad_token', 'the token is not valid', (err as Error)?.message);
}
