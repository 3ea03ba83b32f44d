import type { Author, Country, Publication, Region, Theme } from '../../domain/node.types';
import type { AnchorOptions, Coauthor, Counted, RelatedPublication, ThemeLinkView, YearCount } from '../../domain/query.types';
import type { ByKey, PublicationSlice } from '../store';
import { outLinks, targetsOf } from './memory.graph';
import type { PublicationLinks } from './memory.indexes';
import { byCountDesc, byId, byName, compareText, NO_YEAR_LOW } from './memory.order';
import { anchorPublications, keyed, keyedBy, type MemoryView, nodesOf } from './memory.view';

const none = <T>(): T[] => [];

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

  /** See GraphStore.themesOf: by score descending, then theme id. */
  themesOf(ids: readonly string[]): ByKey<ThemeLinkView[]> {
    return keyedBy<Publication, ThemeLinkView[]>(this.view, ids, 'Publication', (p) => outLinks(this.view.graph, p.id, 'ABOUT')
      .map((l) => ({ theme: this.node<Theme>(l.target), score: l.attributes.score ?? 0, evidence: [...(l.attributes.evidence ?? [])] }))
      .sort((a, b) => b.score - a.score || byId(a.theme, b.theme)), none);
  }

  /**
   * See GraphStore.relatedOf. Every pair of links through a shared theme scores 1 and through a
   * shared covered place 0.5, as the statement's UNION ALL of paths sums them.
   */
  relatedOf(ids: readonly string[], first: number): ByKey<RelatedPublication[]> {
    const { indexes } = this.view;
    return keyedBy<Publication, RelatedPublication[]>(this.view, ids, 'Publication', (p) => {
      const mine = this.links(p.id);
      const score = new Map<string, number>();
      const shared = (hubs: readonly string[], sources: ReadonlyMap<string, readonly string[]>, points: number) => {
        for (const hub of hubs) for (const o of sources.get(hub) ?? []) if (o !== p.id) score.set(o, (score.get(o) ?? 0) + points);
      };
      shared(mine.themes, indexes.aboutSources, 1);
      shared(mine.covers, indexes.coverSources, 0.5);
      const ranked = [...score].map(([id, points]) => ({ o: this.view.publication(id), points }))
        .sort((a, b) => b.points - a.points || (b.o.year ?? NO_YEAR_LOW) - (a.o.year ?? NO_YEAR_LOW) || byId(a.o, b.o))
        .slice(0, Math.max(0, first));
      // One entry per pair of links, as the statement's COLLECT over paths gives them.
      const via = (hubs: readonly string[], theirs: readonly string[]) => hubs.flatMap((hub) => theirs.filter((x) => x === hub)).sort(compareText);
      return ranked.map(({ o, points }) => ({
        publication: o,
        score: points,
        sharedThemes: nodesOf<Theme>(this.view, via(mine.themes, this.links(o.id).themes)),
        sharedPlaces: nodesOf<Country | Region>(this.view, via(mine.covers, this.links(o.id).covers)),
      }));
    }, none);
  }

  /** See GraphStore.publicationsOf. */
  publicationsOf(anchorIds: readonly string[], first: number, options: AnchorOptions = {}): ByKey<PublicationSlice> {
    return keyed(anchorIds, (id) => {
      const pubs = anchorPublications(this.view, id, !!options.includeMentions);
      return { items: pubs.slice(0, Math.max(0, first)).map((p) => this.view.publication(p)), totalCount: pubs.length };
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
      for (const p of anchorPublications(this.view, id, !!options.includeMentions)) {
        const { year } = this.view.publication(p);
        if (year !== null) years.set(year, (years.get(year) ?? 0) + 1);
      }
      return [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
    });
  }

  /** See GraphStore.coauthorsOf. */
  coauthorsOf(authorIds: readonly string[], first: number): ByKey<Coauthor[]> {
    return keyedBy<Author, Coauthor[]>(this.view, authorIds, 'Author', (a) => {
      const shared = new Map<string, Set<string>>();
      for (const p of this.view.indexes.byAuthor.get(a.id) ?? []) {
        for (const b of this.links(p).authors) {
          if (b !== a.id) shared.set(b, (shared.get(b) ?? new Set()).add(p));
        }
      }
      return this.counted<Author>(new Map([...shared].map(([b, pubs]) => [b, pubs.size]))).slice(0, Math.max(0, first));
    }, none);
  }

  /** See GraphStore.countryCountsOf. */
  countryCountsOf(themeIds: readonly string[], options: AnchorOptions = {}): ByKey<Counted<Country>[]> {
    const { graph } = this.view;
    return keyedBy<Theme, Counted<Country>[]>(this.view, themeIds, 'Theme', (t) => this.countPlaces(t.id, (p) => {
      const links = this.links(p);
      return (options.includeMentions ? [...links.covers, ...links.mentions] : links.covers).filter((x) => graph.getNodeAttributes(x).type === 'Country');
    }), none);
  }

  /** See GraphStore.regionCountsOf. */
  regionCountsOf(themeIds: readonly string[]): ByKey<Counted<Region>[]> {
    return keyedBy<Theme, Counted<Region>[]>(this.view, themeIds, 'Theme', (t) => this.countPlaces(t.id, (p) => this.links(p).regions), none);
  }

  /** Returns the themes of publications with how many of them are ABOUT each, by count desc then id. */
  countThemes(pubs: readonly string[]): Counted<Theme>[] {
    const counts = new Map<string, number>();
    for (const p of pubs) for (const t of new Set(this.links(p).themes)) counts.set(t, (counts.get(t) ?? 0) + 1);
    return this.counted<Theme>(counts);
  }

  /** Returns a publication's links (known to exist). */
  links(id: string): PublicationLinks {
    return this.view.indexes.links.get(id)!;
  }

  /** Returns nodes by id with their counts, by count desc then id. */
  counted<T extends Author | Country | Region | Theme>(counts: ReadonlyMap<string, number>): Counted<T>[] {
    return [...counts].map(([id, count]) => ({ node: this.node<T>(id), count })).sort(byCountDesc);
  }

  private countPlaces<T extends Country | Region>(themeId: string, placesOf: (pub: string) => readonly string[]): Counted<T>[] {
    const counts = new Map<string, number>();
    for (const p of this.view.indexes.byTheme.get(themeId) ?? []) for (const x of new Set(placesOf(p))) counts.set(x, (counts.get(x) ?? 0) + 1);
    return this.counted<T>(counts);
  }

  private node<T>(id: string): T {
    return this.view.graph.getNodeAttributes(id) as T;
  }
}
