import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyCors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildGraphQLSchema } from '../graphql/schema';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../graphql/errors';
import type { GraphStore } from '../store/store';
import { accessFromEnv, tokensConfigured, type AccessConfig } from './access/access.config';
import { registerAccessControl } from './access/access-control';
import { accessPlugin } from './access/access.plugin';
import { Authenticator } from './access/authenticate';
import { corsOptions, CorsPolicy, corsPolicyFromEnv } from './cors';
import { registerGraphQLRoute } from './graphql.route';
import { exportConfigFromEnv, registerExportRoutes, type ExportConfig } from './export/export.route';
import { registerHealth } from './health';
import { ClientBudgets } from './limits/client-budget';
import { ClientSlots } from './limits/client-slots';
import { HeavyLane } from './limits/heavy-lane';
import { warmUp } from './warm-up';
import { limitsFromEnv, type LimitsConfig } from './limits/limits.config';
import { limitsPlugin } from './limits/limits.plugin';
import { registerLoadShedding, sheddingFromEnv, type SheddingConfig } from './load-shedding';
import { metricsPlacementFromEnv, ServerMetrics, type MetricsPlacement } from './metrics';
import { createPlayground } from './playground';
import { explorerConfigFromEnv, registerExplorer, type ExplorerConfig } from './explore/explore.route';
import { requestIdOf } from './request-id';
import { requestLog } from './request-log';
import { registerSecurityHeaders, securityHeaders } from './security-headers';
import { ResponseCache, responseCacheFromEnv, type ResponseCacheConfig } from './response-cache';

/** Options of the HTTP server. */
export interface ServerOptions {
  readonly store: GraphStore;
  readonly logger: Logger;
  readonly port?: number;
  /** The address to bind (default 127.0.0.1: reachable from this machine only). */
  readonly host?: string;
  readonly cors?: CorsPolicy;
  /** Request limits (default: from the environment, README "Limits"). */
  readonly limits?: LimitsConfig;
  /** Load shedding (default: from the environment, README "Operating it"). */
  readonly shedding?: SheddingConfig;
  /** Where metrics are served (default: from KG_METRICS). */
  readonly metrics?: MetricsPlacement;
  /** How credentials are checked (default: from the environment, README "Access control"). */
  readonly access?: AccessConfig;
  /** Runs a few small read operations through the route before listening (src/server/warm-up.ts; `kg serve` sets it from `KG_WARM_UP`). */
  readonly warmUp?: boolean;
  /** Bounds of the exports (default: from the environment, README "Exports"). */
  readonly exports?: ExportConfig;
  /** Who may frame the explorer (default: from the environment, README "Explore"). */
  readonly explorer?: ExplorerConfig;
  /** Defaults to KG_RESPONSE_CACHE_MB and KG_RESPONSE_CACHE_MAX_ENTRY_KB (response-cache.ts). */
  readonly responseCache?: ResponseCacheConfig;
}

/** A running server: its URL, and a way to stop it (the store is left open). */
export interface RunningServer {
  readonly url: string;
  /** The address and port really bound (`0.0.0.0` or `::` when every interface). */
  readonly bound: { readonly address: string; readonly port: number };
  readonly server: Server;
  /** The metrics' own URL when they have a port of their own. */
  readonly metricsUrl?: string;
  /**
   * Stops accepting connections, lets requests in flight finish for at most `graceMs` (then closes
   * what is left), and resolves; the store is left open.
   */
  stop(graceMs?: number): Promise<void>;
}

export const API_PATH = '/graphql';

