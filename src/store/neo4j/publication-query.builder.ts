import type { Publication } from '../../domain/node.types';
import type { Page, PageRequest, PublicationFilter, PublicationOrder, PublicationOrderField, SortDirection } from '../../domain/query.types';
import { toFulltextQuery } from './fulltext-query';
import type { Row } from './neo4j.runner';
import { toGraphNode } from './node.mapper';
import type { QueryName } from './queries';

/**
 * ORDER BY cannot take its field or direction from a parameter, so each order is its own
 * statement, picked from this fixed map. RELEVANCE is always best-first.
 */
const STATEMENT_BY_ORDER: Readonly<Record<PublicationOrderField, Readonly<Record<SortDirection, QueryName>>>> = {
  YEAR: { DESC: 'find-publications-year-desc', ASC: 'find-publications-year-asc' },
  TITLE: { DESC: 'find-publications-title-desc', ASC: 'find-publications-title-asc' },
  RELEVANCE: { DESC: 'find-publications-relevance', ASC: 'find-publications-relevance' },
};

/** The statement and parameters of one findPublications call. */
export interface PublicationQuery {
  readonly name: QueryName;
  readonly params: Record<string, unknown>;
}

/** Returns the statement and parameters for a filter, order and page; RELEVANCE without searchable text falls back to YEAR DESC. */
export function publicationQuery(filter: PublicationFilter, order: PublicationOrder, page: PageRequest): PublicationQuery {
  const text = toFulltextQuery(filter.text);
  const field = order.field === 'RELEVANCE' && text === null ? 'YEAR' : order.field;
  const direction = order.field === 'RELEVANCE' && text === null ? 'DESC' : order.direction;
  return {
    name: STATEMENT_BY_ORDER[field][direction],
    params: { ...filterParams(filter), ...pageParams(page) },
  };
}

/** Returns the parameters of the shared `// filter:begin` block, also used by the facet and matrix statements. */
export function filterParams(filter: PublicationFilter): Record<string, unknown> {
  return {
    text: toFulltextQuery(filter.text),
    themes: [...(filter.themes ?? [])],
    countries: [...(filter.countries ?? [])],
    regions: [...(filter.regions ?? [])],
    authors: [...(filter.authors ?? [])],
    includeMentions: !!filter.includeMentions,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    scopes: [...(filter.scopes ?? [])],
    languages: [...(filter.languages ?? [])],
  };
}

/** Returns the keyset parameters shared by every paged statement: the key to start after and first + 1 rows. */
export function pageParams(page: PageRequest): { afterSort: string | number | null; afterId: string | null; limit: number } {
  return { afterSort: page.after?.sort ?? null, afterId: page.after?.id ?? null, limit: page.first + 1 };
}

/** Returns the page a paged statement's single row describes; the extra row only tells that a next page exists. */
export function toPage<T>(row: Row | undefined, first: number, read: (item: Record<string, unknown>) => { node: T; sort: string | number | null }): Page<T> {
  const rows = (row?.page as Record<string, unknown>[] | undefined) ?? [];
  const items = rows.slice(0, first).map((item) => {
    const { node, sort } = read(item);
    return { node, key: { sort, id: (node as { id: string }).id } };
  });
  return { items, totalCount: (row?.totalCount as number | undefined) ?? 0, hasNextPage: rows.length > first };
}

/** Reads one row of a find-publications page. */
export function publicationItem(item: Record<string, unknown>): { node: Publication; sort: string | number | null } {
  return { node: toGraphNode('Publication', item.props as Record<string, unknown>) as Publication, sort: item.sort as string | number | null };
}
