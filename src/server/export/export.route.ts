import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_NEIGHBORHOOD_DEPTH, MAX_NEIGHBORHOOD_NODES } from '../../domain/query.types';
import { GRAPH_MEDIA, neighborhoodGraph, serializeGraph, themeNetworkGraph, type GraphFormat, type NeighborhoodAnswer, type ThemeNetworkAnswer } from './graph.export';
import { MATRIX, NEIGHBORHOOD, PUBLICATIONS, THEME_NETWORK } from './export.queries';
import { matrixCsv, publicationLines, publicationsHead, type MatrixAnswer, type PublicationRow } from './table.export';

/** Bounds of the exports (README, "Exports"). */
export interface ExportConfig {
  /** Rows publications.csv holds at most (`KG_EXPORT_MAX_ROWS`). */
  readonly maxRows: number;
  /** How long one export may take in all, in ms (`KG_EXPORT_TIMEOUT_MS`): each of its pages also has the API's own deadline. */
  readonly timeoutMs: number;
}

export const DEFAULT_EXPORT: ExportConfig = { maxRows: 100_000, timeoutMs: 120_000 };

/** Reads the export bounds from the environment. */
export function exportConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ExportConfig {
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (it is ${JSON.stringify(raw)})`);
    return n;
  };
  return { maxRows: int('KG_EXPORT_MAX_ROWS', DEFAULT_EXPORT.maxRows), timeoutMs: int('KG_EXPORT_TIMEOUT_MS', DEFAULT_EXPORT.timeoutMs) };
}

/** What one GraphQL call of an export answered. */
interface Answered {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: { data?: Record<string, any> | null; errors?: unknown[] };
}

/** A refusal of an export's own parameters, named by the parameter. */
class ParameterError extends Error {
  constructor(readonly parameter: string, message: string) {
    super(`${parameter}: ${message}`);
  }
}

type Query = Record<string, string | string[] | undefined>;

/**
 * The exports: `GET /export/graph.gexf|graphml|cyjs`, `/export/publications.csv` and
 * `/export/matrix.csv`. Each is answered by sending the public API's own operations to `/graphql`
 * inside this process (Fastify's inject), with the caller's address and credentials: so an export
 * obeys exactly the API's access rules, cost limits, budgets, deadlines and response caps, and
 * holds at most one page in memory. A refusal of any of those calls before the first byte is the
 * export's answer (status, headers and errors as the API gave them); one after it ends the
 * download short, as a cut connection.
 */
export function registerExportRoutes(app: FastifyInstance, endpointPath: string, config: ExportConfig = DEFAULT_EXPORT): void {
  const ask = async (request: FastifyRequest, query: string, variables: Record<string, unknown>): Promise<Answered> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string') headers.authorization = authorization;
    const res = await app.inject({ method: 'POST', url: endpointPath, remoteAddress: request.ip, headers, payload: JSON.stringify({ query, variables }) });
    return { status: res.statusCode, headers: res.headers, body: res.json() };
  };
  const failed = (a: Answered) => a.status !== 200 || (a.body.errors?.length ?? 0) > 0 || !a.body.data;
  /** Sends a failed call's answer as the export's. */
  const forward = (reply: FastifyReply, a: Answered) => {
    const retry = a.headers['retry-after'];
    if (retry !== undefined) reply.header('retry-after', String(retry));
    return reply.code(a.status === 200 ? 400 : a.status).type('application/json; charset=utf-8').send(a.body);
  };
  const route = (url: string, handler: (request: FastifyRequest, reply: FastifyReply, query: Query) => Promise<unknown>) => {
    // The same access as /graphql's reads: anyone in public mode, `reader` in private mode.
    app.get(url, { config: { access: 'reads' } }, async (request, reply) => {
      try {
        return await handler(request, reply, request.query as Query);
      } catch (err) {
        if (!(err instanceof ParameterError)) throw err;
        return reply.code(400).type('application/json; charset=utf-8').send({ errors: [{ message: err.message, extensions: { code: 'BAD_USER_INPUT', argument: err.parameter } }] });
      }
    });
  };

  for (const format of Object.keys(GRAPH_MEDIA) as GraphFormat[]) {
    route(`/export/${GRAPH_MEDIA[format].file}`, async (request, reply, query) => {
      const ids = listParam(query, 'ids');
      let graph;
      if (ids.length) {
        const depth = intParam(query, 'depth', 1, 1, MAX_NEIGHBORHOOD_DEPTH);
        const limit = intParam(query, 'limit', MAX_NEIGHBORHOOD_NODES, 1, MAX_NEIGHBORHOOD_NODES);
        const answer = await ask(request, NEIGHBORHOOD, { ids, depth, limit });
        if (failed(answer)) return forward(reply, answer);
        const subgraph = answer.body.data!.neighborhood as NeighborhoodAnswer;
        reply.header('x-kg-truncated', String(subgraph.truncated));
        graph = neighborhoodGraph(subgraph);
      } else {
        const answer = await ask(request, THEME_NETWORK, { filter: filterParam(query), minCount: intParam(query, 'minCount', 1, 1, 1_000_000) });
        if (failed(answer)) return forward(reply, answer);
        graph = themeNetworkGraph(answer.body.data!.themeGraph as ThemeNetworkAnswer);
      }
      return reply.type(GRAPH_MEDIA[format].type).header('content-disposition', `attachment; filename="${GRAPH_MEDIA[format].file}"`).send(serializeGraph(graph, format));
    });
  }

  route('/export/matrix.csv', async (request, reply, query) => {
    const placeLevel = enumParam(query, 'placeLevel', ['COUNTRY', 'SUBREGION', 'REGION'], 'COUNTRY');
    const answer = await ask(request, MATRIX, { filter: filterParam(query), placeLevel });
    if (failed(answer)) return forward(reply, answer);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="matrix.csv"').send(matrixCsv(answer.body.data!.themeMatrix as MatrixAnswer));
  });

  route('/export/publications.csv', async (request, reply, query) => {
    const filter = filterParam(query);
    const hxl = query.hxl === '1' || query.hxl === 'true';
    const deadline = Date.now() + config.timeoutMs;
    const first = await ask(request, PUBLICATIONS, { filter, after: null });
    if (failed(first)) return forward(reply, first);
    const total = first.body.data!.publications.totalCount as number;
    reply.header('x-kg-total-count', String(total));
    if (total > config.maxRows) reply.header('x-kg-rows-limit', String(config.maxRows));
    async function* lines(): AsyncGenerator<string> {
      yield publicationsHead(hxl);
      let page = first.body.data!.publications as { nodes: PublicationRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      for (let rows = 0; ;) {
        const take = page.nodes.slice(0, config.maxRows - rows);
        rows += take.length;
        yield publicationLines(take);
        if (!page.pageInfo.hasNextPage || rows >= config.maxRows) return;
        if (Date.now() > deadline) throw new Error(`the export passed KG_EXPORT_TIMEOUT_MS (${config.timeoutMs} ms) after ${rows} rows`);
        const next = await ask(request, PUBLICATIONS, { filter, after: page.pageInfo.endCursor });
        // After the first byte a refusal can only cut the download short (the log says why).
        if (failed(next)) throw new Error(`page after ${rows} rows refused: ${next.status} ${JSON.stringify(next.body.errors ?? null).slice(0, 500)}`);
        page = next.body.data!.publications;
      }
    }
    const stream = Readable.from(lines());
    stream.on('error', (err) => request.log.warn({ err: err.message }, 'publications.csv export cut short'));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="publications.csv"').send(stream);
  });
}

/** `filter`: the JSON of a PublicationFilterInput (checked by the API itself), or nothing. */
function filterParam(query: Query): unknown {
  const raw = query.filter;
  if (raw === undefined || raw === '') return null;
  if (Array.isArray(raw)) throw new ParameterError('filter', 'give it once');
  try {
    const value = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new ParameterError('filter', 'must be the JSON of a PublicationFilterInput, e.g. {"themes":["Theme:gangs"],"yearFrom":2015}');
  }
}

/** A list parameter: repeated (`ids=a&ids=b`) or comma-separated. */
function listParam(query: Query, name: string): string[] {
  const raw = query[name];
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values;
}

function intParam(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (Array.isArray(raw) || !Number.isInteger(n) || n < min || n > max) throw new ParameterError(name, `must be an integer between ${min} and ${max}`);
  return n;
}

function enumParam(query: Query, name: string, values: readonly string[], fallback: string): string {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (Array.isArray(raw) || !values.includes(raw)) throw new ParameterError(name, `must be one of ${values.join(', ')}`);
  return raw;
}
