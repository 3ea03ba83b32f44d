import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createContext, type RequestClient, type RequestContext } from '../graphql/context';
import type { GraphStore } from '../store/store';
import { IdempotentRequests } from './idempotency';
import { refuseBeforeApollo, requestErrorStatus, responseStatus } from './graphql-over-http';
import type { ClientSlots } from './limits/client-slots';
import type { LimitsConfig } from './limits/limits.config';
import { LIMIT_CODES } from './limits/limits.plugin';
import { ServerMetrics } from './metrics';
import type { Playground } from './playground';
import { requestLog } from './request-log';

/** What the `/graphql` route needs. */
export interface GraphQLRouteOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly store: GraphStore;
  readonly limits: LimitsConfig;
  readonly slots: ClientSlots;
  readonly playground: Playground;
  readonly metrics: ServerMetrics | null;
  readonly endpointPath: string;
}

/** Every method is routed here, so that the ones GraphQL over HTTP refuses get its 405, not a 404. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

interface Pending {
  readonly client: RequestClient;
  readonly deadline: number;
  context?: RequestContext;
}

/**
 * `/graphql`: GraphQL over HTTP through Apollo's Fastify integration, inside the server's
 * policies. Before Apollo: the GraphQL-over-HTTP refusals (405, 415) and, for a browser, the
 * playground page. Around it: the client's turn, one deadline and object cap for its store work,
 * and the headers that report it (cost, budget, round trips, Server-Timing). After it: the status
 * for the negotiated media type, and the response byte cap.
 */
