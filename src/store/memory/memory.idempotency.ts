import type { IdempotencyClaim, IdempotentAnswer } from '../../domain/idempotency.types';
import { DEFAULT_IDEMPOTENCY } from '../../domain/idempotency.types';
import type { IdempotencyRecords } from '../store';

interface MemoryRecord {
  readonly fingerprint: string;
  /** Epoch ms: the lease's end while running, the record's end once done. */
  until: number;
  answer: IdempotentAnswer | null;
}

/**
 * The embedded store's idempotency records: in this process (the only one serving it), at most
 * `maxEntries`, the oldest dropped first.
 */
export class MemoryIdempotency implements IdempotencyRecords {
  private readonly records = new Map<string, MemoryRecord>();

  constructor(private readonly maxEntries: number = DEFAULT_IDEMPOTENCY.maxEntries) {}

  async claim(id: string, fingerprint: string, now: number, leaseMs: number): Promise<IdempotencyClaim> {
    const record = this.records.get(id);
    if (record && record.until > now) {
      if (record.fingerprint !== fingerprint) return { state: 'mismatch' };
      return record.answer ? { state: 'done', answer: record.answer } : { state: 'running' };
    }
    this.records.delete(id);
    if (this.records.size >= this.maxEntries) this.records.delete(this.records.keys().next().value!);
    this.records.set(id, { fingerprint, until: now + leaseMs, answer: null });
    return { state: 'claimed' };
  }

  async complete(id: string, answer: IdempotentAnswer, until: number): Promise<void> {
    const record = this.records.get(id);
    if (!record) return;
    record.answer = answer;
    record.until = until;
  }

  async release(id: string): Promise<void> {
    const record = this.records.get(id);
    if (record && !record.answer) this.records.delete(id);
  }

  /** Forgets every record. */
  clear(): void {
    this.records.clear();
  }
}
