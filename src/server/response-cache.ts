import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from '../graphql/context';

/**
 * Root fields whose answers are not a function of the graph: who the caller is and its budget
 * (`me`), and the API keys (kept apart from the graph, so no graph version moves with them). An
 * operation selecting one is never kept and gets no ETag.
 */
const UNCACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['me', 'apiKeys']);

/** How the response cache is sized (README, "Configuration"). */
export interface ResponseCacheConfig {
  /** Memory the kept answers may take in all, in bytes (estimated); 0 turns the cache off. */
  readonly maxBytes: number;
  /** The largest answer kept, in bytes of JSON. */
  readonly maxEntryBytes: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheConfig = { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 };

/** Reads KG_RESPONSE_CACHE_MB and KG_RESPONSE_CACHE_MAX_ENTRY_KB. */
export function responseCacheFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCacheConfig {
  const read = (name: string, fallback: number, unit: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of ${unit === 1024 ? 'KB' : 'MB'} (0 or more), not "${raw}"`);
    return n * unit;
  };
  return {
    maxBytes: read('KG_RESPONSE_CACHE_MB', DEFAULT_RESPONSE_CACHE.maxBytes, 1024 * 1024),
    maxEntryBytes: read('KG_RESPONSE_CACHE_MAX_ENTRY_KB', DEFAULT_RESPONSE_CACHE.maxEntryBytes, 1024),
  };
}

/** What the cache did for one request, for the `X-KG-Cache` header and the metrics. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass' | 'not-modified';

interface Kept {
  readonly version: string;
  readonly data: Record<string, unknown>;
}

// An answer held as objects takes about this many times its JSON's bytes.
const OBJECT_OVERHEAD = 3;

/**
 * A dashboard's repeat visit, answered from memory: identical read operations (the same document,
 * operation name and variables) from callers of the same access level get the data kept from the
 * first, without a store round trip, as long as the store's graph version is the one it was read
 * at. Every write moves that version (GraphStore.graphVersion), so an answer is never served
 * after the graph changed, and no answer waits on a TTL. The answers are bounded in memory (LRU).
 *
 * It is an Apollo plugin, so an answer from memory passes every check a fresh one does: roles,
 * argument bounds, depth, cost and the caller's budget (the same estimate is spent), and gets
 * fresh `extensions.cost`. It only skips execution. A GET answer carries a weak ETag, the hash of
 * the request's key and the graph version, with `Cache-Control: no-cache` (every reuse asks first),
 * and a matching `If-None-Match` gets 304 without execution.
 */
export class ResponseCache {
  private readonly kept: LRUCache<string, Kept> | null;

  constructor(private readonly config: ResponseCacheConfig = DEFAULT_RESPONSE_CACHE) {
    this.kept = config.maxBytes > 0
      ? new LRUCache<string, Kept>({ maxSize: config.maxBytes, maxEntrySize: config.maxEntryBytes * OBJECT_OVERHEAD })
      : null;
  }

  /** How many answers are held, and their estimated bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.kept?.size ?? 0, bytes: this.kept?.calculatedSize ?? 0 };
  }

  plugin(): ApolloServerPlugin<RequestContext> {
    const kept = this.kept;
    const maxEntryBytes = this.config.maxEntryBytes;
    return {
      async requestDidStart() {
        let key: string | null = null;
        let version: string | null = null;
        let etag: string | null = null;
        let outcome: CacheOutcome = 'bypass';
        return {
          async didResolveOperation({ request, document, operation, contextValue }) {
            if (contextValue.client.costOnly || !operation || !cacheable(operation, document)) return;
            version = contextValue.store.graphVersion();
            if (version === null) return;
            key = keyOf(request.query ?? '', request.operationName ?? null, request.variables ?? {}, contextValue.client.identity.role ?? 'anonymous');
            if (request.http?.method === 'GET') etag = `W/"${createHash('sha256').update(`${key}\n${version}`).digest('base64url').slice(0, 32)}"`;
          },

          async responseForOperation({ request, contextValue }) {
            if (key === null || version === null) return null;
            if (etag && matches(request.http?.headers.get('if-none-match'), etag)) {
              outcome = 'not-modified';
              contextValue.report.notModified = true;
              return { http: { status: 304, headers: new HeaderMap() }, body: { kind: 'single', singleResult: {} } };
            }
            const hit = kept?.get(key);
            if (hit && hit.version === version) {
              outcome = 'hit';
              return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } };
            }
            outcome = kept ? 'miss' : 'bypass';
            return null;
          },

          async willSendResponse({ response, request, contextValue }) {
            const headers = response.http.headers;
            // A GET's answer may be revalidated by its ETag; anything else is never to be stored.
            if (request.http?.method === 'GET' && etag && outcome !== 'bypass') {
              headers.set('etag', etag);
              headers.set('cache-control', `${contextValue.client.identity.kind === 'anonymous' ? 'public' : 'private'}, no-cache`);
            } else {
              headers.set('cache-control', 'no-store');
            }
            headers.set('x-kg-cache', outcome);
            contextValue.report.cache = outcome;
            if (outcome !== 'miss' || !kept || key === null || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            // Kept only when complete and read at one version: a write that began meanwhile moved it.
            if (errors?.length || !data || contextValue.store.graphVersion() !== version) return;
            const bytes = JSON.stringify(data).length;
            if (bytes > maxEntryBytes) return;
            kept.set(key, { version: version!, data }, { size: bytes * OBJECT_OVERHEAD });
          },
        };
      },
    };
  }
}

/** A query (never a mutation or subscription) that selects none of UNCACHEABLE_ROOT_FIELDS, through fragments too. */
function cacheable(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => set.selections.every((s) => {
    if (s.kind === Kind.FIELD) return !UNCACHEABLE_ROOT_FIELDS.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
    if (seen.has(s.name.value)) return true;
    seen.add(s.name.value);
    const fragment = fragments.get(s.name.value);
    return !fragment || walk(fragment.selectionSet);
  });
  return walk(operation.selectionSet);
}

/** The request's identity for the cache: document, operation name, variables (keys sorted) and access level. */
function keyOf(query: string, operationName: string | null, variables: Record<string, unknown>, access: string): string {
  return createHash('sha256').update(JSON.stringify([query, operationName, canonical(variables), access])).digest('base64url');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as Record<string, unknown>).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** True when an If-None-Match header names the ETag (weak comparison, RFC 9110 §13.1.2) or is `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
