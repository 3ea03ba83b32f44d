import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Identity, Role } from '../../domain/identity.types';
import { variableOf, type LimitsConfig } from './limits.config';

/** What a client has left of its cost budget after a request. */
export interface BudgetState {
  /** Points per minute. */
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
  /** The variable that sets this budget, for messages. */
  readonly variable: string;
}

/** A refusal: the client is over its budget until `retryAfterMs` has passed. */
export interface BudgetRefusal extends BudgetState {
  readonly refused: true;
  readonly retryAfterMs: number;
}

type Tier = 'anonymous' | Role;
const TIER_LIMIT: Record<Tier, keyof LimitsConfig & `costBudgetPerMin${string}`> = {
  anonymous: 'costBudgetPerMin',
  reader: 'costBudgetPerMinReader',
  curator: 'costBudgetPerMinCurator',
  admin: 'costBudgetPerMinAdmin',
};

/**
 * Cost budgets, in estimated cost points per minute (rate-limiter-flexible's fixed window, in this
 * process's memory), kept per identity: per API key or token subject, and per address for
 * anonymous callers. Each role has its own size (KG_COST_BUDGET_PER_MIN_READER …; an identity
 * without a role gets the anonymous size); a size of 0 means no budget for that role.
 */
export class ClientBudgets {
  private readonly limiters = new Map<Tier, { limiter: RateLimiterMemory; points: number; variable: string }>();

  constructor(limits: LimitsConfig) {
    for (const [tier, key] of Object.entries(TIER_LIMIT) as [Tier, (typeof TIER_LIMIT)[Tier]][]) {
      const points = limits[key];
      if (points > 0) {
        this.limiters.set(tier, { limiter: new RateLimiterMemory({ points, duration: limits.budgetWindowMs / 1000 }), points, variable: variableOf(key) });
      }
    }
  }

  /** True when no role has a budget. */
  get empty(): boolean {
    return this.limiters.size === 0;
  }

  /** Spends `cost` points of the identity's budget, or says when it may try again; null when its role has no budget. */
  async spend(identity: Identity, cost: number): Promise<BudgetState | BudgetRefusal | null> {
    const tier = this.limiters.get(identity.role ?? 'anonymous');
    if (!tier) return null;
    const points = Math.max(0, Math.ceil(cost));
    try {
      const res = await tier.limiter.consume(identity.budgetKey, points);
      return { limit: tier.points, remaining: res.remainingPoints, resetMs: res.msBeforeNext, variable: tier.variable };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { refused: true, limit: tier.points, remaining: 0, resetMs: rejection.msBeforeNext, retryAfterMs: rejection.msBeforeNext, variable: tier.variable };
    }
  }
}
