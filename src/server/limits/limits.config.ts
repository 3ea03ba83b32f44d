import { ConfigurationError } from '../../domain/errors';

/**
 * Every bound a request is held to, each from one environment variable (README, "Limits").
 * The defaults pass every operation of `examples/` and the README, and refuse the shapes that
 * used to take the server down (test/abuse/).
 */
export interface LimitsConfig {
  /** Largest estimated cost of one operation (`KG_MAX_COST`). */
  readonly maxCost: number;
  /** Deepest selection, fragments expanded (`KG_MAX_DEPTH`). */
  readonly maxDepth: number;
  /** Most aliases in one document (`KG_MAX_ALIASES`). */
  readonly maxAliases: number;
  /** Most lexical tokens in one document (`KG_MAX_TOKENS`), enforced while parsing. */
  readonly maxTokens: number;
  /** Most directives in one document (`KG_MAX_DIRECTIVES`). */
  readonly maxDirectives: number;
  /** Most objects one request may read from the store (`KG_MAX_RESPONSE_NODES`). */
  readonly maxResponseNodes: number;
  /** Largest response body in bytes (`KG_MAX_RESPONSE_BYTES`). */
  readonly maxResponseBytes: number;
  /** One deadline per request, in ms (`KG_QUERY_TIMEOUT_MS`); also each Neo4j read's timeout. */
  readonly queryTimeoutMs: number;
  /** Cost points one anonymous client (one address) may spend per minute (`KG_COST_BUDGET_PER_MIN`; 0 = no budget). */
  readonly costBudgetPerMin: number;
  /** Cost points per minute of one identity holding `reader` (`KG_COST_BUDGET_PER_MIN_READER`; 0 = no budget). */
  readonly costBudgetPerMinReader: number;
  /** … holding `curator` (`KG_COST_BUDGET_PER_MIN_CURATOR`; 0 = no budget). */
  readonly costBudgetPerMinCurator: number;
  /** … holding `admin` (`KG_COST_BUDGET_PER_MIN_ADMIN`; 0 = no budget). */
  readonly costBudgetPerMinAdmin: number;
  /** Largest request body in bytes (`KG_MAX_BODY_BYTES`). */
  readonly maxBodyBytes: number;
  /** Requests one client runs at once (`KG_MAX_CONCURRENT_PER_CLIENT`); more wait their turn. */
  readonly maxConcurrentPerClient: number;
  /** Requests one client may have waiting (`KG_MAX_QUEUED_PER_CLIENT`); more get 429 at once. */
  readonly maxQueuedPerClient: number;
  /** Estimated cost from which an operation is heavy and takes a turn of the heavy lane (`KG_HEAVY_COST`). */
  readonly heavyCost: number;
  /** Heavy operations the whole process runs at once (`KG_MAX_HEAVY_CONCURRENT`; 0 = no heavy lane). */
  readonly maxHeavyConcurrent: number;
  /** Heavy operations that may wait for a turn (`KG_MAX_HEAVY_QUEUED`); more get 503 at once. */
  readonly maxHeavyQueued: number;
  /** The budget's window in ms: a minute (a shorter one only for tests). */
  readonly budgetWindowMs: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  maxCost: 300_000,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 30,
  maxResponseNodes: 50_000,
  maxResponseBytes: 16 * 1024 * 1024,
  queryTimeoutMs: 5_000,
  costBudgetPerMin: 2_000_000,
  costBudgetPerMinReader: 6_000_000,
  costBudgetPerMinCurator: 10_000_000,
  costBudgetPerMinAdmin: 20_000_000,
  maxBodyBytes: 1_000_000,
  maxConcurrentPerClient: 8,
  maxQueuedPerClient: 64,
  heavyCost: 10_000,
  maxHeavyConcurrent: 1,
  maxHeavyQueued: 128,
  budgetWindowMs: 60_000,
};

const VARIABLES: Record<Exclude<keyof LimitsConfig, 'budgetWindowMs'>, string> = {
  maxCost: 'KG_MAX_COST',
  maxDepth: 'KG_MAX_DEPTH',
  maxAliases: 'KG_MAX_ALIASES',
  maxTokens: 'KG_MAX_TOKENS',
  maxDirectives: 'KG_MAX_DIRECTIVES',
  maxResponseNodes: 'KG_MAX_RESPONSE_NODES',
  maxResponseBytes: 'KG_MAX_RESPONSE_BYTES',
  queryTimeoutMs: 'KG_QUERY_TIMEOUT_MS',
  costBudgetPerMin: 'KG_COST_BUDGET_PER_MIN',
  costBudgetPerMinReader: 'KG_COST_BUDGET_PER_MIN_READER',
  costBudgetPerMinCurator: 'KG_COST_BUDGET_PER_MIN_CURATOR',
  costBudgetPerMinAdmin: 'KG_COST_BUDGET_PER_MIN_ADMIN',
  maxBodyBytes: 'KG_MAX_BODY_BYTES',
  maxConcurrentPerClient: 'KG_MAX_CONCURRENT_PER_CLIENT',
  maxQueuedPerClient: 'KG_MAX_QUEUED_PER_CLIENT',
  heavyCost: 'KG_HEAVY_COST',
  maxHeavyConcurrent: 'KG_MAX_HEAVY_CONCURRENT',
  maxHeavyQueued: 'KG_MAX_HEAVY_QUEUED',
};

/** Returns the limits from the environment over the defaults; a bad value names its variable. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<LimitsConfig> = {}): LimitsConfig {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    const zeroAllowed = key.startsWith('costBudgetPerMin') || key === 'maxHeavyConcurrent';
    if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
      throw new ConfigurationError(`${variable} must be a whole number ${zeroAllowed ? '≥ 0' : '≥ 1'}, got "${raw}"`);
    }
    out[key] = value;
  }
  return { ...(out as unknown as LimitsConfig), ...overrides };
}

/** The variable that sets a limit, for error messages that say how to raise it. */
export function variableOf(key: keyof typeof VARIABLES): string {
  return VARIABLES[key];
}
