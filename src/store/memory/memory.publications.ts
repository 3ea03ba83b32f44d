import type { Publication } from '../../domain/node.types';
import type { Page, PageKey, PageRequest, PublicationFilter, PublicationOrder } from '../../domain/query.types';
import { queryWords } from './memory.analyzer';
import type { GraphIndexes, OrderName } from './memory.indexes';
import type { TextIndexes } from './memory.search';
import { compareText, NO_YEAR_HIGH, NO_YEAR_LOW } from './memory.order';

/** What the memory store reads publications from. */
export interface PublicationSource {
  readonly indexes: GraphIndexes;
  readonly text: TextIndexes;
  publication(id: string): Publication;
}

/** The publications matching a filter, and their fulltext scores when the filter has text. */
export interface FilteredSet {
  readonly publications: Publication[];
  readonly scores: ReadonlyMap<string, number> | null;
}

/**
 * Returns the publications a filter matches, as the `// filter:begin` block of the
 * find-publications statements does: every given dimension must match (any of its values);
 * themes with their narrower themes, regions with their subtree, countries by COVERS (or
 * MENTIONS with `includeMentions`), inclusive year bounds that a missing year never meets.
 */
export function filterPublications(source: PublicationSource, filter: PublicationFilter): FilteredSet {
  const { indexes } = source;
  const sets: Set<string>[] = [];
  let scores: Map<string, number> | null = null;
  const words = queryWords(filter.text);
  if (words) {
    scores = new Map(source.text.searchPublications(words).map((hit) => [hit.id, hit.score]));
    sets.push(new Set(scores.keys()));
  }
  const union = (keys: readonly string[] | undefined, lists: (key: string) => readonly (readonly string[] | undefined)[]) => {
    if (keys?.length) sets.push(new Set(keys.flatMap((key) => lists(key).flatMap((list) => list ?? []))));
  };
  union(filter.themes, (t) => (indexes.narrower.get(t) ?? []).map((n) => indexes.byTheme.get(n)));
  union(filter.countries, (c) => [indexes.covering.get(c), filter.includeMentions ? indexes.mentioning.get(c) : undefined]);
  union(filter.regions, (r) => [indexes.inRegion.get(r)]);
  union(filter.authors, (a) => [indexes.byAuthor.get(a)]);

  const { yearFrom, yearTo } = filter;
  const scopes = filter.scopes?.length ? new Set(filter.scopes) : null;
  const keep = (p: Publication): boolean =>
    (yearFrom == null || (p.year !== null && p.year >= yearFrom))
    && (yearTo == null || (p.year !== null && p.year <= yearTo))
    && (scopes === null || scopes.has(p.scope))
    && sets.every((s) => s.has(p.id));
  sets.sort((a, b) => a.size - b.size);
  const candidates = sets.length ? [...sets[0]].map((id) => source.publication(id)) : indexes.publications;
  return { publications: candidates.filter(keep), scores };
}

/** Returns one keyset page of the filtered publications in the asked order (RELEVANCE without text: YEAR DESC). */
export function findPublications(source: PublicationSource, filter: PublicationFilter, order: PublicationOrder, page: PageRequest): Page<Publication> {
  const { publications, scores } = filterPublications(source, filter);
  const relevance = order.field === 'RELEVANCE' && scores !== null;
  const field = order.field === 'RELEVANCE' && !relevance ? 'YEAR' : order.field;
  const direction = order.field === 'RELEVANCE' ? 'DESC' : order.direction;
  const sortKey = (p: Publication): string | number | null => (field === 'YEAR' ? p.year : field === 'TITLE' ? p.title : scores!.get(p.id)!);

  let sorted: Publication[];
  let after: (p: Publication) => boolean;
  if (relevance) {
    const score = (p: Publication) => scores!.get(p.id)!;
    sorted = publications.sort((a, b) => score(b) - score(a) || compareText(a.id, b.id));
    after = keysetAfter(page.after, (k) => (typeof k === 'number' ? k : undefined), score, 'DESC');
  } else {
    const name: OrderName = `${field as 'YEAR' | 'TITLE'}_${direction}`;
    const rank = source.indexes.rank[name];
    sorted = publications.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    after = field === 'YEAR'
      ? keysetAfter(page.after, (k) => (k === null ? (direction === 'DESC' ? NO_YEAR_LOW : NO_YEAR_HIGH) : typeof k === 'number' ? k : undefined),
        (p) => p.year ?? (direction === 'DESC' ? NO_YEAR_LOW : NO_YEAR_HIGH), direction)
      : keysetAfter(page.after, (k) => (typeof k === 'string' ? k.toLowerCase() : undefined), (p) => p.title.toLowerCase(), direction);
  }
  const start = page.after ? sorted.findIndex(after) : 0;
  const rows = start < 0 ? [] : sorted.slice(start, start + Math.max(0, page.first) + 1);
  const items = rows.slice(0, Math.max(0, page.first)).map((node) => ({ node, key: { sort: sortKey(node), id: node.id } }));
  return { items, totalCount: publications.length, hasNextPage: rows.length > page.first };
}

/**
 * Returns the test "this row comes strictly after the key" of one order, as the statements write
 * it: a key whose sort value the order cannot compare (wrong type, or null where no sentinel
 * stands in) matches nothing, as a Cypher comparison with null or another type does.
 */
function keysetAfter<K extends string | number>(
  key: PageKey | null | undefined, read: (sort: PageKey['sort']) => K | undefined, value: (p: Publication) => K, direction: 'ASC' | 'DESC',
): (p: Publication) => boolean {
  if (!key) return () => true;
  const bound = read(key.sort);
  if (bound === undefined) return () => false;
  return (p) => {
    const v = value(p);
    if (v === bound) return compareText(p.id, key.id) > 0;
    return direction === 'DESC' ? v < bound : v > bound;
  };
}
