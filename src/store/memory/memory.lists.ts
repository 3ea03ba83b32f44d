import type { Author, Country, GraphNode, NodeType, Region, Theme } from '../../domain/node.types';
import { NODE_TYPES } from '../../domain/node.types';
import type { CountryLookup, Page, PageRequest, SearchHit, ThemeCooccurrence } from '../../domain/query.types';
import { nameKey } from '../fold';
import { RELATIONSHIP_TYPES, type ByKey, type GraphCounts } from '../store';
import { queryWords } from './memory.analyzer';
import { type Csr, rowLength, rowOf } from './memory.csr';
import { sourcesOf, targetsOf } from './memory.graph';
import { byChainLevel, byId, byName, compareText, round4 } from './memory.order';
import type { MemoryReads } from './memory.reads';
import { keyedBy, type MemoryView, nodesOf } from './memory.view';

const none = <T>(): T[] => [];

/** The root lists, lookups, search and the place and theme hierarchies of the memory store. */
export class MemoryLists {
  constructor(private readonly view: MemoryView, private readonly reads: MemoryReads) {}

  /** See GraphStore.getNodes. */
  getNodes(ids: readonly string[]): (GraphNode | null)[] {
    const { graph } = this.view;
    return ids.map((id) => (graph.hasNode(id) ? graph.getNodeAttributes(id) : null));
  }

  /** See GraphStore.listCountries. */
  listCountries(options: { all: boolean; includeMentions?: boolean }): Country[] {
    const { countries, into, numberOf } = this.view.indexes;
    const has = (csr: Csr, c: Country) => rowLength(csr, numberOf.get(c.id)!) > 0;
    return countries.filter((c) => options.all || has(into.covering, c) || (!!options.includeMentions && has(into.mentioning, c)));
  }

  /** See GraphStore.listAuthors: a key whose sort value is not a name resumes nothing, as in Cypher. */
  listAuthors(page: PageRequest, nameContains?: string): Page<Author> {
    const needle = nameContains ? nameContains.toLowerCase() : null;
    const matched = needle === null ? this.view.indexes.authors : this.view.indexes.authors.filter((a) => a.name.toLowerCase().includes(needle));
    let start = 0;
    if (page.after) {
      const { sort, id } = page.after;
      const bound = typeof sort === 'string' ? sort.toLowerCase() : null;
      start = bound === null ? -1 : matched.findIndex((a) => {
        const k = a.name.toLowerCase();
        return k > bound || (k === bound && compareText(a.id, id) > 0);
      });
    }
    const first = Math.max(0, page.first);
    const rows = start < 0 ? [] : matched.slice(start, start + first + 1);
    return {
      items: rows.slice(0, first).map((node) => ({ node, key: { sort: node.name, id: node.id } })),
      totalCount: matched.length,
      hasNextPage: rows.length > first,
    };
  }

  /** See GraphStore.findCountry: id wins over ISO code over name; an ISO code must have 2 or 3 letters. */
  findCountry(lookup: CountryLookup): Country | null {
    const { indexes, graph } = this.view;
    const iso = lookup.iso?.trim().toUpperCase();
    let id: string | undefined;
    if (lookup.id) id = graph.hasNode(lookup.id) && graph.getNodeAttributes(lookup.id).type === 'Country' ? lookup.id : undefined;
    else if (iso?.length === 2) id = indexes.countryByIso2.get(iso);
    else if (iso?.length === 3) id = indexes.countryByIso3.get(iso);
    else if (!iso && lookup.name && nameKey(lookup.name)) id = indexes.countryByNameKey.get(nameKey(lookup.name));
    return id ? (graph.getNodeAttributes(id) as Country) : null;
  }

  /** See GraphStore.search: publications by title and abstract, other nodes by folded name, by score desc then id. */
  search(query: string, types: readonly NodeType[], first: number): SearchHit[] {
    const words = queryWords(query);
    if (!words) return [];
    const wanted = types.length ? types : NODE_TYPES;
    const hits = [
      ...(wanted.includes('Publication') ? this.view.text.searchPublications(words) : []),
      ...this.view.text.searchNames(words, wanted.filter((t) => t !== 'Publication')),
    ];
    return hits.sort((a, b) => b.score - a.score || compareText(a.id, b.id))
      .slice(0, Math.max(0, first))
      .map((hit) => ({ node: this.view.graph.getNodeAttributes(hit.id), score: hit.score }));
  }

