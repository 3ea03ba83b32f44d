import type { FastifyInstance } from 'fastify';
import type { GraphStore } from '../store/store';

/** How long the store has to answer the readiness read. */
export const READY_TIMEOUT_MS = 1_000;

/**
 * Health that tells the truth:
 * - `GET /health/live` (and its old name `/health`): 200 while the process serves;
 * - `GET /health/ready`: 200 only when the store answers a trivial read within 1 s, else 503 with
 *   the reason (never a host, a port or a driver's text: the store's errors are safe to show).
 *
 * Concurrent readiness checks share one store read, so a burst of probes is one round trip.
 */
export function registerHealth(app: FastifyInstance, store: GraphStore): void {
  let pending: Promise<string | null> | null = null;
  const check = (): Promise<string | null> => {
    if (pending) return pending;
    const once = store
      .ping(READY_TIMEOUT_MS)
      .then(() => null, (err: unknown) => (err instanceof Error ? err.message : String(err)))
      .finally(() => {
        pending = null;
      });
    pending = once;
    return once;
  };
  const live = { status: 'ok', store: store.kind } as const;
  app.get('/health', async () => live);
  app.get('/health/live', async () => live);
  app.get('/health/ready', async (_request, reply) => {
    const problem = await check();
    if (problem === null) return { status: 'ready', store: store.kind };
    return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', store: store.kind, reason: problem });
  });
}