export function registerGraphQLRoute(app: FastifyInstance, options: GraphQLRouteOptions): void {
  const { apollo, store, limits, slots, playground, metrics, endpointPath } = options;
  const idempotency = new IdempotentRequests(store.idempotency);
  const pending = new WeakMap<FastifyRequest, Pending>();
  const apolloHandler = fastifyApolloHandler<RequestContext>(apollo, {
    context: async (request) => {
      const state = pending.get(request)!;
      return (state.context = createContext(store, state.client, state.deadline));
    },
  });

  app.route({
    method: [...METHODS],
    url: endpointPath,
    // Anyone in public mode, `reader` in private mode; each operation's own roles are checked by
    // the access plugin. The playground's page holds no data, so it opens without credentials.
    config: { access: 'reads', openWhen: (request) => playground.wantsPage(request) },
    // Runs before the body is read, so a refused request's body is never parsed.
    onRequest: async (request, reply) => {
      if (playground.wantsPage(request)) return playground.sendPage(request, reply);
      // Apollo's integration builds the request URL from the Host header; one it cannot parse is
      // the client's mistake (400), not a server error.
      if (!hostParses(request)) {
        return reply.code(400).type('application/json; charset=utf-8').send({ errors: [{ message: 'the Host header is missing or not a valid host', extensions: { code: 'BAD_REQUEST' } }] });
      }
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const refused = refuseBeforeApollo({ method: request.method, contentType: request.headers['content-type'], accept: request.headers.accept, search, maxTokens: limits.maxTokens });
      if (refused) {
        metrics?.refusals.inc({ reason: refused.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'METHOD_NOT_ALLOWED' });
        return reply.code(refused.status).headers(refused.headers).send(refused.body);
      }
      return undefined;
    },
    // A retried POST with an Idempotency-Key gets the first answer again, without running (idempotency.ts).
    handler: (request, reply) => idempotency.handle(request, reply, () => answer(request, reply)),
  });

  async function answer(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const started = process.hrtime.bigint();
    const client: RequestClient = { identity: request.identity, costOnly: request.headers['x-kg-cost-only'] === '1' };
    // Turns are per address (many browsers may share one dashboard's key); budgets per identity.
    const release = await slots.acquire(`ip:${request.ip ?? 'unknown'}`);
    if (!release) {
      metrics?.refusals.inc({ reason: LIMIT_CODES.rate });
      return reply.code(429).header('retry-after', '1').type('application/json; charset=utf-8').send(JSON.stringify({ errors: [{
        message: `this client already has ${limits.maxConcurrentPerClient} requests running and ${limits.maxQueuedPerClient} waiting (KG_MAX_CONCURRENT_PER_CLIENT, KG_MAX_QUEUED_PER_CLIENT); retry in 1 s`,
        extensions: { code: LIMIT_CODES.rate, limit: limits.maxQueuedPerClient, actual: limits.maxQueuedPerClient + 1 },
      }] }));
    }
    // The deadline starts with the request's turn, not while it waits behind its own client's others.
    const state: Pending = { client, deadline: Date.now() + limits.queryTimeoutMs };
    pending.set(request, state);
    let tracked;
    try {
      tracked = await requestLog.run(request.log as unknown as Logger, () =>
        store.track(() => apolloHandler.call(app, request as never, reply as never) as Promise<unknown>, {
          deadline: state.deadline, timeoutMs: limits.queryTimeoutMs, maxObjects: limits.maxResponseNodes,
        }));
    } finally {
      state.context?.report.endTurn?.();
      release();
    }
    const { result: body, roundTrips } = tracked;
    if (state.context?.report.notModified) {
      // The client's copy is current (If-None-Match named the ETag): 304, no body.
      record(metrics, state.context, roundTrips);
      reply.removeHeader('content-type');
      return reply.code(304).send();
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cost = state.context?.report.cost;
    if (cost) {
      reply.header('X-KG-Cost', String(cost.estimated));
      reply.header('X-KG-Cost-Limit', String(cost.limit));
      if (cost.budget) {
        reply.header('RateLimit-Limit', String(cost.budget.limit));
        reply.header('RateLimit-Remaining', String(cost.budget.remaining));
        reply.header('RateLimit-Reset', String(Math.ceil(cost.budget.resetMs / 1000)));
      }
    }
    reply.header('X-KG-Round-Trips', String(roundTrips));
    reply.header('Server-Timing', `total;dur=${ms.toFixed(1)}, db;desc="${roundTrips} round trips"`);
    if (typeof body !== 'string') return body; // a stream (incremental delivery): sent as it comes
    const contentType = headerText(reply.getHeader('content-type'));
    reply.code(responseStatus({ status: reply.statusCode, contentType, body }));
    const bytes = Buffer.byteLength(body);
    if (bytes <= limits.maxResponseBytes) {
      record(metrics, state.context, roundTrips);
      return body;
    }
    // Checked before a byte is sent: the response is dropped whole, never cut.
    if (state.context) state.context.report.outcome = LIMIT_CODES.response;
    record(metrics, state.context, roundTrips);
    reply.code(requestErrorStatus(contentType));
    return JSON.stringify({
      errors: [{
        message: `the response would be ${bytes} bytes, over the limit of ${limits.maxResponseBytes} (KG_MAX_RESPONSE_BYTES); ask for fewer items or fields`,
        extensions: { code: LIMIT_CODES.response, limit: limits.maxResponseBytes, actual: bytes, unit: 'bytes' },
      }],
      ...(cost ? { extensions: { cost } } : {}),
    });
  }
}

function hostParses(request: FastifyRequest): boolean {
  try {
    return typeof request.hostname === 'string' && request.hostname !== '' && URL.canParse(request.url, `${request.protocol}://${request.hostname}/`);
  } catch {
    return false;
  }
}

function headerText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

const LIMIT_CODE_SET: ReadonlySet<string> = new Set(Object.values(LIMIT_CODES));

/** Counts the request by operation and outcome, its cost and round trips, and a refusal by its code. */
function record(metrics: ServerMetrics | null, context: RequestContext | undefined, roundTrips: number): void {
  if (!metrics) return;
  const report = context?.report;
  const outcome = ServerMetrics.outcomeLabel(report?.outcome === 'ok' ? undefined : report?.outcome ?? 'OTHER');
  metrics.requests.inc({ operation: metrics.operationLabel(report?.operation), outcome, identity: metrics.identityLabel(context?.client.identity) });
  if (report?.cost) metrics.cost.observe(report.cost.estimated);
  if (report?.cache) metrics.cache.inc({ outcome: report.cache });
  metrics.roundTrips.observe(roundTrips);
  if (LIMIT_CODE_SET.has(outcome)) metrics.refusals.inc({ reason: outcome });
}
