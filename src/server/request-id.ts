import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An incoming id is kept when it is this plain and short; anything else is replaced, never echoed. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Returns the id of a request: the caller's `X-Request-Id` when it is a plain token of at most 128
 * characters (so a proxy's or a client's id ties their logs to ours), else a new UUID. Fastify puts
 * it on every log line of the request (`reqId`); the server sends it back as `X-Request-Id`.
 */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
