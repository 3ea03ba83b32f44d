import type { Author, Country, Publication, Region, Theme } from '../../domain/node.types';
import type { RelationshipKind } from '../../domain/query.types';
import { nameKey } from '../fold';
import { type Csr, csrOf, invert } from './memory.csr';
import { type KnowledgeGraph, sourcesOf, targetsOf } from './memory.graph';
import { byListLevel, byName, byYearDesc, compareText, NO_YEAR_HIGH } from './memory.order';

/** How far Neo4j's statements walk up the place hierarchy (`[:IN_REGION|PART_OF*0..7]`). */
const PLACE_HOPS = 7;
/** How far the theme filter walks down the theme hierarchy (`[:BROADER*0..5]`). */
const THEME_HOPS = 5;

/** The orders findPublications sorts by (besides relevance). */
export type OrderName = 'YEAR_DESC' | 'YEAR_ASC' | 'TITLE_ASC' | 'TITLE_DESC';

/** A publication's links, by publication number: node numbers, one per relationship (regions: once each). */
export type OutList = 'authors' | 'covers' | 'coveredCountries' | 'mentions' | 'themes' | 'regions';
/** A node's publications, by node number: publication numbers ascending, once each (`*Links`: one per relationship). */
export type InList = 'about' | 'aboutLinks' | 'covering' | 'coverLinks' | 'mentioning' | 'authored' | 'inRegion';

/** A node's relationships of every type, either way: the node at the other end and the type, by index. */
export interface Adjacency {
  readonly nodes: string[];
  readonly types: RelationshipKind[];
}

/**
 * Everything the reads need precomputed from the graph, rebuilt after each import. Nodes have
 * numbers in id order, publications numbers in YEAR DESC order (so a sorted list of publication
 * numbers is newest first, and a sorted list of node numbers is by id); links and per-node
 * publication lists are CSR rows of those numbers.
 */
export interface GraphIndexes {
  /** Every node id in id order: a node's number is its position. */
  readonly ids: readonly string[];
  readonly numberOf: ReadonlyMap<string, number>;
  /** Every publication newest first (no year last), then by id: a publication's number is its position. */
  readonly publications: readonly Publication[];
  readonly publicationNumber: ReadonlyMap<string, number>;
  /** Per publication number: its position in each order. */
  readonly rank: Readonly<Record<OrderName, Int32Array>>;
  readonly themes: readonly Theme[];
  readonly regions: readonly Region[];
  readonly countries: readonly Country[];
  readonly authors: readonly Author[];
  readonly out: Readonly<Record<OutList, Csr>>;
  readonly into: Readonly<Record<InList, Csr>>;
  readonly adjacency: ReadonlyMap<string, Adjacency>;
  /** Per country or region: itself, then every region above it within the walk's bound. */
  readonly reach: ReadonlyMap<string, readonly string[]>;
  /** Per theme: itself and its narrower themes within the filter's bound. */
  readonly narrower: ReadonlyMap<string, readonly string[]>;
  readonly countryByIso2: ReadonlyMap<string, string>;
  readonly countryByIso3: ReadonlyMap<string, string>;
  readonly countryByNameKey: ReadonlyMap<string, string>;
}

/** Returns the indexes of a graph, from one pass over its nodes and one over its relationships. */
export function buildIndexes(graph: KnowledgeGraph): GraphIndexes {
  const byType = { Publication: [] as Publication[], Theme: [] as Theme[], Region: [] as Region[], Country: [] as Country[], Author: [] as Author[] };
  const adjacency = new Map<string, Adjacency>();
  graph.forEachNode((id, node) => {
    (byType[node.type] as unknown[]).push(node);
    adjacency.set(id, { nodes: [], types: [] });
  });
  const ids = [...adjacency.keys()].sort(compareText);
  const numberOf = new Map(ids.map((id, i) => [id, i]));
  const publications = byType.Publication.sort(byYearDesc);
  const publicationNumber = new Map(publications.map((p, i) => [p.id, i]));

  const pairs = { authors: [[], []], covers: [[], []], mentions: [[], []], themes: [[], []] } as Record<'authors' | 'covers' | 'mentions' | 'themes', [number[], number[]]>;
  const listOf = { AUTHORED_BY: 'authors', COVERS: 'covers', MENTIONS: 'mentions', ABOUT: 'themes' } as const;
  graph.forEachEdge((_edge, { type }, source, target) => {
    const out = adjacency.get(source)!;
    out.nodes.push(target);
    out.types.push(type);
    const back = adjacency.get(target)!;
    back.nodes.push(source);
    back.types.push(type);
    const list = (listOf as Partial<Record<RelationshipKind, keyof typeof pairs>>)[type];
    const pn = publicationNumber.get(source);
    if (list === undefined || pn === undefined) return;
    pairs[list][0].push(pn);
    pairs[list][1].push(numberOf.get(target)!);
  });
  const count = publications.length;
  const outOf = (list: keyof typeof pairs) => csrOf(count, ...pairs[list]);
  const [authors, covers, mentions, themes] = [outOf('authors'), outOf('covers'), outOf('mentions'), outOf('themes')];

  const reach = placeReach(graph, byType.Country, byType.Region);
  const regionNumbers = new Set(byType.Region.map((r) => numberOf.get(r.id)!));
  const reachNumbers = new Map([...reach].map(([place, up]) => [numberOf.get(place)!, up.map((r) => numberOf.get(r)!).filter((n) => regionNumbers.has(n))]));
  const countryRows: number[] = [];
  const countryItems: number[] = [];
  const regionRows: number[] = [];
  const regionItems: number[] = [];
  for (let pn = 0; pn < count; pn++) {
    const reached = new Set<number>();
    for (let i = covers.start[pn]; i < covers.start[pn + 1]; i++) {
      const place = covers.items[i];
      if (!regionNumbers.has(place)) {
        countryRows.push(pn);
        countryItems.push(place);
      }
      for (const r of reachNumbers.get(place) ?? []) reached.add(r);
    }
    for (const r of reached) {
      regionRows.push(pn);
      regionItems.push(r);
    }
  }
  const regions = csrOf(count, regionRows, regionItems);
  const nodes = ids.length;

  return {
    ids,
    numberOf,
    publications,
    publicationNumber,
    rank: rankAll(publications),
    themes: byType.Theme.sort(byName),
    regions: byType.Region.sort(byListLevel),
    countries: byType.Country.sort(byName),
    authors: byType.Author.sort(byName),
    out: { authors, covers, mentions, themes, regions, coveredCountries: csrOf(count, countryRows, countryItems) },
    into: {
      about: invert(themes, nodes, true),
      aboutLinks: invert(themes, nodes, false),
      covering: invert(covers, nodes, true),
      coverLinks: invert(covers, nodes, false),
      mentioning: invert(mentions, nodes, true),
      authored: invert(authors, nodes, true),
      inRegion: invert(regions, nodes, true),
    },
    adjacency,
    reach,
    narrower: themeClosure(graph, byType.Theme),
    countryByIso2: firstById(byType.Country, (c) => c.iso2),
    countryByIso3: firstById(byType.Country, (c) => c.iso3),
    countryByNameKey: firstById(byType.Country, (c) => nameKey(c.name)),
  };
}

