import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { LIMIT_CODES } from './limits/limits.plugin';

/**
 * The GraphQL-over-HTTP policy of `/graphql` (https://graphql.github.io/graphql-over-http/draft/):
 * what a request must be refused with before Apollo sees it, which response media type was
 * negotiated, and what status a finished response gets. Apollo already negotiates the media type
 * and answers malformed requests (400), GET content types (415) and unacceptable Accept headers
 * (406); this module adds what it leaves to the HTTP integration, and the status of request errors
 * for clients that only understand `application/json`.
 */

/** The response media types of GraphQL over HTTP. */
export const MEDIA_TYPES = {
  /** The legacy type: every response to a well-formed request is 200, errors or not. */
  json: 'application/json',
  /** The spec's type: a request error is 4xx, so HTTP tooling sees the failure. */
  graphqlResponse: 'application/graphql-response+json',
} as const;

/** One of the two GraphQL response media types. */
export type GraphQLMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** A complete answer written instead of calling Apollo. */
export interface HttpRefusal {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a refusal needs to know of the request (its raw Node headers). */
export interface RequestHead {
  readonly method: string | undefined;
  readonly contentType: string | undefined;
  readonly accept: string | undefined;
  /** The URL's query string, `?` included. */
  readonly search: string;
  /** The parser's token bound, so the GET check parses no more than Apollo would. */
  readonly maxTokens: number;
}

/** What the status policy needs to know of a finished response. */
export interface FinishedResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  /** The serialised body; read only when the status says it may hold a request error. */
  readonly body: string;
}

/**
 * Codes of request errors: the request was well formed but the operation was refused before it
 * ran (parse, validation, variable coercion, operation resolution, and every limit on the operation
 * itself). The refusals that are about the server's or the client's load (the rate limit's 429, a
 * full or too slow heavy lane's 503) are not: their status stands for every client. Apollo's own `BAD_REQUEST` (a malformed request,
 * a GET mutation, a bad content type) is not one.
 */
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  ...Object.values(LIMIT_CODES).filter((code) => code !== LIMIT_CODES.rate && code !== LIMIT_CODES.overloaded && code !== LIMIT_CODES.timeout),
]);

/** In Apollo's order, so that a tie (any type, or any application type) goes to application/json as it does there. */
const CANDIDATES: readonly GraphQLMediaType[] = [MEDIA_TYPES.json, MEDIA_TYPES.graphqlResponse];

/**
 * Returns the media type an Accept header negotiates, as Apollo (and `negotiator`) pick it:
 * the highest q, then the most specific range, then the earlier range; application/json when
 * there is no Accept header; null when neither type is acceptable.
 */
export function negotiateMediaType(accept: string | undefined): GraphQLMediaType | null {
  if (!accept?.trim()) return MEDIA_TYPES.json;
  const ranges = accept.split(',').map((part, order) => {
    const [range = '', ...params] = part.split(';');
    const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { type, subtype, q: Number.isFinite(quality) ? quality : 0, order };
  });
  let best: { type: GraphQLMediaType; q: number; s: number; order: number } | null = null;
  for (const candidate of CANDIDATES) {
    const [type, subtype] = candidate.split('/');
    let match: { q: number; s: number; order: number } | null = null;
    for (const r of ranges) {
      const s = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
      if (s < 0) continue;
      // The most specific matching range decides the candidate's quality (RFC 9110 §12.5.1).
      if (!match || s > match.s || (s === match.s && (r.q > match.q || (r.q === match.q && r.order < match.order)))) match = { q: r.q, s, order: r.order };
    }
    if (!match || match.q <= 0) continue;
    if (!best || match.q > best.q || (match.q === best.q && (match.s > best.s || (match.s === best.s && match.order < best.order)))) {
      best = { type: candidate, ...match };
    }
  }
  return best?.type ?? null;
}

