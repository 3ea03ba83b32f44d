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
  /** How long lookups of countries, regions and themes by id are served from memory (KG_REFERENCE_CACHE_MS, default 60000; 0 = never). */
  readonly referenceCacheMs?: number;
}

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
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}
