/** Connection settings for Neo4j, read from the environment (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). */
export interface Neo4jSettings {
  readonly uri: string;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** Server-side limit for every transaction, in milliseconds (KG_QUERY_TIMEOUT_MS, default 5000). */
  readonly queryTimeoutMs: number;
  /** Server-side limit for import transactions, in milliseconds (KG_WRITE_TIMEOUT_MS, default 600000). */
  readonly writeTimeoutMs: number;
  /**
   * The longest lookups of countries, regions and themes by id, and region chains, are served
   * from one copy in memory (KG_REFERENCE_CACHE_MS, default 60000; 0 = never keep one).
   */
  readonly referenceCacheMs?: number;
  /**
   * How often a held copy is checked against the graph version, which every write moves: a change
   * by any process shows within about this long (KG_REFERENCE_CHECK_MS, default 500; 0 = before every use).
   */
  readonly referenceCheckMs?: number;
  /**
   * How long opening one connection may take, in milliseconds (KG_NEO4J_CONNECT_TIMEOUT_MS,
   * default 1000): what a silent host (packets dropped, not refused) costs each attempt.
   */
  readonly connectTimeoutMs?: number;
  /**
   * The driver's maxTransactionRetryTime (KG_NEO4J_RETRY_MS, default 0). After a transient or
   * connection error the driver retries while no more than this has passed since the first failure,
   * its first back-off being a fixed 1 s (±20%): so 0 means exactly one retry, about a second later.
   */
  readonly maxRetryMs?: number;
  /** Consecutive connection failures that open the circuit breaker (KG_NEO4J_BREAKER_FAILURES, default 3). */
  readonly breakerFailures?: number;
  /** How long the open circuit fails calls at once before one probe may go through (KG_NEO4J_BREAKER_OPEN_MS, default 1000). */
  readonly breakerOpenMs?: number;
}

/** How often a held reference copy is checked against the graph version by default, in milliseconds (KG_REFERENCE_CHECK_MS). */
export const DEFAULT_REFERENCE_CHECK_MS = 500;

/** The defaults of the optional settings that bound how fast an unreachable Neo4j fails. */
export const NEO4J_FAILURE_DEFAULTS = { connectTimeoutMs: 1_000, maxRetryMs: 0, breakerFailures: 3, breakerOpenMs: 1_000 } as const;

/** Returns the settings from an environment, or null when NEO4J_URI is unset. */
export function neo4jSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jSettings | null {
  const uri = env.NEO4J_URI?.trim();
  if (!uri) return null;
  return {
    uri,
    user: env.NEO4J_USER || undefined,
    password: env.NEO4J_PASSWORD || undefined,
    database: env.NEO4J_DATABASE || undefined,
    queryTimeoutMs: positiveInt(env.KG_QUERY_TIMEOUT_MS, 5_000, 'KG_QUERY_TIMEOUT_MS'),
    writeTimeoutMs: positiveInt(env.KG_WRITE_TIMEOUT_MS, 600_000, 'KG_WRITE_TIMEOUT_MS'),
    referenceCacheMs: env.KG_REFERENCE_CACHE_MS === '0' ? 0 : positiveInt(env.KG_REFERENCE_CACHE_MS, 60_000, 'KG_REFERENCE_CACHE_MS'),
    referenceCheckMs: env.KG_REFERENCE_CHECK_MS === '0' ? 0 : positiveInt(env.KG_REFERENCE_CHECK_MS, DEFAULT_REFERENCE_CHECK_MS, 'KG_REFERENCE_CHECK_MS'),
    connectTimeoutMs: positiveInt(env.KG_NEO4J_CONNECT_TIMEOUT_MS, NEO4J_FAILURE_DEFAULTS.connectTimeoutMs, 'KG_NEO4J_CONNECT_TIMEOUT_MS'),
    maxRetryMs: env.KG_NEO4J_RETRY_MS === '0' ? 0 : positiveInt(env.KG_NEO4J_RETRY_MS, NEO4J_FAILURE_DEFAULTS.maxRetryMs, 'KG_NEO4J_RETRY_MS'),
    breakerFailures: positiveInt(env.KG_NEO4J_BREAKER_FAILURES, NEO4J_FAILURE_DEFAULTS.breakerFailures, 'KG_NEO4J_BREAKER_FAILURES'),
    breakerOpenMs: positiveInt(env.KG_NEO4J_BREAKER_OPEN_MS, NEO4J_FAILURE_DEFAULTS.breakerOpenMs, 'KG_NEO4J_BREAKER_OPEN_MS'),
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}
