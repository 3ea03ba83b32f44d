import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which browser origins may call the API: `*` (any; the default, since reads are public) or a list. */
export interface CorsPolicy {
  readonly origins: '*' | readonly string[];
}

/** Returns the policy from CORS_ORIGINS ("*" or a comma-separated list of origins). */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw || raw === '*') return { origins: '*' };
  return { origins: raw.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean) };
}

/** Sets the CORS headers for a request; returns true when it was a preflight that is now fully answered. */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin) {
    if (policy.origins === '*') res.setHeader('Access-Control-Allow-Origin', '*');
    else if (policy.origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    res.setHeader('Access-Control-Expose-Headers', 'Server-Timing, X-KG-Round-Trips, X-KG-Cost, X-KG-Cost-Limit, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
  }
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type');
  res.setHeader('Access-Control-Max-Age', '600');
  res.statusCode = 204;
  res.end();
  return true;
}