  /** See GraphStore.regionChainOf. */
  regionChainOf(ids: readonly string[]): ByKey<Region[]> {
    const { graph, indexes } = this.view;
    return new Map([...new Set(ids)].map((id) => {
      const kind = id.slice(0, id.indexOf(':'));
      const node = graph.hasNode(id) ? graph.getNodeAttributes(id) : null;
      if (!node || node.type !== kind || (kind !== 'Country' && kind !== 'Region')) return [id, []];
      const chain = (indexes.reach.get(id) ?? []).filter((r) => r !== id).map((r) => graph.getNodeAttributes(r) as Region);
      return [id, chain.filter((r) => r.level !== 'CUSTOM').sort(byChainLevel)];
    }));
  }

  /** See GraphStore.parentsOf. */
  parentsOf(regionIds: readonly string[]): ByKey<Region[]> {
    return this.related<Region, Region>(regionIds, 'Region', (r) => targetsOf(this.view.graph, r.id, 'PART_OF'), byId);
  }

  /** See GraphStore.childrenOf. */
  childrenOf(regionIds: readonly string[]): ByKey<Region[]> {
    return this.related<Region, Region>(regionIds, 'Region', (r) => sourcesOf(this.view.graph, r.id, 'PART_OF'), byName);
  }

  /** See GraphStore.countriesOf: recursively, every country IN_REGION a region of the subtree, once each. */
  countriesOf(regionIds: readonly string[], recursive: boolean): ByKey<Country[]> {
    const { graph, indexes } = this.view;
    return this.related<Region, Country>(regionIds, 'Region', (r) => (recursive
      ? indexes.countries.filter((c) => indexes.reach.get(c.id)?.includes(r.id)).map((c) => c.id)
      : sourcesOf(graph, r.id, 'IN_REGION')), byName);
  }

  /** See GraphStore.broaderOf. */
  broaderOf(themeIds: readonly string[]): ByKey<Theme[]> {
    return this.related<Theme, Theme>(themeIds, 'Theme', (t) => targetsOf(this.view.graph, t.id, 'BROADER'), byName);
  }

  /** See GraphStore.narrowerOf. */
  narrowerOf(themeIds: readonly string[]): ByKey<Theme[]> {
    return this.related<Theme, Theme>(themeIds, 'Theme', (t) => sourcesOf(this.view.graph, t.id, 'BROADER'), byName);
  }

  /** See GraphStore.relatedThemesOf: sizes count ABOUT relationships, N every publication. */
  relatedThemesOf(themeIds: readonly string[], first: number): ByKey<ThemeCooccurrence[]> {
    const { indexes, graph } = this.view;
    const { into, numberOf, ids } = indexes;
    const total = indexes.publications.length;
    return keyedBy<Theme, ThemeCooccurrence[]>(this.view, themeIds, 'Theme', (a) => {
      const self = numberOf.get(a.id)!;
      const sizeA = rowLength(into.aboutLinks, self);
      const shared = this.reads.tally(rowOf(into.about, self), indexes.out.themes);
      return shared.top().filter(([n]) => n !== self).map(([n, count]) => {
        const sizeB = rowLength(into.aboutLinks, n);
        return { theme: graph.getNodeAttributes(ids[n]) as Theme, count, jaccard: round4(count / (sizeA + sizeB - count)), lift: round4((count * total) / (sizeA * sizeB)) };
      }).sort((x, y) => y.count - x.count || y.jaccard - x.jaccard || byId(x.theme, y.theme)).slice(0, Math.max(0, first));
    }, none);
  }

  /** See GraphStore.counts. */
  counts(): GraphCounts {
    const nodes = Object.fromEntries(NODE_TYPES.map((t) => [t, 0])) as GraphCounts['nodes'];
    const relationships = Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, 0])) as GraphCounts['relationships'];
    this.view.graph.forEachNode((_id, node) => void nodes[node.type]++);
    this.view.graph.forEachEdge((_edge, attributes) => void relationships[attributes.type]++);
    return { nodes, relationships };
  }

  /** Answers each id of `type` with the distinct related nodes, sorted. */
  private related<N extends GraphNode, T extends GraphNode>(ids: readonly string[], type: N['type'], related: (node: N) => string[], order: (a: T, b: T) => number): ByKey<T[]> {
    return keyedBy<N, T[]>(this.view, ids, type, (node) => nodesOf<T>(this.view, new Set(related(node))).sort(order), none);
  }
}
