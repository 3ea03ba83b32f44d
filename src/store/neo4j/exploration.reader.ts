import type { Author, Country, GraphNode, NodeType, Region, Scope, Theme } from '../../domain/node.types';
import { NODE_TYPES } from '../../domain/node.types';
import { unknownNodeError } from '../../domain/errors';
import type { FacetDimension, Facets, GraphPath, MatrixCell, PathStep, PlaceLevel, PublicationFilter, RelationshipKind, RelationshipProperties, Subgraph, SubgraphEdge, Suggestion, ThemeGraph, ThemeMatrix } from '../../domain/query.types';
import { FACET_DIMENSIONS } from '../../domain/query.types';
import { searchKey } from '../fold';
import { countedOf, distinct, nodeOf, typedNode } from './keyed-rows';
import type { Row } from './neo4j.runner';
import { toGraphNode } from './node.mapper';
import { filterParams } from './publication-query.builder';
import type { QueryName } from './queries';

/** Runs one named statement and returns its rows (the store's single round trip). */
export type ReadStatement = (name: QueryName, params: Record<string, unknown>) => Promise<Row[]>;

type Props = Record<string, unknown>;
interface StepRow { type: RelationshipKind; source: string; target: string; props: Props }
interface CellRow { theme: string; place: string; count: number }
type EdgeRow = ThemeGraph['edges'][number];

const asTheme = nodeOf<Theme>('Theme');
// LIMIT rejects negative numbers; the port's callers bound sizes, this only keeps Cypher valid.
const count = (n: number): number => Math.max(0, Math.floor(n));

/**
 * The exploration reads of the Neo4j adapter (paths, neighbourhoods, matrices, facets, theme
 * networks, typeahead): each runs exactly one statement and turns its rows into domain values.
 */
export class ExplorationReader {
  constructor(private readonly read: ReadStatement) {}