/** The orders ranked apart from YEAR DESC (which is the numbering itself). */
export type RankedOrder = Exclude<OrderName, 'YEAR_DESC'>;
export const RANKED_ORDERS: readonly RankedOrder[] = ['YEAR_ASC', 'TITLE_ASC', 'TITLE_DESC'];

/** Returns the key a ranked order sorts a publication by: its year (none: last), or its lower-cased title. */
export function rankKey(order: RankedOrder, p: Publication): string | number {
  return order === 'YEAR_ASC' ? p.year ?? NO_YEAR_HIGH : p.title.toLowerCase();
}

/** Compares two publications in a ranked order, given their keys: by key (TITLE_DESC: descending), then id ascending. */
export function rankCompare(order: RankedOrder, a: Publication, keyA: string | number, b: Publication, keyB: string | number): number {
  const byKey = typeof keyA === 'number' ? keyA - (keyB as number) : compareText(keyA, keyB as string);
  return (order === 'TITLE_DESC' ? -byKey : byKey) || compareText(a.id, b.id);
}

/** Returns each position's publication number from an order's ranks (the inverse permutation). */
export function orderOf(rank: Int32Array): Int32Array {
  const order = new Int32Array(rank.length);
  rank.forEach((position, pn) => void (order[position] = pn));
  return order;
}

/** Returns each publication number's position from an order (the inverse permutation). */
export function ranksOf(order: ArrayLike<number>): Int32Array {
  const rank = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  return rank;
}

/** Returns, per order, each publication number's position (YEAR DESC is the numbering itself). */
function rankAll(publications: readonly Publication[]): Record<OrderName, Int32Array> {
  const ranked = (order: RankedOrder) => {
    const keys = publications.map((p) => rankKey(order, p));
    const sorted = publications.map((_, i) => i).sort((a, b) => rankCompare(order, publications[a], keys[a], publications[b], keys[b]));
    return ranksOf(sorted);
  };
  return {
    YEAR_DESC: Int32Array.from(publications, (_, i) => i),
    YEAR_ASC: ranked('YEAR_ASC'),
    TITLE_ASC: ranked('TITLE_ASC'),
    TITLE_DESC: ranked('TITLE_DESC'),
  };
}

/** Returns, per country and region, itself and the regions reachable upwards by IN_REGION or PART_OF within the bound. */
function placeReach(graph: KnowledgeGraph, countries: readonly Country[], regions: readonly Region[]): Map<string, string[]> {
  const up = (id: string): string[] => [...targetsOf(graph, id, 'IN_REGION'), ...targetsOf(graph, id, 'PART_OF')]
    .filter((r) => graph.getNodeAttributes(r).type === 'Region');
  const reach = new Map<string, string[]>();
  for (const place of [...countries, ...regions]) {
    const seen = new Set<string>([place.id]);
    let frontier = [place.id];
    for (let hop = 0; hop < PLACE_HOPS && frontier.length; hop++) {
      frontier = frontier.flatMap(up).filter((r) => !seen.has(r));
      frontier.forEach((r) => seen.add(r));
    }
    reach.set(place.id, [...seen]);
  }
  return reach;
}

/** Returns, per theme, itself and the themes BROADER-linked to it from below within the bound. */
function themeClosure(graph: KnowledgeGraph, themes: readonly Theme[]): Map<string, string[]> {
  const closure = new Map<string, string[]>();
  for (const theme of themes) {
    const seen = new Set<string>([theme.id]);
    let frontier = [theme.id];
    for (let hop = 0; hop < THEME_HOPS && frontier.length; hop++) {
      frontier = frontier.flatMap((id) => sourcesOf(graph, id, 'BROADER')).filter((t) => !seen.has(t));
      frontier.forEach((t) => seen.add(t));
    }
    closure.set(theme.id, [...seen]);
  }
  return closure;
}

/** Returns a lookup from a key to the smallest country id having it (Neo4j answers ORDER BY id LIMIT 1). */
function firstById(countries: readonly Country[], key: (c: Country) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of [...countries].sort((a, b) => compareText(a.id, b.id))) if (!out.has(key(c))) out.set(key(c), c.id);
  return out;
}
