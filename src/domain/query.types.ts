import type { Author, Country, GraphNode, NodeType, Publication, Region, Scope, Theme } from './node.types';

/** Largest page any list or connection returns; asking for more is a BAD_USER_INPUT, never a silent cut. */
export const MAX_PAGE_SIZE = 100;

/** Which publications a query is about. Lists match any of their values; fields combine with AND. */
export interface PublicationFilter {
  /** Theme ids; a publication matches when it is ABOUT one of them or one of their narrower themes. */
  readonly themes?: readonly string[];
  /** Country ids; matches publications that COVER one of them (or MENTION it when `includeMentions`). */
  readonly countries?: readonly string[];
  /** Region ids; matches publications covering the region, a sub-region, or a country inside it. */
  readonly regions?: readonly string[];
  /** Author ids. */
  readonly authors?: readonly string[];
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly scopes?: readonly Scope[];
  /** Free text, matched against titles and abstracts by the fulltext index. */
  readonly text?: string;
  /** Whether `countries` also matches countries only named in the text. */
  readonly includeMentions?: boolean;
}

export type PublicationOrderField = 'YEAR' | 'TITLE' | 'RELEVANCE';
export type SortDirection = 'ASC' | 'DESC';

/** How a publication list is sorted; ties always fall back to id ascending, so order is total. */
export interface PublicationOrder {
  readonly field: PublicationOrderField;
  readonly direction: SortDirection;
}

/** The position after which a page starts: the sort key and id of the last row seen. */
export interface PageKey {
  readonly sort: string | number | null;
  readonly id: string;
}

/** A request for one page of a keyset-paginated list. */
export interface PageRequest {
  readonly first: number;
  readonly after?: PageKey | null;
}

/** One row of a page with the key that resumes after it. */
export interface PageItem<T> {
  readonly node: T;
  readonly key: PageKey;
}

/** One page of a list, with the total size of the whole list. */
export interface Page<T> {
  readonly items: readonly PageItem<T>[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

/** A publication's link to a theme, with its score and evidence. */
export interface ThemeLinkView {
  readonly theme: Theme;
  readonly score: number;
  readonly evidence: readonly string[];
}

/** A publication ranked as related to another, with what they share. */
export interface RelatedPublication {
  readonly publication: Publication;
  /** Shared themes count 1 each, shared covered places 0.5 each. */
  readonly score: number;
  readonly sharedThemes: readonly Theme[];
  readonly sharedPlaces: readonly (Country | Region)[];
}

/** A node with how many publications it has in some context. */
export interface Counted<T> {
  readonly node: T;
  readonly count: number;
}

/** A theme that co-occurs with another on publications. */
export interface ThemeCooccurrence {
  readonly theme: Theme;
  /** Publications about both themes. */
  readonly count: number;
  /** |A ∩ B| / |A ∪ B| over the two themes' publication sets. */
  readonly jaccard: number;
  /** P(A ∩ B) / (P(A)·P(B)) over all publications: above 1 means they meet more than by chance. */
  readonly lift: number;
}

/** Publications per year. */
export interface YearCount {
  readonly year: number;
  readonly count: number;
}

/** A co-author and the number of publications shared. */
export type Coauthor = Counted<Author>;

/** What anchors a set of publications: a theme, a country, a region (with its subtree) or an author. */
export interface AnchorOptions {
  /** For countries: also count publications that only mention the country. */
  readonly includeMentions?: boolean;
}

/** A search hit across entity types. */
export interface SearchHit {
  readonly node: GraphNode;
  readonly score: number;
}

/** Country lookup by one of id, ISO code or name. */
export interface CountryLookup {
  readonly id?: string;
  readonly iso?: string;
  readonly name?: string;
}

export type { NodeType };
