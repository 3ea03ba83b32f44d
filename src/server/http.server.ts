import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { buildGraphQLSchema } from '../graphql/schema';
import { createContext, RequestContext } from '../graphql/context';
import { formatError } from '../graphql/errors';
import type { GraphStore } from '../store/store';
import { applyCors, CorsPolicy, corsPolicyFromEnv } from './cors';
import { refuseBeforeApollo, requestErrorStatus, responseStatus } from './graphql-over-http';
import { ClientBudgets } from './limits/client-budget';
import { ClientSlots } from './limits/client-slots';
import { HeavyLane } from './limits/heavy-lane';
import { limitsFromEnv, type LimitsConfig } from './limits/limits.config';
import { LIMIT_CODES, limitsPlugin } from './limits/limits.plugin';
import { createPlayground } from './playground';

/** Options of the HTTP server. */
export interface ServerOptions {
  readonly store: GraphStore;
  readonly logger: Logger;
  readonly port?: number;
  readonly host?: string;
  readonly cors?: CorsPolicy;
  /** Request limits (default: from the environment, README "Limits"). */
  readonly limits?: LimitsConfig;
}

/** A running server: its URL, and a way to stop it (the store is left open). */
export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/** Starts the GraphQL API at `/graphql` (POST, and GET for queries) plus `/health`. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { store, logger } = options;
  const cors = options.cors ?? corsPolicyFromEnv();
  const limits = options.limits ?? limitsFromEnv();
  const slots = new ClientSlots(limits.maxConcurrentPerClient, limits.maxQueuedPerClient);
  const budgets = limits.costBudgetPerMin > 0 ? new ClientBudgets(limits.costBudgetPerMin, limits.budgetWindowMs) : null;
  const lane = limits.maxHeavyConcurrent > 0 ? new HeavyLane(limits.maxHeavyConcurrent, limits.maxHeavyQueued) : null;
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildGraphQLSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Reads are public and carry no cookies; CSRF prevention would block plain browser GETs.
    csrfPrevention: false,
    // Tokens are bounded while parsing, so an oversized document is never built in memory.
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin(limits, budgets, lane)],
    formatError: (formatted, error) => formatError(formatted, error, (err) => logger.error({ err }, 'unexpected error in a resolver')),
  });
  await apollo.start();
  const playground = createPlayground({ endpointPath: '/graphql' });

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      logger.error({ err }, 'request failed');
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(cors, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A browser opening /graphql gets the offline Altair IDE; API calls fall through.
    if (playground.handle(req, res, url)) return;
    if (url.pathname === '/health') return send(res, 200, { status: 'ok', store: store.kind });
    if (url.pathname !== '/graphql') return send(res, 404, { error: 'not found; the API is at /graphql' });
    // GraphQL over HTTP: other methods, non-JSON POSTs and GET mutations never reach Apollo.
    const refused = refuseBeforeApollo({ method: req.method, contentType: req.headers['content-type'], accept: req.headers.accept, search: url.search, maxTokens: limits.maxTokens });
    if (refused) return void res.writeHead(refused.status, refused.headers).end(refused.body);

    const body = req.method === 'POST' ? await readJson(req, limits.maxBodyBytes) : undefined;
    if (body instanceof Error) return send(res, 400, { errors: [{ message: body.message, extensions: { code: 'BAD_REQUEST' } }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const started = process.hrtime.bigint();
    const client = { id: `ip:${req.socket.remoteAddress ?? 'unknown'}`, costOnly: headers.get('x-kg-cost-only') === '1' };
    let context: RequestContext | undefined;
    const release = await slots.acquire(client.id);
    if (!release) {
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
      return void res.end(JSON.stringify({ errors: [{
        message: `this client already has ${limits.maxConcurrentPerClient} requests running and ${limits.maxQueuedPerClient} waiting (KG_MAX_CONCURRENT_PER_CLIENT, KG_MAX_QUEUED_PER_CLIENT); retry in 1 s`,
        extensions: { code: LIMIT_CODES.rate, limit: limits.maxQueuedPerClient, actual: limits.maxQueuedPerClient + 1 },
      }] }));
    }
    let tracked;
    try {
      // The deadline starts with the request's turn, not while it waits behind its own client's others.
      const deadline = Date.now() + limits.queryTimeoutMs;
      tracked = await store.track(
        () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: req.method!, headers, search: url.search, body },
            context: async () => (context = createContext(store, client, deadline)),
          }),
        { deadline, timeoutMs: limits.queryTimeoutMs, maxObjects: limits.maxResponseNodes },
      );
    } finally {
      context?.report.endTurn?.();
      release();
    }
    const { result, roundTrips } = tracked;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    const cost = context?.report.cost;
    if (cost) {
      res.setHeader('X-KG-Cost', String(cost.estimated));
      res.setHeader('X-KG-Cost-Limit', String(cost.limit));
      if (cost.budget) {
        res.setHeader('RateLimit-Limit', String(cost.budget.limit));
        res.setHeader('RateLimit-Remaining', String(cost.budget.remaining));
        res.setHeader('RateLimit-Reset', String(Math.ceil(cost.budget.resetMs / 1000)));
      }
    }
    res.setHeader('X-KG-Round-Trips', String(roundTrips));
    res.setHeader('Server-Timing', `total;dur=${ms.toFixed(1)}, db;desc="${roundTrips} round trips"`);
    const status = result.status ?? 200;
    res.statusCode = result.body.kind === 'complete' ? responseStatus({ status, contentType: result.headers.get('content-type'), body: result.body.string }) : status;
    if (result.body.kind === 'complete') {
      const bytes = Buffer.byteLength(result.body.string);
      if (bytes > limits.maxResponseBytes) {
        // Checked before a byte is sent: the response is dropped whole, never cut.
        res.statusCode = requestErrorStatus(result.headers.get('content-type'));
        res.end(JSON.stringify({
          errors: [{
            message: `the response would be ${bytes} bytes, over the limit of ${limits.maxResponseBytes} (KG_MAX_RESPONSE_BYTES); ask for fewer items or fields`,
            extensions: { code: LIMIT_CODES.response, limit: limits.maxResponseBytes, actual: bytes, unit: 'bytes' },
          }],
          ...(cost ? { extensions: { cost } } : {}),
        }));
      } else {
        res.end(result.body.string);
      }
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
    logger.debug({ method: req.method, status: res.statusCode, ms, roundTrips }, 'graphql request');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/graphql`,
    server,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown | Error> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return new Error(`request body over ${maxBytes} bytes (KG_MAX_BODY_BYTES)`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return new Error('request body is not valid JSON');
  }
}
