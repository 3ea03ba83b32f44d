import type { Author, Country, Publication, Region, Theme } from '../../domain/node.types';
import type { RelationshipKind } from '../../domain/query.types';
import { nameKey } from '../fold';
import { type KnowledgeGraph, sourcesOf, targetsOf } from './memory.graph';
import { byListLevel, byName, byYearDesc, compareText, NO_YEAR_HIGH } from './memory.order';

/** How far Neo4j's statements walk up the place hierarchy (`[:IN_REGION|PART_OF*0..7]`). */
const PLACE_HOPS = 7;
/** How far the theme filter walks down the theme hierarchy (`[:BROADER*0..5]`). */
const THEME_HOPS = 5;

/** The orders findPublications sorts by; each has a rank per publication for sorting subsets fast. */
export type OrderName = 'YEAR_DESC' | 'YEAR_ASC' | 'TITLE_ASC' | 'TITLE_DESC';

/** A publication's outgoing links, one entry per relationship, and the regions its covered places sit in. */
export interface PublicationLinks {
  readonly authors: readonly string[];
  readonly covers: readonly string[];
  readonly mentions: readonly string[];
  readonly themes: readonly string[];
  /** The covered places that are countries. */
  readonly coveredCountries: readonly string[];
  /** Every region reached up from a covered place (the place itself included), once each. */
  readonly regions: readonly string[];
}

/** A node's relationships of every type, either way: the node at the other end and the type, by index. */
export interface Adjacency {
  readonly nodes: string[];
  readonly types: RelationshipKind[];
}

/**
 * Everything the reads need precomputed from the graph, rebuilt after each import: sorted node
 * lists, publication ranks per order, each publication's links, and per-node publication lists
 * (distinct, newest first) for themes, covered and mentioned countries, authors and region subtrees.
 */
export interface GraphIndexes {
  readonly links: ReadonlyMap<string, PublicationLinks>;
  readonly adjacency: ReadonlyMap<string, Adjacency>;
  /** Per theme and per covered place: the publication of each ABOUT or COVERS relationship into it. */
  readonly aboutSources: ReadonlyMap<string, readonly string[]>;
  readonly coverSources: ReadonlyMap<string, readonly string[]>;
  readonly publications: readonly Publication[];
  readonly themes: readonly Theme[];
  readonly regions: readonly Region[];
  readonly countries: readonly Country[];
  readonly authors: readonly Author[];
  readonly rank: Readonly<Record<OrderName, ReadonlyMap<string, number>>>;
  readonly byTheme: ReadonlyMap<string, readonly string[]>;
  /** ABOUT relationships per theme (Cypher COUNT of the pattern counts relationships). */
  readonly aboutCount: ReadonlyMap<string, number>;
  readonly covering: ReadonlyMap<string, readonly string[]>;
  readonly mentioning: ReadonlyMap<string, readonly string[]>;
  readonly byAuthor: ReadonlyMap<string, readonly string[]>;
  readonly inRegion: ReadonlyMap<string, readonly string[]>;
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
  const publications: Publication[] = [];
  const themes: Theme[] = [];
  const regions: Region[] = [];
  const countries: Country[] = [];
  const authors: Author[] = [];
  graph.forEachNode((_id, node) => {
    if (node.type === 'Publication') publications.push(node);
    else if (node.type === 'Theme') themes.push(node);
    else if (node.type === 'Region') regions.push(node);
    else if (node.type === 'Country') countries.push(node);
    else authors.push(node);
  });
  const yearDesc = [...publications].sort(byYearDesc);
  const rank = rankAll(publications, yearDesc);
  const newestFirst = (ids: Iterable<string>): string[] => [...new Set(ids)].sort((a, b) => rank.YEAR_DESC.get(a)! - rank.YEAR_DESC.get(b)!);

