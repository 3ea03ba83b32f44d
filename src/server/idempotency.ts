import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_IDEMPOTENCY, type IdempotencyConfig } from '../domain/idempotency.types';
import type { IdempotencyRecords } from '../store/store';

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for POSTs to /graphql (after the IETF httpapi draft): the first answer to a
 * key is kept for 24 h per identity, and a retry with the same key and the same request gets it
 * again (with `Idempotent-Replayed: true`) without running anything, so a retried mutation never
 * writes twice. The same key with a different request gets 422; a retry while the first is still
 * running gets 409. The records live in the store (IdempotencyRecords), so a retry that reaches
 * another server process of the same Neo4j is answered the same way.
 */
export class IdempotentRequests {
  constructor(private readonly records: IdempotencyRecords, private readonly config: IdempotencyConfig = DEFAULT_IDEMPOTENCY) {}

  /** Runs `answer` once per (identity, key); `answer` returns the body it sent (a string), or anything else to keep nothing. */
  async handle(request: FastifyRequest, reply: FastifyReply, answer: () => Promise<unknown>): Promise<unknown> {
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.method !== 'POST') return answer();
    if (Array.isArray(header) || !KEY_SHAPE.test(header)) {
      return refuse(reply, 400, 'BAD_REQUEST', 'Idempotency-Key must be one value of 1 to 255 visible ASCII characters');
    }
    // The identity and the key, hashed: the record's id holds neither in the clear.
    const id = createHash('sha256').update(`${request.identity.budgetKey}\u0000${header}`).digest('hex');
    const fingerprint = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const claim = await this.records.claim(id, fingerprint, Date.now(), this.config.leaseMs);
    if (claim.state === 'mismatch') {
      return refuse(reply, 422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request; use a new key for a new request');
    }
    if (claim.state === 'running') {
      return refuse(reply, 409, 'CONFLICT', 'a request with this Idempotency-Key is still running; retry when it has answered');
    }
    if (claim.state === 'done') {
      return reply.code(claim.answer.status).type(claim.answer.contentType).header('idempotent-replayed', 'true').send(claim.answer.body);
    }
    let kept = false;
    try {
      const body = await answer();
      if (typeof body === 'string' && Buffer.byteLength(body) <= this.config.maxBodyBytes && reply.statusCode < 500) {
        const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
        await this.records.complete(id, { status: reply.statusCode, contentType, body }, Date.now() + this.config.ttlMs);
        kept = true;
      }
      return body;
    } finally {
      if (!kept) await this.records.release(id).catch(() => undefined);
    }
  }
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
