import type { Publication } from '../../domain/node.types';
import type { Page, PageKey, PageRequest, PublicationFilter, PublicationOrder } from '../../domain/query.types';
import { queryWords } from './memory.analyzer';
import { rowOf } from './memory.csr';
import type { OrderName } from './memory.indexes';
import { compareText, NO_YEAR_HIGH, NO_YEAR_LOW } from './memory.order';
import { CHECKPOINT_MASK, type MemoryView } from './memory.view';

/** The publications a filter matches (publication numbers, ascending: newest first) and their fulltext scores when it has text. */
export interface FilteredSet {
  readonly numbers: number[];
  readonly scores: ReadonlyMap<number, number> | null;
}

/**
 * Returns the publications a filter matches, as the `// filter:begin` block of the
 * find-publications statements does: every given dimension must match (any of its values);
 * themes with their narrower themes, regions with their subtree, countries by COVERS (or
 * MENTIONS with `includeMentions`), inclusive year bounds that a missing year never meets, scopes and languages.
 */
export function filterPublications(view: MemoryView, filter: PublicationFilter): FilteredSet {
  const { indexes } = view;
  const { into, numberOf, publications } = indexes;
  // How many of the given dimensions each publication matches; it must match all of them.
  const hits = new Uint8Array(publications.length);
  const seen = new Int32Array(publications.length).fill(-1);
  let dimensions = 0;
  const mark = (lists: ArrayLike<number>[]) => {
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        if (seen[list[i]] === dimensions) continue;
        seen[list[i]] = dimensions;
        hits[list[i]]++;
      }
    }
    dimensions++;
  };
  const rows = (csr: keyof typeof into, ids: readonly string[]) =>
    ids.flatMap((id) => (numberOf.has(id) ? [rowOf(into[csr], numberOf.get(id)!)] : []));

  let scores: Map<number, number> | null = null;
  const words = queryWords(filter.text);
  if (words) {
    scores = new Map(view.text.searchPublications(words).map((hit) => [indexes.publicationNumber.get(hit.id)!, hit.score]));
    mark([[...scores.keys()]]);
  }
  if (filter.themes?.length) mark(rows('about', filter.themes.flatMap((t) => indexes.narrower.get(t) ?? [])));
  if (filter.countries?.length) mark([...rows('covering', filter.countries), ...(filter.includeMentions ? rows('mentioning', filter.countries) : [])]);
  if (filter.regions?.length) mark(rows('inRegion', filter.regions));
  if (filter.authors?.length) mark(rows('authored', filter.authors));

  const { yearFrom, yearTo } = filter;
  const scopes = filter.scopes?.length ? new Set(filter.scopes) : null;
  const languages = filter.languages?.length ? new Set(filter.languages) : null;
  const numbers: number[] = [];
  for (let pn = 0; pn < publications.length; pn++) {
    if ((pn & CHECKPOINT_MASK) === CHECKPOINT_MASK) view.checkpoint();
    if (hits[pn] !== dimensions) continue;
    const p = publications[pn];
    if (yearFrom != null && (p.year === null || p.year < yearFrom)) continue;
    if (yearTo != null && (p.year === null || p.year > yearTo)) continue;
    if (scopes !== null && !scopes.has(p.scope)) continue;
    if (languages !== null && !languages.has(p.language)) continue;
    numbers.push(pn);
  }
  return { numbers, scores };
}

/** Returns one keyset page of the filtered publications in the asked order (RELEVANCE without text: YEAR DESC). */
export function findPublications(view: MemoryView, filter: PublicationFilter, order: PublicationOrder, page: PageRequest): Page<Publication> {
  const { publications, rank } = view.indexes;
  const { numbers, scores } = filterPublications(view, filter);
  const relevance = order.field === 'RELEVANCE' && scores !== null;
  const field = order.field === 'RELEVANCE' && !relevance ? 'YEAR' : order.field;
  const direction = order.field === 'RELEVANCE' ? 'DESC' : order.direction;
  const sortKey = (pn: number): string | number | null => (field === 'YEAR' ? publications[pn].year : field === 'TITLE' ? publications[pn].title : scores!.get(pn)!);

  let after: (pn: number) => boolean;
  if (relevance) {
    const score = (pn: number) => scores!.get(pn)!;
    numbers.sort((a, b) => score(b) - score(a) || compareText(publications[a].id, publications[b].id));
    after = keysetAfter(page.after, (k) => (typeof k === 'number' ? k : undefined), score, (pn) => publications[pn].id, 'DESC');
  } else {
    const positions = rank[`${field as 'YEAR' | 'TITLE'}_${direction}` satisfies OrderName];
    if (positions !== rank.YEAR_DESC) numbers.sort((a, b) => positions[a] - positions[b]);
    const id = (pn: number) => publications[pn].id;
    const noYear = direction === 'DESC' ? NO_YEAR_LOW : NO_YEAR_HIGH;
    after = field === 'YEAR'
      ? keysetAfter(page.after, (k) => (k === null ? noYear : typeof k === 'number' ? k : undefined), (pn) => publications[pn].year ?? noYear, id, direction)
      : keysetAfter(page.after, (k) => (typeof k === 'string' ? k.toLowerCase() : undefined), (pn) => publications[pn].title.toLowerCase(), id, direction);
  }
  const first = Math.max(0, page.first);
  const start = page.after ? numbers.findIndex(after) : 0;
  const rows = start < 0 ? [] : numbers.slice(start, start + first + 1);
  const items = rows.slice(0, first).map((pn) => ({ node: publications[pn], key: { sort: sortKey(pn), id: publications[pn].id } }));
  return { items, totalCount: numbers.length, hasNextPage: rows.length > first };
}

/**
 * Returns the test "this row comes strictly after the key" of one order, as the statements write
 * it: a key whose sort value the order cannot compare (wrong type, or null where no sentinel
 * stands in) matches nothing, as a Cypher comparison with null or another type does.
 */
function keysetAfter<K extends string | number>(
  key: PageKey | null | undefined, read: (sort: PageKey['sort']) => K | undefined, value: (pn: number) => K, id: (pn: number) => string, direction: 'ASC' | 'DESC',
): (pn: number) => boolean {
  if (!key) return () => true;
  const bound = read(key.sort);
  if (bound === undefined) return () => false;
  return (pn) => {
    const v = value(pn);
    if (v === bound) return compareText(id(pn), key.id) > 0;
    return direction === 'DESC' ? v < bound : v > bound;
  };
}