/**
 * Starts the API on Fastify: GraphQL at `/graphql` (POST, and GET for queries) with the offline
 * playground, the explorer at `/explore`, the exports under `/export`, `/health/live`, `/health/ready` and `/metrics`. Every route goes through the same
 * request ids, security headers, CORS and load shedding; `/graphql` also through the request limits.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { store, logger } = options;
  const limits = options.limits ?? limitsFromEnv();
  const placement = options.metrics ?? metricsPlacementFromEnv();
  const metrics = placement.kind === 'off' ? null : new ServerMetrics(store);
  const slots = new ClientSlots(limits.maxConcurrentPerClient, limits.maxQueuedPerClient);
  const access = options.access ?? accessFromEnv();
  const authenticator = new Authenticator(access, store.apiKeys, (level, fields, message) => logger[level](fields, message));
  const allBudgets = new ClientBudgets(limits);
  const budgets = allBudgets.empty ? null : allBudgets;
  const lane = limits.maxHeavyConcurrent > 0 ? new HeavyLane(limits.maxHeavyConcurrent, limits.maxHeavyQueued) : null;
  const playground = createPlayground({ endpointPath: API_PATH });
  const cache = new ResponseCache(options.responseCache ?? responseCacheFromEnv());

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requestIdOf,
    // One line per request is written below, at debug; Fastify's two per request would be at info.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.maxBodyBytes,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildGraphQLSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Signals belong to src/server/shutdown.ts. Apollo's own handler (installed unless NODE_ENV is
    // `test`) stopped Apollo and sent the signal again, which the shutdown read as an operator's
    // second signal: one SIGTERM exited at once, cutting the requests in flight.
    stopOnTerminationSignals: false,
    // Reads are public and carry no cookies; CSRF prevention would block plain browser GETs.
    // A POST must be application/json (src/server/graphql-over-http.ts), which a cross-site form cannot send.
    csrfPrevention: false,
    // Tokens are bounded while parsing, so an oversized document is never built in memory.
    parseOptions: { maxTokens: limits.maxTokens },
    // Roles first: a refused operation is neither priced against a budget nor queued.
    // Then the response cache, so that an answer from memory has passed the same checks and spent the same budget.
    // Cache-Control is the response cache's (response-cache.ts); Apollo's cache-control plugin
    // would wrap every field's resolver to collect hints that no field gives.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), accessPlugin(() => howToAuthenticate(access)), limitsPlugin(limits, budgets, lane), cache.plugin()],
    formatError: (formatted, error) =>
      formatError(formatted, error, (err) => (requestLog.getStore() ?? logger).error({ err }, 'unexpected error in a resolver')),
  });
  await apollo.start();

  let closing = false;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // While shutting down, each answer in flight closes its connection, so keep-alive never holds the exit.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const seconds = reply.elapsedTime / 1000;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics?.latency.observe({ route, method: request.method, status: String(reply.statusCode) }, seconds);
    request.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: Number(reply.elapsedTime.toFixed(1)) }, 'request');
    done();
  });
  await registerLoadShedding(app, options.shedding ?? sheddingFromEnv(), (reason) => metrics?.refusals.inc({ reason: `OVERLOADED:${reason}` }));
  registerSecurityHeaders(app, securityHeaders(playground.scriptHashes));
  await app.register(fastifyCors, corsOptions(options.cors ?? corsPolicyFromEnv()));
  registerAccessControl(app, access, authenticator, { failure: (reason) => metrics?.authFailures.inc({ reason }) });

  // The body is read by Fastify (bounded by KG_MAX_BODY_BYTES) and parsed here, so that an empty
  // body reaches Apollo as `{}` (its own "missing query" answer) and bad JSON gets a GraphQL error.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(Object.assign(new Error('request body is not valid JSON'), { statusCode: 400, code: 'BAD_REQUEST' }), undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? `request body over ${limits.maxBodyBytes} bytes (KG_MAX_BODY_BYTES)`
      : status >= 500 ? 'Internal server error' : error.message;
    const code = status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    return reply.code(status).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code } }] });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: `not found; the API is at ${API_PATH}` }));

  registerHealth(app, store);
  await playground.register(app);
  registerGraphQLRoute(app, { apollo, store, limits, slots, playground, metrics, endpointPath: API_PATH });
  registerExportRoutes(app, API_PATH, options.exports ?? exportConfigFromEnv());
  registerExplorer(app, { endpoint: API_PATH, playground: `${API_PATH}/ide/`, exports: '/export' }, options.explorer ?? explorerConfigFromEnv());

  let metricsApp: FastifyInstance | null = null;
  if (metrics && placement.kind === 'same-port') serveMetrics(app, metrics);
  if (metrics && placement.kind === 'own-port') {
    metricsApp = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), genReqId: requestIdOf });
    serveMetrics(metricsApp, metrics);
    await metricsApp.listen({ port: placement.port, host: placement.host });
  }

  if (options.warmUp) await warmUp(app, API_PATH, (fields, message) => logger.info(fields, message));
  await app.listen({ port: options.port ?? 4000, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const metricsAddress = metricsApp?.server.address() as AddressInfo | undefined;
  let stopping: Promise<void> | null = null;
  return {
    url: `${urlOf(address)}${API_PATH}`,
    bound: { address: address.address, port: address.port },
    server: app.server,
    ...(metricsAddress ? { metricsUrl: `${urlOf(metricsAddress)}/metrics` } : {}),
    stop: (graceMs = 10_000) => (stopping ??= (async () => {
      closing = true;
      // Fastify stops accepting, closes idle keep-alive connections, and waits for requests in
      // flight; past the grace period whatever is left is closed.
      const late = setTimeout(() => app.server.closeAllConnections(), graceMs);
      try {
        await app.close();
        await metricsApp?.close();
        await apollo.stop();
      } finally {
        clearTimeout(late);
      }
    })()),
  };
}

/** What an anonymous caller refused a role is told about getting one. */
export function howToAuthenticate(access: AccessConfig): string {
  return tokensConfigured(access)
    ? 'use a token from the identity provider or an API key'
    : 'this server verifies no tokens (KG_AUTH_JWT_SECRET and KG_AUTH_JWKS_URL are unset), so only API keys work: an admin creates one with `kg keys create --name NAME --role curator`';
}

function serveMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  // The same access as reads: public in public mode, `reader` in private mode.
  app.get('/metrics', { config: { access: 'reads' } }, async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}

/** The URL of a bound address; an unspecified address (0.0.0.0, ::) is shown as this machine's loopback. */
function urlOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