/** Returns the GraphQL media type a response's Content-Type names, or null (HTML, multipart, none). */
export function mediaTypeOf(contentType: string | number | readonly string[] | undefined): GraphQLMediaType | null {
  const essence = String(contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return CANDIDATES.find((type) => type === essence) ?? null;
}

/** Returns the status of a request error for a response of this Content-Type: 400, or 200 for application/json. */
export function requestErrorStatus(contentType: string | number | readonly string[] | undefined): number {
  return mediaTypeOf(contentType) === MEDIA_TYPES.json ? 200 : 400;
}

/**
 * Returns the status a finished response is sent with. A request error (no `data`, and every error
 * a request-error code) is 400 for application/graphql-response+json and 200 for application/json,
 * whatever status Apollo or a plugin gave it; any other response keeps its status (429, 503, 405, 415,
 * a malformed request's 400, 500, and every response that executed).
 */
export function responseStatus(response: FinishedResponse): number {
  const { status, contentType, body } = response;
  // A 2xx executed (or, for application/json, is already right); 429 and 503 stand whatever the Accept.
  if (status < 400 || status === 429 || status === 503 || mediaTypeOf(contentType) === null) return status;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  if (!parsed || typeof parsed !== 'object' || 'data' in parsed) return status;
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return status;
  const allRequestErrors = errors.every((e) => REQUEST_ERROR_CODES.has(String((e as { extensions?: { code?: unknown } })?.extensions?.code)));
  return allRequestErrors ? requestErrorStatus(contentType) : status;
}

/**
 * Returns the refusal for a request that must not reach Apollo, or null: a method other than GET
 * and POST (405); a POST whose body is not declared `application/json` in UTF-8 (415; this also
 * stops cross-site "simple" requests, text/plain and form posts, which a browser sends without a
 * preflight); a GET whose operation is not a query (405, `Allow: POST`), decided before validation
 * as the spec asks. A GET whose document does not parse goes on, so Apollo reports the syntax error.
 */
export function refuseBeforeApollo(head: RequestHead): HttpRefusal | null {
  const { method } = head;
  if (method !== 'GET' && method !== 'POST') {
    return refusal(head, 405, `${method ?? 'this method'} is not supported; use GET (queries) or POST`, { allow: 'GET, POST' });
  }
  if (method === 'POST') {
    const problem = jsonContentTypeProblem(head.contentType);
    return problem ? refusal(head, 415, `${problem}; send the request body as application/json`) : null;
  }
  const operation = getOperationType(head.search, head.maxTokens);
  if (operation && operation !== 'query') {
    return refusal(head, 405, `GET requests only run queries, not ${operation} operations; use POST`, { allow: 'POST' });
  }
  return null;
}

/** Returns why a POST's Content-Type is not JSON in UTF-8, or null when it is. */
function jsonContentTypeProblem(contentType: string | undefined): string | null {
  if (!contentType?.trim()) return 'the request has no Content-Type';
  const [essence = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (essence !== MEDIA_TYPES.json) return `Content-Type ${essence || contentType} is not supported`;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return `charset ${charset} is not supported (only utf-8)`;
  return null;
}

/** Returns the type of the operation a GET names (its `query` and `operationName` parameters), or null when it cannot tell. */
function getOperationType(search: string, maxTokens: number): string | null {
  const params = new URLSearchParams(search);
  const queries = params.getAll('query');
  const names = params.getAll('operationName');
  // Repeated or missing parameters are Apollo's to reject, with its own message.
  if (queries.length !== 1 || names.length > 1) return null;
  let document: DocumentNode;
  try {
    document = parse(queries[0]!, { maxTokens });
  } catch {
    return null;
  }
  return getOperationAST(document, names[0] || undefined)?.operation ?? null;
}

function refusal(head: RequestHead, status: number, message: string, headers: Record<string, string> = {}): HttpRefusal {
  const type = negotiateMediaType(head.accept) ?? MEDIA_TYPES.json;
  return {
    status,
    headers: { ...headers, 'content-type': `${type}; charset=utf-8` },
    body: JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }),
  };
}
