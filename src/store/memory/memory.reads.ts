import type { Author, Country, Publication, Region, Theme } from '../../domain/node.types';
import type { AnchorOptions, Coauthor, Counted, RelatedPublication, ThemeLinkView, YearCount } from '../../domain/query.types';
import type { ByKey, PublicationSlice } from '../store';
import { type Csr, rowOf, Tally } from './memory.csr';
import { outLinks, targetsOf } from './memory.graph';
import { byId, byName, compareText } from './memory.order';
import { anchorPublications, CHECKPOINT_MASK, keyed, keyedBy, type MemoryView, nodesAt, publicationsAt } from './memory.view';

const none = <T>(): T[] => [];
/** How the importer words the evidence of a link the source's category made (ingest/entry.resolver.ts). */
const CATEGORY_EVIDENCE = 'category: ';

/** Reads keyed by publication, by anchor and by author, answered from the graph as Neo4j's statements answer them. */
export class MemoryReads {
  constructor(private readonly view: MemoryView) {}

  /** See GraphStore.authorsOf: one entry per AUTHORED_BY, by position then id. */
  authorsOf(ids: readonly string[]): ByKey<Author[]> {
    return keyedBy<Publication, Author[]>(this.view, ids, 'Publication', (p) => outLinks(this.view.graph, p.id, 'AUTHORED_BY')
      .map((l) => ({ position: l.attributes.position ?? 0, author: this.node<Author>(l.target) }))
      .sort((a, b) => a.position - b.position || byId(a.author, b.author))
      .map((x) => x.author), none);
  }

  /** See GraphStore.placesOf: countries first, then regions, each by name then id. */
  placesOf(ids: readonly string[], relation: 'COVERS' | 'MENTIONS'): ByKey<(Country | Region)[]> {
    return keyedBy<Publication, (Country | Region)[]>(this.view, ids, 'Publication', (p) => targetsOf(this.view.graph, p.id, relation)
      .map((id) => this.node<Country | Region>(id))
      .filter((x) => x.type === 'Country' || x.type === 'Region')
      .sort((a, b) => compareText(a.type, b.type) || byName(a, b)), none);
  }

  /** See GraphStore.themesOf: by score descending, then theme id; a confirmed link carries its curator. */
  themesOf(ids: readonly string[]): ByKey<ThemeLinkView[]> {
    return keyedBy<Publication, ThemeLinkView[]>(this.view, ids, 'Publication', (p) => outLinks(this.view.graph, p.id, 'ABOUT')
      .map((l): ThemeLinkView => {
        const evidence = [...(l.attributes.evidence ?? [])];
        const curator = l.attributes.curator ? { ...l.attributes.curator } : null;
        const source = curator ? 'CURATOR' : evidence.every((e) => e.startsWith(CATEGORY_EVIDENCE)) ? 'CATEGORY' : 'TAGGER';
        return { theme: this.node<Theme>(l.target), score: l.attributes.score ?? 0, evidence, source, curator, by: l.attributes.by ?? null, at: l.attributes.at ?? null };
      })
      .sort((a, b) => b.score - a.score || byId(a.theme, b.theme)), none);
  }

  /**
   * See GraphStore.relatedOf. Every pair of links through a shared theme scores 1 and through a
   * shared covered place 0.5, as the statement's UNION ALL of paths sums them; what they share is
   * listed once per pair of links, by id.
   */
  relatedOf(ids: readonly string[], first: number): ByKey<RelatedPublication[]> {
    const { out, into, publicationNumber } = this.view.indexes;
    return keyedBy<Publication, RelatedPublication[]>(this.view, ids, 'Publication', (p) => {
      const pn = publicationNumber.get(p.id)!;
      // Points are counted in halves, so they stay integers.
      const halves = new Map<number, number>();
      const shared = (hubs: Csr, links: Csr, points: number) => {
        for (const hub of rowOf(hubs, pn)) for (const o of rowOf(links, hub)) if (o !== pn) halves.set(o, (halves.get(o) ?? 0) + points);
      };
      shared(out.themes, into.aboutLinks, 2);
      shared(out.covers, into.coverLinks, 1);
      const via = (hubs: Csr, o: number) => {
        const theirs = Array.from(rowOf(hubs, o));
        return Array.from(rowOf(hubs, pn)).flatMap((hub) => theirs.filter((x) => x === hub)).sort((a, b) => a - b);
      };
      return topRelated(halves, Math.max(0, first)).map(([o, points]) => ({
        publication: this.view.indexes.publications[o],
        score: points / 2,
        sharedThemes: nodesAt<Theme>(this.view, via(out.themes, o)),
        sharedPlaces: nodesAt<Country | Region>(this.view, via(out.covers, o)),
      }));
    }, none);
  }

