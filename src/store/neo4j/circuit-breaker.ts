/** The states of a {@link CircuitBreaker}: calls go through, fail at once, or one probe goes through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** How a {@link CircuitBreaker} counts failures and how long it stays open. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before it lets one probe through, in milliseconds. */
  readonly openMs: number;
  /** Whether an error counts as a failure; any other outcome (a result, another error) counts as success. */
  readonly isFailure: (err: unknown) => boolean;
  /** Returns the error a call gets, without running, while the circuit is open. */
  readonly rejection: (retryInMs: number) => Error;
  /** Told of every change of state, for logs. */
  readonly onStateChange?: (from: CircuitState, to: CircuitState, failures: number) => void;
  /** The clock, in epoch milliseconds. */
  readonly now?: () => number;
}

/**
 * Fails calls at once after `failureThreshold` consecutive failures, for `openMs`; then lets one
 * probe through (half-open), whose success closes the circuit and whose failure opens it again.
 *
 * Written by hand rather than taken from opossum or cockatiel: it is a small synchronous state
 * machine read from the clock on each call, with no timers (nothing that keeps the process alive
 * or needs disposing), and it counts only what `isFailure` says, so a slow query or a bad argument
 * never opens it; opossum adds timeouts, rolling statistics and an interval timer we do not want,
 * and neither would save more than these few lines.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Returns the state now (an open circuit whose time is up reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) return 'half-open';
    return this.current;
  }

  /** Runs `fn` when the circuit lets it through, and records its outcome; otherwise throws `rejection` without running it. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.admit();
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      if (this.options.isFailure(err)) this.failed();
      else this.succeeded();
      throw err;
    }
    this.succeeded();
    return result;
  }

  /** Throws unless a call may start: always when closed, the one probe when half-open, never when open. */
  private admit(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      this.move('half-open');
      return;
    }
    const left = this.options.openMs - (this.now() - this.openedAt);
    throw this.options.rejection(Math.max(0, left));
  }

  private succeeded(): void {
    this.failures = 0;
    this.probing = false;
    this.move('closed');
  }

  private failed(): void {
    this.failures++;
    const probeFailed = this.current === 'half-open';
    this.probing = false;
    if (probeFailed || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.move('open');
    }
  }

  private move(to: CircuitState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.options.onStateChange?.(from, to, this.failures);
  }
}
