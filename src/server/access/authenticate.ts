import { RateLimiterMemory } from 'rate-limiter-flexible';
import { looksLikeApiKey } from '../../domain/api-key.secret';
import type { Identity } from '../../domain/identity.types';
import type { ApiKeyStore } from '../../store/store';
import type { AccessConfig } from './access.config';
import { ApiKeyVerifier } from './api-key-verifier';
import { CredentialError, type CredentialFailure } from './credential-error';
import { JwtVerifier } from './jwt-verifier';

/** The headers credentials come in. */
export interface CredentialHeaders {
  readonly authorization?: string | string[];
  readonly 'x-api-key'?: string | string[];
}

/** A request refused for its credentials: 401, or 429 once its address has failed too often. */
export class AuthenticationRefusal extends Error {
  constructor(
    readonly status: 401 | 429,
    message: string,
    readonly reason: CredentialFailure | 'missing' | 'too_many_failures',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthenticationRefusal';
  }
}

/** The identity of a caller that sent no credentials. */
export function anonymousIdentity(address: string): Identity {
  return { kind: 'anonymous', name: 'anonymous', budgetKey: `ip:${address}`, roles: [], role: null };
}

/** Longest credential read: a JWT from an identity provider with many groups stays far below. */
const MAX_CREDENTIAL_LENGTH = 8_192;

/**
 * Turns a request's credentials into an Identity: none → anonymous; `Authorization: Bearer <key>`
 * or `X-API-Key: <key>` → the API key's identity; `Authorization: Bearer <JWT>` → the token's.
 * Credentials that are sent but fail are refused (401), never downgraded to anonymous. Each
 * address may fail `maxFailuresPerMin` times a minute; after that its credentials are not even
 * looked at until the minute is over (429).
 */
export class Authenticator {
  readonly jwt: JwtVerifier;
  readonly keys: ApiKeyVerifier;
  private readonly failures: RateLimiterMemory;

  constructor(
    readonly config: AccessConfig,
    keyStore: ApiKeyStore,
    onNote: (level: 'warn' | 'error', fields: Record<string, unknown>, message: string) => void = () => {},
  ) {
    this.jwt = new JwtVerifier(config);
    this.keys = new ApiKeyVerifier(keyStore, config.keyCacheMs, onNote);
    this.failures = new RateLimiterMemory({ points: config.maxFailuresPerMin, duration: 60 });
  }

  /** True when the request carries any credential header. */
  static presented(headers: CredentialHeaders): boolean {
    return headers.authorization !== undefined || headers['x-api-key'] !== undefined;
  }

  async identify(headers: CredentialHeaders, address: string): Promise<Identity> {
    if (!Authenticator.presented(headers)) return anonymousIdentity(address);
    const spent = await this.failures.get(address);
    if (spent && spent.consumedPoints >= this.config.maxFailuresPerMin) {
      throw new AuthenticationRefusal(429, `too many failed credential checks from this address (${this.config.maxFailuresPerMin} a minute, KG_AUTH_MAX_FAILURES_PER_MIN); retry in ${Math.ceil(spent.msBeforeNext / 1000)} s`, 'too_many_failures', Math.max(1, Math.ceil(spent.msBeforeNext / 1000)));
    }
    try {
      return await this.check(headers);
    } catch (err) {
      if (!(err instanceof CredentialError)) throw err;
      await this.failures.penalty(address, 1).catch(() => undefined);
      throw new AuthenticationRefusal(401, err.message, err.reason);
    }
  }

  private async check(headers: CredentialHeaders): Promise<Identity> {
    const authorization = single(headers.authorization, 'Authorization');
    const apiKey = single(headers['x-api-key'], 'X-API-Key');
    let bearer: string | undefined;
    if (authorization !== undefined) {
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
      if (!match) throw new CredentialError('malformed', 'the Authorization header must be "Bearer <token or API key>"');
      bearer = match[1];
    }
    if (bearer !== undefined && apiKey !== undefined && bearer !== apiKey) {
      throw new CredentialError('malformed', 'send one credential: Authorization and X-API-Key differ');
    }
    const credential = (bearer ?? apiKey)!.trim();
    if (credential.length > MAX_CREDENTIAL_LENGTH) throw new CredentialError('malformed', `the credential is longer than ${MAX_CREDENTIAL_LENGTH} characters`);
    if (looksLikeApiKey(credential)) return this.keys.verify(credential);
    if (apiKey !== undefined && bearer === undefined) throw new CredentialError('bad_key', 'the API key is not valid');
    if (credential.split('.').length !== 3) throw new CredentialError('malformed', 'the bearer credential is neither an API key (kg_…) nor a JWT');
    if (!this.jwt.enabled) {
      throw new CredentialError('tokens_off', 'this server verifies no JWTs (neither KG_AUTH_JWT_SECRET nor KG_AUTH_JWKS_URL is set); use an API key');
    }
    return this.jwt.verify(credential);
  }
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new CredentialError('malformed', `send one ${name} header`);
    return value[0];
  }
  return value;
}