  /** See GraphStore.publicationsOf. */
  publicationsOf(anchorIds: readonly string[], first: number, options: AnchorOptions = {}): ByKey<PublicationSlice> {
    return keyed(anchorIds, (id) => {
      const pubs = anchorPublications(this.view, id, !!options.includeMentions);
      return { items: publicationsAt(this.view, Array.from(pubs).slice(0, Math.max(0, first))), totalCount: pubs.length };
    });
  }

  /** See GraphStore.themeCountsOf. */
  themeCountsOf(anchorIds: readonly string[], options: AnchorOptions = {}): ByKey<Counted<Theme>[]> {
    return keyed(anchorIds, (id) => this.countThemes(anchorPublications(this.view, id, !!options.includeMentions)));
  }

  /** See GraphStore.trendOf. */
  trendOf(anchorIds: readonly string[], options: AnchorOptions = {}): ByKey<YearCount[]> {
    return keyed(anchorIds, (id) => {
      const years = new Map<number, number>();
      for (const p of publicationsAt(this.view, anchorPublications(this.view, id, !!options.includeMentions))) {
        if (p.year !== null) years.set(p.year, (years.get(p.year) ?? 0) + 1);
      }
      return [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
    });
  }

  /** See GraphStore.coauthorsOf. */
  coauthorsOf(authorIds: readonly string[], first: number): ByKey<Coauthor[]> {
    const { out, into, numberOf } = this.view.indexes;
    return keyedBy<Author, Coauthor[]>(this.view, authorIds, 'Author', (a) => {
      const self = numberOf.get(a.id)!;
      const shared = this.tally(rowOf(into.authored, self), out.authors);
      return this.counted<Author>(shared.top().filter(([n]) => n !== self).slice(0, Math.max(0, first)));
    }, none);
  }

  /** See GraphStore.countryCountsOf. */
  countryCountsOf(themeIds: readonly string[], options: AnchorOptions = {}): ByKey<Counted<Country>[]> {
    const { out } = this.view.indexes;
    const lists = options.includeMentions ? [out.coveredCountries, out.mentions] : [out.coveredCountries];
    return keyedBy<Theme, Counted<Country>[]>(this.view, themeIds, 'Theme', (t) => this.countOver(t.id, lists), none);
  }

  /** See GraphStore.regionCountsOf. */
  regionCountsOf(themeIds: readonly string[]): ByKey<Counted<Region>[]> {
    return keyedBy<Theme, Counted<Region>[]>(this.view, themeIds, 'Theme', (t) => this.countOver(t.id, [this.view.indexes.out.regions]), none);
  }

  /** Returns the themes of publications with how many of them are ABOUT each, by count desc then id. */
  countThemes(pubs: ArrayLike<number>, limit = Infinity): Counted<Theme>[] {
    return this.counted<Theme>(this.tally(pubs, this.view.indexes.out.themes).top(limit));
  }

  /** Returns how many of the publications hold each node number in the given link lists (once per publication). */
  tally(pubs: ArrayLike<number>, ...lists: Csr[]): Tally {
    const tally = new Tally(this.view.indexes.ids.length);
    for (let i = 0; i < pubs.length; i++) {
      if ((i & CHECKPOINT_MASK) === CHECKPOINT_MASK) this.view.checkpoint();
      tally.addRow(pubs[i], ...lists);
    }
    return tally;
  }

  /** Returns the nodes of [number, count] pairs with their counts. */
  counted<T extends Author | Country | Region | Theme>(pairs: readonly [number, number][]): Counted<T>[] {
    return pairs.map(([n, count]) => ({ node: this.node<T>(this.view.indexes.ids[n]), count }));
  }

  private countOver<T extends Country | Region>(themeId: string, lists: Csr[]): Counted<T>[] {
    const { into, numberOf } = this.view.indexes;
    return this.counted<T>(this.tally(rowOf(into.about, numberOf.get(themeId)!), ...lists).top());
  }

  private node<T>(id: string): T {
    return this.view.graph.getNodeAttributes(id) as T;
  }
}

/**
 * Returns the `first` best candidates by points desc, then publication number (which is year
 * desc, no year last, id). Hubs such as World make nearly every publication a candidate, so
 * candidates are grouped by points and only the groups the answer reaches are sorted.
 */
function topRelated(points: ReadonlyMap<number, number>, first: number): [number, number][] {
  const groups = new Map<number, number[]>();
  for (const [pn, p] of points) (groups.get(p) ?? groups.set(p, []).get(p)!).push(pn);
  const out: [number, number][] = [];
  for (const p of [...groups.keys()].sort((a, b) => b - a)) {
    if (out.length >= first) break;
    out.push(...groups.get(p)!.sort((a, b) => a - b).slice(0, first - out.length).map((pn): [number, number] => [pn, p]));
  }
  return out;
}
