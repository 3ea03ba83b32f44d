import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The content security policy of every response: scripts, styles, fonts and images from this
 * origin only (the playground's inline scripts by their hashes, never 'unsafe-inline' for
 * scripts), requests to this origin only, no plugins, no foreign frames, and no framing by other
 * sites.
 */
export function policyDirectives(inlineScriptHashes: readonly string[]): Directives {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...inlineScriptHashes],
    // Altair (Angular) and sigma set style attributes at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  };
}

/** Security headers for every response, from helmet, with the policy above. */
export function securityHeaders(inlineScriptHashes: readonly string[]): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: policyDirectives(inlineScriptHashes) },
    // Dashboards on other origins read the API with CORS; resource isolation would stop <img>/<script>
    // embedding only, which nothing here needs, but it must not block those CORS reads.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * Sets helmet's headers on every response, from one middleware built at start-up. @fastify/helmet
 * (13.2) builds helmet's middleware again for every request, parsing the policy each time: 4% of
 * the server's CPU on a light query. A route changes them with `reply.header` / `reply.removeHeader`.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const setHeaders = helmet(options);
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
}

/**
 * The same policy as one header value, with the sites that may frame the page replaced: the
 * explorer, which dashboards embed, sends this instead of helmet's (and no X-Frame-Options).
 */
export function framablePolicy(frameAncestors: readonly string[]): string {
  const directives = { ...policyDirectives([]), frameAncestors: [...frameAncestors] };
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';');
}
