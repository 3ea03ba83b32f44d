import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A stored first answer. */
interface Stored {
  readonly fingerprint: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly until: number;
}

/** Bounds of the store (README, "Curating"). */
export interface IdempotencyConfig {
  /** How long a first answer is replayed, in ms (24 h). */
  readonly ttlMs: number;
  /** Keys kept at most; the oldest go first. */
  readonly maxEntries: number;
  /** Largest answer kept, in bytes; a larger one is answered but not stored. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_IDEMPOTENCY: IdempotencyConfig = { ttlMs: 24 * 3600_000, maxEntries: 10_000, maxBodyBytes: 256 * 1024 };

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for POSTs to /graphql (after the IETF httpapi draft): the first answer to a
 * key is kept for 24 h per identity, and a retry with the same key and the same request gets it
 * again (with `Idempotent-Replayed: true`) without running anything, so a retried mutation never
 * writes twice. The same key with a different request gets 422; a retry while the first is still
 * running gets 409. Kept in this process's memory, bounded in count and size.
 */
export class IdempotencyStore {
  private readonly done = new Map<string, Stored>();
  private readonly running = new Map<string, string>();

  constructor(private readonly config: IdempotencyConfig = DEFAULT_IDEMPOTENCY) {}

  /** Runs `answer` once per (identity, key); `answer` returns the body it sent (a string), or anything else to store nothing. */
  async handle(request: FastifyRequest, reply: FastifyReply, answer: () => Promise<unknown>): Promise<unknown> {
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.method !== 'POST') return answer();
    if (Array.isArray(header) || !KEY_SHAPE.test(header)) {
      return refuse(reply, 400, 'BAD_REQUEST', 'Idempotency-Key must be one value of 1 to 255 visible ASCII characters');
    }
    const key = `${request.identity.budgetKey}\u0000${header}`;
    const fingerprint = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const now = Date.now();
    const stored = this.done.get(key);
    if (stored && stored.until > now) {
      if (stored.fingerprint !== fingerprint) {
        return refuse(reply, 422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request; use a new key for a new request');
      }
      return reply.code(stored.status).type(stored.contentType).header('idempotent-replayed', 'true').send(stored.body);
    }
    if (stored) this.done.delete(key);
    if (this.running.has(key)) {
      return refuse(reply, 409, 'CONFLICT', 'a request with this Idempotency-Key is still running; retry when it has answered');
    }
    this.running.set(key, fingerprint);
    try {
      const body = await answer();
      if (typeof body === 'string' && Buffer.byteLength(body) <= this.config.maxBodyBytes && reply.statusCode < 500) {
        if (this.done.size >= this.config.maxEntries) this.done.delete(this.done.keys().next().value!);
        const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
        this.done.set(key, { fingerprint, status: reply.statusCode, contentType, body, until: now + this.config.ttlMs });
      }
      return body;
    } finally {
      this.running.delete(key);
    }
  }
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
