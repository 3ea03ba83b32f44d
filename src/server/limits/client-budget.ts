import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** What a client has left of its cost budget after a request. */
export interface BudgetState {
  /** Points per minute. */
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** A refusal: the client is over its budget until `retryAfterMs` has passed. */
export interface BudgetRefusal extends BudgetState {
  readonly refused: true;
  readonly retryAfterMs: number;
}

/**
 * Cost budgets per client, in estimated cost points per minute (rate-limiter-flexible's fixed
 * window, in this process's memory). A client is its authenticated identity once access control
 * exists, and its remote address until then.
 */
export class ClientBudgets {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly pointsPerMinute: number, windowMs = 60_000) {
    this.limiter = new RateLimiterMemory({ points: pointsPerMinute, duration: windowMs / 1000 });
  }

  /** Spends `cost` points of `client`'s budget, or says when it may try again. */
  async spend(client: string, cost: number): Promise<BudgetState | BudgetRefusal> {
    const points = Math.max(0, Math.ceil(cost));
    try {
      const res = await this.limiter.consume(client, points);
      return { limit: this.pointsPerMinute, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { refused: true, limit: this.pointsPerMinute, remaining: 0, resetMs: rejection.msBeforeNext, retryAfterMs: rejection.msBeforeNext };
    }
  }
}
