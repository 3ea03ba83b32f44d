import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Security headers for every response, from @fastify/helmet. The content security policy lets the
 * offline playground run and nothing else: scripts, styles, fonts and images from this origin only
 * (the playground's inline scripts by their hashes, never 'unsafe-inline' for scripts), requests to
 * this origin only, no plugins, no foreign frames, and no framing by other sites.
 */
export function securityHeaders(inlineScriptHashes: readonly string[]): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes],
        // Altair (Angular) sets style attributes at run time.
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
      },
    },
    // Dashboards on other origins read the API with CORS; resource isolation would stop <img>/<script>
    // embedding only, which nothing here needs, but it must not block those CORS reads.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  };
}
