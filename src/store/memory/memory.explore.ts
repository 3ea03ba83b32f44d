import type { Author, Country, NodeType, Publication, Region, Scope, Theme } from '../../domain/node.types';
import { NODE_TYPES } from '../../domain/node.types';
import type { Facets, MatrixCell, PlaceLevel, PublicationFilter, Suggestion, ThemeGraph, ThemeMatrix } from '../../domain/query.types';
import { searchKey } from '../fold';
import { codePointLength, compareText, distinct, labelOf, round4 } from './memory.order';
import { filterPublications } from './memory.publications';
import type { MemoryReads } from './memory.reads';
import type { MemoryView } from './memory.view';

/** The exploration reads over a filtered set (matrices, facets, theme networks) and typeahead. */
export class MemoryExplore {
  constructor(private readonly view: MemoryView, private readonly reads: MemoryReads) {}

  /** See GraphStore.themeMatrix: a cell counts publications ABOUT the theme covering the place or, for a region, anything below it. */
  themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): ThemeMatrix {
    const { indexes } = this.view;
    const rows: Theme[] = themes === null ? [...indexes.themes] : this.known<Theme>(themes, ['Theme']);
    const columns: (Country | Region)[] = places !== null ? this.known<Country | Region>(places, ['Country', 'Region'])
      : level === 'COUNTRY' ? [...indexes.countries] : indexes.regions.filter((r) => r.level === level);
    const rowAt = new Map(rows.map((t, i) => [t.id, i]));
    const columnAt = new Map(columns.map((x, i) => [x.id, i]));
    const counts = rows.map(() => columns.map(() => 0));
    let publicationCount = 0;
    for (const p of filterPublications(this.view, filter).publications) {
      const links = this.reads.links(p.id);
      const hitRows = links.themes.filter((t) => rowAt.has(t));
      if (hitRows.length === 0) continue;
      const hitColumns = distinct(links.covers.flatMap((x) => indexes.reach.get(x) ?? [])).filter((x) => columnAt.has(x));
      if (hitColumns.length === 0) continue;
      publicationCount++;
      for (const t of hitRows) for (const x of hitColumns) counts[rowAt.get(t)!][columnAt.get(x)!]++;
    }
    const cells: MatrixCell[] = rows.flatMap((t, r) => columns.map((x, c) => ({ theme: t.id, place: x.id, count: counts[r][c] })));
    return {
      themes: rows,
      places: columns,
      cells,
      rowTotals: counts.map((row) => row.reduce((a, b) => a + b, 0)),
      columnTotals: columns.map((_, c) => counts.reduce((sum, row) => sum + row[c], 0)),
      publicationCount,
    };
  }

  /** See GraphStore.facets: counts over exactly the set findPublications(filter) returns. */
  facets(filter: PublicationFilter, first: number): Facets {
    const { graph } = this.view;
    const pubs = filterPublications(this.view, filter).publications;
    const limit = Math.max(0, Math.floor(first));
    const tally = <T extends Author | Country | Region>(placesOf: (p: Publication) => readonly string[]) => {
      const counts = new Map<string, number>();
      for (const p of pubs) for (const x of new Set(placesOf(p))) counts.set(x, (counts.get(x) ?? 0) + 1);
      return this.reads.counted<T>(counts).slice(0, limit);
    };
    const isType = (type: NodeType) => (id: string) => graph.getNodeAttributes(id).type === type;
    const years = new Map<number, number>();
    const scopes = new Map<Scope, number>();
    for (const p of pubs) {
      if (p.year !== null) years.set(p.year, (years.get(p.year) ?? 0) + 1);
      scopes.set(p.scope, (scopes.get(p.scope) ?? 0) + 1);
    }
    return {
      total: pubs.length,
      themes: this.reads.countThemes(pubs.map((p) => p.id)).slice(0, limit),
      countries: tally<Country>((p) => {
        const links = this.reads.links(p.id);
        return (filter.includeMentions ? [...links.covers, ...links.mentions] : links.covers).filter(isType('Country'));
      }),
      regions: tally<Region>((p) => this.reads.links(p.id).regions),
      authors: tally<Author>((p) => this.reads.links(p.id).authors),
      years: [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })),
      scopes: [...scopes].sort(([a, x], [b, y]) => y - x || compareText(a, b)).map(([scope, count]) => ({ scope, count })),
    };
  }

  /** See GraphStore.themeGraph: sizes and N are counted over the filtered set. */
  themeGraph(filter: PublicationFilter, minCount: number): ThemeGraph {
    const pubs = filterPublications(this.view, filter).publications;
    const nodes = this.reads.countThemes(pubs.map((p) => p.id));
    const size = new Map(nodes.map((n) => [n.node.id, n.count]));
    const pairs = new Map<string, { source: string; target: string; count: number }>();
    for (const p of pubs) {
      const themes = distinct(this.reads.links(p.id).themes).sort(compareText);
      themes.forEach((a, i) => themes.slice(i + 1).forEach((b) => {
        const key = `${a}\u0000${b}`;
        const pair = pairs.get(key) ?? { source: a, target: b, count: 0 };
        pair.count++;
        pairs.set(key, pair);
      }));
    }
    const total = pubs.length;
    const edges = [...pairs.values()].filter((e) => e.count >= minCount).map(({ source, target, count: n }) => {
      const [sizeA, sizeB] = [size.get(source)!, size.get(target)!];
      return { source, target, count: n, jaccard: round4(n / (sizeA + sizeB - n)), lift: round4((n * total) / (sizeA * sizeB)) };
    }).sort((a, b) => b.count - a.count || compareText(a.source, b.source) || compareText(a.target, b.target));
    return { nodes, edges };
  }

  /**
   * See GraphStore.suggest: MiniSearch finds the candidates (whole labels by prefix; then, only
   * when those are too few, labels by word), the contract's ranking orders them.
   */
  suggest(prefix: string, types: readonly NodeType[], first: number): Suggestion[] {
    const key = searchKey(prefix);
    const limit = Math.max(0, Math.floor(first));
    if (key === '') return [];
    const wanted = new Set(types.length ? types : NODE_TYPES);
    const { graph, text } = this.view;
    const hits: (Suggestion & { key: string; length: number })[] = [];
    const consider = (ids: readonly string[], rank: 0 | 1): void => {
      for (const id of ids) {
        const node = graph.getNodeAttributes(id);
        const folded = text.searchKeyOf(id);
        if (!wanted.has(node.type) || (rank === 0 ? !folded.startsWith(key) : folded.startsWith(key) || !folded.includes(` ${key}`))) continue;
        const label = labelOf(node);
        hits.push({ node, label, rank, key: folded, length: codePointLength(label) });
      }
    };
    consider(text.keyPrefixMatches(key), 0);
    if (hits.length < limit) consider(text.keyWordMatches(key), 1);
    return hits
      .sort((a, b) => a.rank - b.rank || a.length - b.length || compareText(a.key, b.key) || compareText(a.node.id, b.node.id))
      .slice(0, limit)
      .map(({ node, label, rank }) => ({ node, label, rank }));
  }

  /** Returns the distinct ids that are nodes of the given types, in first-given order. */
  private known<T extends Theme | Country | Region>(ids: readonly string[], types: readonly NodeType[]): T[] {
    const { graph } = this.view;
    return distinct(ids).filter((id) => graph.hasNode(id) && types.includes(graph.getNodeAttributes(id).type)).map((id) => graph.getNodeAttributes(id) as T);
  }
}
