/**
 * Idempotency keys (README, "Curating"): the first answer to a request sent with an
 * `Idempotency-Key`, kept per identity so that a retry, through any server process of the same
 * store, gets it again without running anything. Plain types; the store keeps the records.
 */

/** A first answer as it was sent. */
export interface IdempotentAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  /** Nobody holds the key (or its record expired): the caller runs the request, then completes or releases it. */
  | { readonly state: 'claimed' }
  /** Another request with this key is running (its lease has not run out). */
  | { readonly state: 'running' }
  /** The key was used for a different request. */
  | { readonly state: 'mismatch' }
  /** The first answer, to send again. */
  | { readonly state: 'done'; readonly answer: IdempotentAnswer };

/** Bounds of the records. */
export interface IdempotencyConfig {
  /** How long a first answer is replayed, in ms (24 h). */
  readonly ttlMs: number;
  /** How long a claim holds while its request runs, in ms; a process that died holding one frees it after this long. */
  readonly leaseMs: number;
  /** Keys the embedded store keeps at most; the oldest go first. */
  readonly maxEntries: number;
  /** Largest answer kept, in bytes; a larger one is answered but not kept. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_IDEMPOTENCY: IdempotencyConfig = { ttlMs: 24 * 3600_000, leaseMs: 60_000, maxEntries: 10_000, maxBodyBytes: 256 * 1024 };
