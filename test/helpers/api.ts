import pino from 'pino';
import { newApiKey } from '../../src/domain/api-key.secret';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer, RunningServer } from '../../src/server/http.server';
import type { GraphStore } from '../../src/store/store';
import { limitsFromEnv, type LimitsConfig } from '../../src/server/limits/limits.config';

/** A GraphQL response with the round trips the server reported for it. */
export interface ApiResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  roundTrips: number;
  headers: Headers;
}

/** Starts the real HTTP server on 127.0.0.1 at a free port over a store, with logs silenced. */
export async function startTestServer(store: GraphStore, limits: Partial<LimitsConfig> = {}): Promise<RunningServer> {
  return startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv(process.env, limits) });
}

/** POSTs an operation to the server and returns its parsed answer. */
export async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: ApiResponse['errors'] };
  return { status: res.status, data: body.data ?? undefined, errors: body.errors, roundTrips: Number(res.headers.get('x-kg-round-trips')), headers: res.headers };
}

/**
 * Starts the real HTTP server over a store with access control as configured by default (no
 * environment), and creates a curator's and a reader's API key with these names.
 */
export async function serveWithKeys(store: GraphStore, names: { curator: string; reader: string }): Promise<{ server: RunningServer; curator: string; reader: string }> {
  const c = newApiKey(names.curator, 'curator', null);
  const r = newApiKey(names.reader, 'reader', null);
  await store.apiKeys.create(c.record);
  await store.apiKeys.create(r.record);
  const server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}), access: accessFromEnv({}) });
  return { server, curator: c.secret, reader: r.secret };
}
