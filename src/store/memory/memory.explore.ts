import type { Author, Country, NodeType, Region, Scope, Theme } from '../../domain/node.types';
import { NODE_TYPES } from '../../domain/node.types';
import type { FacetDimension, Facets, MatrixCell, PlaceLevel, PublicationFilter, Suggestion, ThemeGraph, ThemeMatrix } from '../../domain/query.types';
import { searchKey } from '../fold';
import { type Csr, rowOf } from './memory.csr';
import { codePointLength, compareText, distinct, labelOf, round4 } from './memory.order';
import { filterPublications } from './memory.publications';
import type { MemoryReads } from './memory.reads';
import { CHECKPOINT_MASK, type MemoryView } from './memory.view';

/** The exploration reads over a filtered set (matrices, facets, theme networks) and typeahead. */
export class MemoryExplore {
  constructor(private readonly view: MemoryView, private readonly reads: MemoryReads) {}

  /** See GraphStore.themeMatrix: a cell counts publications ABOUT the theme covering the place or, for a region, anything below it. */
  themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): ThemeMatrix {
    const { indexes } = this.view;
    const rows: Theme[] = themes === null ? [...indexes.themes] : this.known<Theme>(themes, ['Theme']);
    const columns: (Country | Region)[] = places !== null ? this.known<Country | Region>(places, ['Country', 'Region'])
      : level === 'COUNTRY' ? [...indexes.countries] : indexes.regions.filter((r) => r.level === level);
    // Row and column of each node number (-1: none), so the loop below touches no string map.
    const rowAt = new Int32Array(indexes.ids.length).fill(-1);
    rows.forEach((t, i) => void (rowAt[indexes.numberOf.get(t.id)!] = i));
    const columnAt = new Int32Array(indexes.ids.length).fill(-1);
    columns.forEach((x, i) => void (columnAt[indexes.numberOf.get(x.id)!] = i));
    const counts = rows.map(() => new Int32Array(columns.length));
    const { out } = indexes;
    const hitColumns = new Set<number>();
    let publicationCount = 0;
    let steps = 0;
    for (const pn of filterPublications(this.view, filter).numbers) {
      if ((++steps & CHECKPOINT_MASK) === 0) this.view.checkpoint();
      hitColumns.clear();
      for (const places of [out.coveredCountries, out.regions]) for (const x of rowOf(places, pn)) if (columnAt[x] >= 0) hitColumns.add(columnAt[x]);
      const themes = rowOf(out.themes, pn);
      if (hitColumns.size === 0 || !themes.some((t) => rowAt[t] >= 0)) continue;
      publicationCount++;
      for (const t of themes) {
        if (rowAt[t] < 0) continue;
        const row = counts[rowAt[t]];
        for (const c of hitColumns) row[c]++;
      }
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
  facets(filter: PublicationFilter, first: number, dimensions: readonly FacetDimension[]): Facets {
    const { out, publications } = this.view.indexes;
    const { numbers } = filterPublications(this.view, filter);
    const limit = Math.max(0, Math.floor(first));
    const want = new Set(dimensions);
    const tally = <T extends Author | Country | Region | Theme>(dimension: FacetDimension, ...lists: Csr[]) =>
      want.has(dimension) ? this.reads.counted<T>(this.reads.tally(numbers, ...lists).top(limit)) : [];
    const years = new Map<number, number>();
    const scopes = new Map<Scope, number>();
    const languages = new Map<string, number>();
    let steps = 0;
    for (const pn of want.has('years') || want.has('scopes') || want.has('languages') ? numbers : []) {
      if ((++steps & CHECKPOINT_MASK) === 0) this.view.checkpoint();
      const p = publications[pn];
      if (p.year !== null && want.has('years')) years.set(p.year, (years.get(p.year) ?? 0) + 1);
      if (want.has('scopes')) scopes.set(p.scope, (scopes.get(p.scope) ?? 0) + 1);
      if (want.has('languages')) languages.set(p.language, (languages.get(p.language) ?? 0) + 1);
    }
    return {
      total: numbers.length,
      themes: tally<Theme>('themes', out.themes),
      countries: filter.includeMentions ? tally<Country>('countries', out.coveredCountries, out.mentions) : tally<Country>('countries', out.coveredCountries),
      regions: tally<Region>('regions', out.regions),
      authors: tally<Author>('authors', out.authors),
      years: [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })),
      scopes: [...scopes].sort(([a, x], [b, y]) => y - x || compareText(a, b)).map(([scope, count]) => ({ scope, count })),
      languages: [...languages].sort(([a, x], [b, y]) => y - x || compareText(a, b)).map(([language, count]) => ({ language, count })),
    };
  }

  /** See GraphStore.themeGraph: sizes and N are counted over the filtered set. */
  themeGraph(filter: PublicationFilter, minCount: number): ThemeGraph {
    const { ids, out } = this.view.indexes;
    const { numbers } = filterPublications(this.view, filter);
    const sizes = this.reads.tally(numbers, out.themes);
    // Pairs are keyed by their two node numbers (in id order, so source < target), far cheaper than strings.
    const pairs = new Map<number, number>();
    let steps = 0;
    for (const pn of numbers) {
      if ((++steps & CHECKPOINT_MASK) === 0) this.view.checkpoint();
      const themes = [...new Set(rowOf(out.themes, pn))].sort((a, b) => a - b);
      for (let i = 0; i < themes.length; i++) {
        for (let j = i + 1; j < themes.length; j++) {
          const key = themes[i] * ids.length + themes[j];
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
      }
    }
    const total = numbers.length;
    const edges = [...pairs].filter(([, n]) => n >= minCount).map(([key, n]) => {
      const [a, b] = [Math.floor(key / ids.length), key % ids.length];
      const [sizeA, sizeB] = [sizes.count(a), sizes.count(b)];
      return { source: ids[a], target: ids[b], count: n, jaccard: round4(n / (sizeA + sizeB - n)), lift: round4((n * total) / (sizeA * sizeB)) };
    }).sort((x, y) => y.count - x.count || compareText(x.source, y.source) || compareText(x.target, y.target));
    return { nodes: this.reads.counted<Theme>(sizes.top()), edges };
  }

  /**
   * See GraphStore.suggest: a scan of the text indexes' keys finds the candidates (whole labels by
   * prefix; then, only when those are too few, labels by a later word), the contract's ranking orders them.
   */
  suggest(prefix: string, types: readonly NodeType[], first: number): Suggestion[] {
    const key = searchKey(prefix);
    const limit = Math.max(0, Math.floor(first));
    if (key === '') return [];
    const wanted = new Set(types.length ? types : NODE_TYPES);
    const { graph, text } = this.view;
    const hits: (Suggestion & { key: string; length: number })[] = [];
    let steps = 0;
    const consider = (ids: readonly string[], rank: 0 | 1): void => {
      for (const id of ids) {
        if ((++steps & CHECKPOINT_MASK) === 0) this.view.checkpoint();
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
