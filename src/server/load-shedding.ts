import { getHeapStatistics } from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigurationError } from '../domain/errors';

/** When the server sheds load: any one threshold passed sends new requests away at once. */
export interface SheddingConfig {
  /** Mean event-loop delay, ms (`KG_SHED_EVENT_LOOP_DELAY_MS`; 0 = not checked). */
  readonly maxEventLoopDelayMs: number;
  /** V8 heap in use, bytes (`KG_SHED_HEAP_USED_BYTES`; default 90% of the heap limit; 0 = not checked). */
  readonly maxHeapUsedBytes: number;
  /** Resident memory, bytes (`KG_SHED_RSS_BYTES`; 0 = not checked, the default). */
  readonly maxRssBytes: number;
  /** Requests in flight in the whole process (`KG_SHED_MAX_IN_FLIGHT`; 0 = not checked). */
  readonly maxInFlight: number;
  /** Seconds a shed client is told to wait (`Retry-After`). */
  readonly retryAfterS: number;
}

/** Why a request was shed, as counted in the metrics. */
export type ShedReason = 'event-loop-delay' | 'heap' | 'rss' | 'in-flight' | 'other';

const VARIABLES = {
  maxEventLoopDelayMs: 'KG_SHED_EVENT_LOOP_DELAY_MS',
  maxHeapUsedBytes: 'KG_SHED_HEAP_USED_BYTES',
  maxRssBytes: 'KG_SHED_RSS_BYTES',
  maxInFlight: 'KG_SHED_MAX_IN_FLIGHT',
} as const;

/** Returns the shedding thresholds from the environment over the defaults; a bad value names its variable. */
export function sheddingFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<SheddingConfig> = {}): SheddingConfig {
  const out: Record<string, number> = {
    maxEventLoopDelayMs: 500,
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.9),
    maxRssBytes: 0,
    maxInFlight: 256,
    retryAfterS: 1,
  };
  for (const [key, variable] of Object.entries(VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`${variable} must be a whole number ≥ 0, got "${raw}"`);
    out[key] = value;
  }
  return { ...(out as unknown as SheddingConfig), ...overrides };
}

/** Routes that answer under pressure too: liveness, and the metrics that show the pressure. */
const NEVER_SHED = new Set(['/health', '/health/live', '/metrics']);

const UNDER_PRESSURE_REASONS: Record<string, ShedReason> = {
  eventLoopDelay: 'event-loop-delay',
  heapUsedBytes: 'heap',
  rssBytes: 'rss',
};

/**
 * Load shedding: when the event loop lags, the heap fills or too many requests are in flight, a new
 * request gets 503 `OVERLOADED` with `Retry-After` at once instead of queueing behind the others.
 * The process measures come from @fastify/under-pressure; the in-flight count (which it does not
 * keep) is one counter here. Liveness and metrics are never shed.
 */
export async function registerLoadShedding(app: FastifyInstance, config: SheddingConfig, onShed: (reason: ShedReason) => void = () => undefined): Promise<void> {
  /** Sets the refusal's status and headers and returns its body, for the caller to send. */
  const refusal = (request: FastifyRequest, reply: FastifyReply, reason: ShedReason, detail: string) => {
    onShed(reason);
    request.log.warn({ reason, detail }, 'request shed');
    reply.code(503).header('retry-after', String(config.retryAfterS)).type('application/json; charset=utf-8');
    return { errors: [{ message: `the server is overloaded (${detail}); retry in ${config.retryAfterS} s`, extensions: { code: 'OVERLOADED', reason } }] };
  };
  let inFlight = 0;
  if (config.maxInFlight > 0) {
    app.addHook('onRequest', (request, reply, done) => {
      if (NEVER_SHED.has(request.routeOptions.url ?? '')) return done();
      if (inFlight >= config.maxInFlight) {
        void reply.send(refusal(request, reply, 'in-flight', `${inFlight} requests in flight, the limit is ${config.maxInFlight} (KG_SHED_MAX_IN_FLIGHT)`));
        return;
      }
      inFlight++;
      let counted = true;
      const leave = () => {
        if (!counted) return;
        counted = false;
        inFlight--;
      };
      // 'close' covers a client that hangs up before its answer is written.
      reply.raw.once('finish', leave);
      reply.raw.once('close', leave);
      done();
    });
  }
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    maxHeapUsedBytes: config.maxHeapUsedBytes,
    maxRssBytes: config.maxRssBytes,
    retryAfter: config.retryAfterS,
    // under-pressure sends what this returns, or lets the request on when it returns nothing.
    pressureHandler: ((request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (NEVER_SHED.has(request.routeOptions.url ?? '')) return undefined;
      const reason = UNDER_PRESSURE_REASONS[type] ?? 'other';
      const shown = typeof value === 'number' ? Math.round(reason === 'event-loop-delay' ? value : value / 2 ** 20) : value;
      return refusal(request, reply, reason, `${type} ${shown}${reason === 'event-loop-delay' ? ' ms' : reason === 'other' ? '' : ' MiB'} over its threshold`);
    }) as unknown as (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => void,
  });
}