  const out = new Map(publications.map((p) => [p.id, { authors: [] as string[], covers: [] as string[], mentions: [] as string[], themes: [] as string[] }]));
  const into: Record<'ABOUT' | 'COVERS' | 'MENTIONS' | 'AUTHORED_BY', Map<string, string[]>> = {
    ABOUT: new Map(), COVERS: new Map(), MENTIONS: new Map(), AUTHORED_BY: new Map(),
  };
  const listKey = { ABOUT: 'themes', COVERS: 'covers', MENTIONS: 'mentions', AUTHORED_BY: 'authors' } as const;
  const adjacency = new Map<string, Adjacency>();
  graph.forEachNode((id) => void adjacency.set(id, { nodes: [], types: [] }));
  graph.forEachEdge((_edge, { type }, source, target) => {
    for (const [from, to] of [[source, target], [target, source]]) {
      const adjacent = adjacency.get(from)!;
      adjacent.nodes.push(to);
      adjacent.types.push(type);
    }
    if (type !== 'ABOUT' && type !== 'COVERS' && type !== 'MENTIONS' && type !== 'AUTHORED_BY') return;
    const links = out.get(source);
    if (!links) return;
    links[listKey[type]].push(target);
    const sources = into[type].get(target);
    if (sources) sources.push(source);
    else into[type].set(target, [source]);
  });
  const reach = placeReach(graph, countries, regions);
  const isRegion = new Set(regions.map((r) => r.id));
  const links = new Map([...out].map(([id, l]) => [id, {
    ...l,
    coveredCountries: l.covers.filter((x) => !isRegion.has(x)),
    regions: [...new Set(l.covers.flatMap((x) => reach.get(x) ?? []))].filter((r) => isRegion.has(r)),
  }]));
  const below = new Map<string, string[]>();
  for (const [place, regionIds] of reach) for (const r of regionIds) (below.get(r) ?? below.set(r, []).get(r)!).push(place);
  const distinctInto = (type: keyof typeof into) => new Map([...into[type]].map(([target, sources]) => [target, newestFirst(sources)]));
  const covering = distinctInto('COVERS');

  return {
    publications: yearDesc,
    themes: themes.sort(byName),
    regions: regions.sort(byListLevel),
    countries: countries.sort(byName),
    authors: authors.sort(byName),
    rank,
    links,
    adjacency,
    aboutSources: into.ABOUT,
    coverSources: into.COVERS,
    byTheme: distinctInto('ABOUT'),
    aboutCount: new Map([...into.ABOUT].map(([theme, sources]) => [theme, sources.length])),
    covering,
    mentioning: distinctInto('MENTIONS'),
    byAuthor: distinctInto('AUTHORED_BY'),
    inRegion: new Map(regions.map((r) => [r.id, newestFirst((below.get(r.id) ?? []).flatMap((place) => covering.get(place) ?? []))])),
    reach,
    narrower: themeClosure(graph, themes),
    countryByIso2: firstById(countries, (c) => c.iso2),
    countryByIso3: firstById(countries, (c) => c.iso3),
    countryByNameKey: firstById(countries, (c) => nameKey(c.name)),
  };
}

function rankAll(publications: readonly Publication[], yearDesc: readonly Publication[]): Record<OrderName, Map<string, number>> {
  const title = new Map(publications.map((p) => [p.id, p.title.toLowerCase()]));
  const ranked = (sorted: readonly Publication[]) => new Map(sorted.map((p, i) => [p.id, i]));
  const yearAsc = [...publications].sort((a, b) => (a.year ?? NO_YEAR_HIGH) - (b.year ?? NO_YEAR_HIGH) || compareText(a.id, b.id));
  const titleAsc = [...publications].sort((a, b) => compareText(title.get(a.id)!, title.get(b.id)!) || compareText(a.id, b.id));
  const titleDesc = [...publications].sort((a, b) => compareText(title.get(b.id)!, title.get(a.id)!) || compareText(a.id, b.id));
  return { YEAR_DESC: ranked(yearDesc), YEAR_ASC: ranked(yearAsc), TITLE_ASC: ranked(titleAsc), TITLE_DESC: ranked(titleDesc) };
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
