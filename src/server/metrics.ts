import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ConfigurationError } from '../domain/errors';
import type { Identity } from '../domain/identity.types';
import type { GraphStore } from '../store/store';

/** Where metrics are served (`KG_METRICS`): on the API's port, on a port of their own, or nowhere. */
export type MetricsPlacement = { readonly kind: 'off' } | { readonly kind: 'same-port' } | { readonly kind: 'own-port'; readonly port: number; readonly host: string };

/** Returns the placement from KG_METRICS (`on`, the default; `off`; or a port number) and KG_METRICS_HOST. */
export function metricsPlacementFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsPlacement {
  const raw = (env.KG_METRICS ?? 'on').trim().toLowerCase();
  if (raw === '' || raw === 'on' || raw === 'true' || raw === '1') return { kind: 'same-port' };
  if (raw === 'off' || raw === 'false' || raw === '0') return { kind: 'off' };
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ConfigurationError(`KG_METRICS must be on, off or a port number (1–65535), got "${env.KG_METRICS}"`);
  }
  return { kind: 'own-port', port, host: env.KG_METRICS_HOST?.trim() || '127.0.0.1' };
}

/** Operation names become label values: at most this many distinct ones, then `other`. */
const MAX_OPERATION_NAMES = 200;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Outcome codes become label values only when they are one of ours or Apollo's. */
const PLAIN_CODE = /^[A-Z][A-Z_]{1,39}$/;

/**
 * The server's Prometheus metrics (prom-client), in one registry of its own:
 * requests by operation and outcome, latency, estimated cost, refusals by reason, store round trips
 * per request, Neo4j session use, and the standard process metrics. Label values are bounded, so
 * no client can grow the registry without limit.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly identities = new Set<string>();
  readonly requests: Counter<'operation' | 'outcome' | 'identity'>;
  readonly authFailures: Counter<'reason'>;
  readonly latency: Histogram<'route' | 'method' | 'status'>;
  readonly cost: Histogram;
  readonly refusals: Counter<'reason'>;
  readonly roundTrips: Histogram;
  readonly cache: Counter<'outcome'>;

  constructor(store: GraphStore) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'kg_graphql_requests_total', help: 'GraphQL requests, by operation name, outcome (ok, or the first error code) and identity (an API key\'s name, a token\'s subject, or anonymous)',
      labelNames: ['operation', 'outcome', 'identity'], registers,
    });
    this.authFailures = new Counter({
      name: 'kg_auth_failures_total', help: 'Requests refused for their credentials, by reason (missing, malformed, bad_key, bad_token, expired_token, tokens_off, too_many_failures)',
      labelNames: ['reason'], registers,
    });
    this.latency = new Histogram({
      name: 'kg_http_request_duration_seconds', help: 'Time from a request\'s arrival to its last byte written, by route',
      labelNames: ['route', 'method', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    this.cost = new Histogram({
      name: 'kg_graphql_estimated_cost', help: 'Estimated cost of each priced operation (README, Limits)',
      buckets: [1, 10, 100, 1_000, 10_000, 50_000, 100_000, 300_000, 1_000_000], registers,
    });
    this.refusals = new Counter({
      name: 'kg_refusals_total', help: 'Requests refused before or instead of running, by reason (a limit\'s code, or load shedding)',
      labelNames: ['reason'], registers,
    });
    this.roundTrips = new Histogram({
      name: 'kg_store_round_trips', help: 'Store round trips per GraphQL request',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50], registers,
    });
    this.cache = new Counter({
      name: 'kg_response_cache_total', help: 'GraphQL requests by what the response cache did: hit (answered from memory), miss (run, then kept), bypass (not cacheable, or the cache is off), not-modified (304)',
      labelNames: ['outcome'], registers,
    });
    new Gauge({
      name: 'kg_neo4j_sessions_in_use', help: 'Neo4j sessions open now (each holds one pooled connection); absent on the embedded store',
      registers,
      collect() {
        const use = store.connectionUse?.();
        if (use) this.set(use.inUse);
      },
    });
    new Gauge({
      name: 'kg_neo4j_pool_max_size', help: 'The Neo4j driver\'s maximum connection pool size',
      registers,
      collect() {
        const use = store.connectionUse?.();
        if (use) this.set(use.max);
      },
    });
  }

  /** A bounded label for an operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!PLAIN_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  /** A bounded label for an identity: its name (never a secret), `anonymous`, or `other` past the bound. */
  identityLabel(identity: Identity | undefined): string {
    if (!identity || identity.kind === 'anonymous') return 'anonymous';
    const name = identity.name.slice(0, 64);
    if (this.identities.has(name)) return name;
    if (this.identities.size >= MAX_OPERATION_NAMES) return 'other';
    this.identities.add(name);
    return name;
  }

  /** A bounded label for an outcome code. */
  static outcomeLabel(code: unknown): string {
    if (code === undefined || code === null) return 'ok';
    return typeof code === 'string' && PLAIN_CODE.test(code) ? code : 'OTHER';
  }

  /** The registry's text, in Prometheus' exposition format. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
