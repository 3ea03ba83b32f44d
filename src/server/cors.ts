import type { FastifyCorsOptions } from '@fastify/cors';

/** Which browser origins may call the API: `*` (any; the default, since reads are public) or a list. */
export interface CorsPolicy {
  readonly origins: '*' | readonly string[];
}

/** The response headers a browser script on another origin may read. */
export const EXPOSED_HEADERS = [
  'Server-Timing', 'X-Request-Id', 'X-KG-Round-Trips', 'X-KG-Cost', 'X-KG-Cost-Limit',
  'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'WWW-Authenticate', 'Idempotent-Replayed',
] as const;

/** Returns the policy from CORS_ORIGINS ("*" or a comma-separated list of origins). */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw || raw === '*') return { origins: '*' };
  return { origins: raw.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) };
}

/** The policy as @fastify/cors options: preflights answered with 204 and cached for 10 minutes. */
export function corsOptions(policy: CorsPolicy): FastifyCorsOptions {
  return {
    origin: policy.origins === '*' ? '*' : [...policy.origins],
    methods: ['GET', 'POST', 'OPTIONS'],
    exposedHeaders: [...EXPOSED_HEADERS],
    maxAge: 600,
    // Preflights of any path are answered here (the API is the one cross-origin resource).
    strictPreflight: false,
  };
}
