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
import { createPlayground } from './playground';

const MAX_BODY_BYTES = 1_000_000;

/** Options of the HTTP server. */
export interface ServerOptions {
  readonly store: GraphStore;
  readonly logger: Logger;
  readonly port?: number;
  readonly host?: string;
  readonly cors?: CorsPolicy;
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
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildGraphQLSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Reads are public and carry no cookies; CSRF prevention would block plain browser GETs.
    csrfPrevention: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
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
    if (req.method !== 'GET' && req.method !== 'POST') return send(res, 405, { error: 'use GET or POST' });

    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body instanceof Error) return send(res, 400, { errors: [{ message: body.message, extensions: { code: 'BAD_REQUEST' } }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const started = process.hrtime.bigint();
    const { result, roundTrips } = await store.track(() =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search: url.search, body },
        context: async () => createContext(store),
      }),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.setHeader('X-KG-Round-Trips', String(roundTrips));
    res.setHeader('Server-Timing', `total;dur=${ms.toFixed(1)}, db;desc="${roundTrips} round trips"`);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
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

async function readJson(req: IncomingMessage): Promise<unknown | Error> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return new Error(`request body over ${MAX_BODY_BYTES} bytes`);
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