  /** See GraphStore.paths. */
  async paths(from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] }): Promise<GraphPath[]> {
    const [found] = await this.read('paths', { from, to, via: [...options.via], maxHops: count(options.maxHops), first: count(options.first) });
    const missing = (found?.missing as ('from' | 'to')[] | undefined) ?? [];
    if (missing.length) throw unknownNodeError(missing[0], [missing[0] === 'from' ? from : to]);
    return ((found?.paths as Row[] | undefined) ?? []).map((row) => {
      const nodes = (row.nodes as unknown[]).map((item) => typedNode<GraphNode>(item));
      const relationships = (row.steps as StepRow[]).map((step, i): PathStep => ({
        type: step.type,
        source: step.source,
        target: step.target,
        properties: relationshipProperties(step.props),
        direction: step.source === nodes[i].id ? 'OUTGOING' : 'INCOMING',
      }));
      return { length: relationships.length, nodes, relationships };
    });
  }

  /** See GraphStore.neighborhood. */
  async neighborhood(ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }): Promise<Subgraph> {
    if (ids.length === 0) return { nodes: [], edges: [], truncated: false };
    const [row] = await this.read('neighborhood', {
      ids: distinct(ids), depth: count(options.depth), limit: count(options.limit), types: [...options.types],
    });
    const nodes = (row?.nodes as { type: NodeType; props: Props; degree: number; distance: number }[] | undefined) ?? [];
    return {
      nodes: nodes.map(({ type, props, degree, distance }) => ({ node: toGraphNode(type, props), degree, distance })),
      edges: (row?.edges as SubgraphEdge[] | undefined) ?? [],
      truncated: !!row?.truncated,
    };
  }

  /** See GraphStore.themeMatrix: the statement returns the non-zero cells; the zero cells are laid out here. */
  async themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): Promise<ThemeMatrix> {
    const [row] = await this.read('theme-matrix', {
      ...filterParams(filter), rowIds: themes && [...themes], placeIds: places && [...places], level,
    });
    const rows = ((row?.themes as Props[] | undefined) ?? []).map(asTheme);
    const columns = ((row?.places as unknown[] | undefined) ?? []).map((item) => typedNode<Country | Region>(item));
    const counts = new Map(((row?.cells as CellRow[] | undefined) ?? []).map((c) => [cellKey(c.theme, c.place), c.count]));
    const cells: MatrixCell[] = rows.flatMap((t) => columns.map((x) => ({ theme: t.id, place: x.id, count: counts.get(cellKey(t.id, x.id)) ?? 0 })));
    const rowTotals = rows.map((_, r) => sum(cells.slice(r * columns.length, (r + 1) * columns.length)));
    const columnTotals = columns.map((_, c) => sum(rows.map((_t, r) => cells[r * columns.length + c])));
    return { themes: rows, places: columns, cells, rowTotals, columnTotals, publicationCount: (row?.publicationCount as number | undefined) ?? 0 };
  }

  /** See GraphStore.facets. */
  async facets(filter: PublicationFilter, first: number, dimensions: readonly FacetDimension[] = FACET_DIMENSIONS): Promise<Facets> {
    const want = Object.fromEntries(FACET_DIMENSIONS.map((d) => [d, dimensions.includes(d)]));
    const [row] = await this.read('facets', { ...filterParams(filter), first: count(first), want });
    const list = (key: string): unknown[] => (row?.[key] as unknown[] | undefined) ?? [];
    // The statement counts (year, scope, language) cells in one pass; years, scopes and languages are their sums.
    const cells = list('cells') as { year: number | null; scope: Scope; language: string; count: number }[];
    const years = new Map<number, number>();
    const scopes = new Map<Scope, number>();
    const languages = new Map<string, number>();
    for (const { year, scope, language, count: n } of cells) {
      if (year !== null) years.set(year, (years.get(year) ?? 0) + n);
      scopes.set(scope, (scopes.get(scope) ?? 0) + n);
      languages.set(language, (languages.get(language) ?? 0) + n);
    }
    const byCount = <K extends string>([a, x]: [K, number], [b, y]: [K, number]): number => y - x || (a < b ? -1 : a > b ? 1 : 0);
    return {
      total: cells.reduce((sum, c) => sum + c.count, 0),
      themes: list('themes').map(countedOf<Theme>('Theme')),
      countries: list('countries').map(countedOf<Country>('Country')),
      regions: list('regions').map(countedOf<Region>('Region')),
      authors: list('authors').map(countedOf<Author>('Author')),
      years: want.years ? [...years].sort(([a], [b]) => a - b).map(([year, n]) => ({ year, count: n })) : [],
      scopes: want.scopes ? [...scopes].sort(byCount).map(([scope, n]) => ({ scope, count: n })) : [],
      languages: want.languages ? [...languages].sort(byCount).map(([language, n]) => ({ language, count: n })) : [],
    };
  }

  /** See GraphStore.themeGraph. */
  async themeGraph(filter: PublicationFilter, minCount: number): Promise<ThemeGraph> {
    const [row] = await this.read('theme-graph', { ...filterParams(filter), minCount });
    return {
      nodes: ((row?.nodes as unknown[] | undefined) ?? []).map(countedOf<Theme>('Theme')),
      edges: (row?.edges as EdgeRow[] | undefined) ?? [],
    };
  }

  /** See GraphStore.suggest: a prefix that folds to nothing matches nothing, without a round trip. */
  async suggest(prefix: string, types: readonly NodeType[], first: number): Promise<Suggestion[]> {
    const key = searchKey(prefix);
    if (key === '') return [];
    const rows = await this.read('suggest', { key, word: ` ${key}`, types: types.length ? [...types] : [...NODE_TYPES], first: count(first) });
    return rows.map((r) => ({ node: toGraphNode(r.type as NodeType, r.props as Props), label: r.label as string, rank: r.rank as 0 | 1 }));
  }
}

/** Keeps the properties the port exposes (ABOUT: score, evidence; AUTHORED_BY: position) that are set. */
function relationshipProperties(props: Props | null): RelationshipProperties {
  return Object.fromEntries(Object.entries(props ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

function cellKey(theme: string, place: string): string {
  return `${theme}\u0000${place}`;
}

function sum(cells: readonly MatrixCell[]): number {
  return cells.reduce((total, c) => total + c.count, 0);
}
