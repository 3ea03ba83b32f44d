import type { Identity } from '../domain/identity.types';
import type { GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** Who sent a request, as the limits and budgets see it. */
export interface RequestClient {
  /** Who it is (README, "Access control"); budgets are kept under `identity.budgetKey`. */
  readonly identity: Identity;
  /** The client asked for the cost estimate only (`X-KG-Cost-Only: 1`): nothing runs. */
  readonly costOnly: boolean;
}

/** What an operation was estimated to cost, reported in `extensions.cost` and `X-KG-Cost`. */
export interface CostReport {
  readonly estimated: number;
  readonly limit: number;
  /** The client's budget after this request, when budgets are on. */
  readonly budget?: { readonly limit: number; readonly remaining: number; readonly resetMs: number };
}

/** What every resolver of one request sees: the store port and that request's loaders. */
export interface RequestContext {
  readonly store: GraphStore;
  readonly loaders: Loaders;
  readonly client: RequestClient;
  /** What the request reports back (Apollo shallow-copies the context, so this is a shared holder). */
  readonly report: RequestReport;
  /** When the request must be answered (epoch ms; Infinity without a deadline). */
  readonly deadline: number;
}

/** Filled in while a request runs, read by the HTTP layer for its headers. */
export interface RequestReport {
  /** Set by the limits plugin once the operation is priced. */
  cost?: CostReport;
  /** Ends the request's turn of the heavy lane, when it took one; safe to call twice. */
  endTurn?: () => void;
  /** The operation's name, once known. */
  operation?: string;
  /** `ok`, or the code of the response's first error (for the metrics). */
  outcome?: string;
  /** What the response cache did (src/server/response-cache.ts). */
  cache?: 'hit' | 'miss' | 'bypass' | 'not-modified';
  /** The client's If-None-Match named the answer's ETag: the HTTP layer sends 304 with no body. */
  notModified?: boolean;
}

const ANONYMOUS: RequestClient = { identity: { kind: 'anonymous', name: 'anonymous', budgetKey: 'local', roles: [], role: null }, costOnly: false };

/** Returns a fresh context for one request. */
export function createContext(store: GraphStore, client: RequestClient = ANONYMOUS, deadline = Infinity): RequestContext {
  return { store, loaders: new Loaders(store), client, report: {}, deadline };
}
