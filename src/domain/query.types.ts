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
  /** Language codes (ISO 639-1 or `und`, lower case). */
  readonly languages?: readonly string[];
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
  /** TAGGER, CATEGORY (every evidence is `category: …`) or CURATOR (a curator confirmed it). */
  readonly source: 'TAGGER' | 'CATEGORY' | 'CURATOR';
  /** Who confirmed it, when and why: set only when `source` is CURATOR. */
  readonly curator: { readonly by: string; readonly at: string; readonly note: string | null } | null;
  /** Who wrote the link and when: the import (`kg import` or the identity), the retag or the curator; null for a link written before links recorded it. */
  readonly by: string | null;
  readonly at: string | null;
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

// ---- exploration (paths, neighbourhoods, matrices, facets, typeahead) ---------------------------

/** Relationship types a traversal may follow. */
export type RelationshipKind = 'AUTHORED_BY' | 'COVERS' | 'MENTIONS' | 'ABOUT' | 'IN_REGION' | 'PART_OF' | 'BROADER';

/** Largest `maxHops` of `paths`. */
export const MAX_PATH_HOPS = 6;
/** Largest `first` of `paths`. */
export const MAX_PATHS = 20;
/** Largest `depth` of `neighborhood`. */
export const MAX_NEIGHBORHOOD_DEPTH = 3;
/** Largest `limit` (nodes) of `neighborhood`. */
export const MAX_NEIGHBORHOOD_NODES = 2000;
/** Largest number of cells of `themeMatrix`. */
export const MAX_MATRIX_CELLS = 20_000;

/** Properties a relationship may carry (ABOUT: score, evidence; AUTHORED_BY: position). */
export interface RelationshipProperties {
  readonly score?: number;
  readonly evidence?: readonly string[];
  readonly position?: number;
}

/** A relationship as stored: from `source` to `target`. */
export interface GraphRelationship {
  readonly type: RelationshipKind;
  readonly source: string;
  readonly target: string;
  readonly properties: RelationshipProperties;
}

/** One step of a path: the stored relationship, and whether the path walks it along (OUTGOING) or against (INCOMING) its direction. */
export interface PathStep extends GraphRelationship {
  readonly direction: 'OUTGOING' | 'INCOMING';
}

/** A path between two nodes: `nodes[i]` and `nodes[i+1]` are joined by `relationships[i]`. */
export interface GraphPath {
  readonly length: number;
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly PathStep[];
}

/** A node of a neighbourhood subgraph. */
export interface SubgraphNode {
  readonly node: GraphNode;
  /** Relationships the node has in the whole graph (all types), for sizing it in a drawing. */
  readonly degree: number;
  /** Hops from the nearest seed (0 for seeds). */
  readonly distance: number;
}

/** A relationship of a neighbourhood subgraph; `weight` is the ABOUT score, else 1. */
export interface SubgraphEdge {
  /** `<source>|<TYPE>|<target>`: stable across requests and stores. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: RelationshipKind;
  readonly weight: number;
}

/** A bounded subgraph around seed nodes. */
export interface Subgraph {
  readonly nodes: readonly SubgraphNode[];
  readonly edges: readonly SubgraphEdge[];
  /** True when `limit` cut nodes that were within `depth`. */
  readonly truncated: boolean;
}

/** The column level of a theme × place matrix. */
export type PlaceLevel = 'COUNTRY' | 'SUBREGION' | 'REGION';

/** One cell of a theme × place matrix (zero cells included). */
export interface MatrixCell {
  readonly theme: string;
  readonly place: string;
  readonly count: number;
}

/** A theme × place matrix of publication counts. */
export interface ThemeMatrix {
  readonly themes: readonly Theme[];
  readonly places: readonly (Country | Region)[];
  /** Row-major: every theme × every place, in the order of `themes` and `places`. */
  readonly cells: readonly MatrixCell[];
  /** Per theme: the sum of its row's cells. */
  readonly rowTotals: readonly number[];
  /** Per place: the sum of its column's cells. */
  readonly columnTotals: readonly number[];
  /** Distinct publications in the filtered set that fall in at least one cell. */
  readonly publicationCount: number;
}

/** Counts of the filtered set by each dimension a dashboard shows. */
/** The dimensions `facets` can count; a caller asks only for those it shows. */
export const FACET_DIMENSIONS = ['themes', 'countries', 'regions', 'authors', 'years', 'scopes', 'languages'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

export interface Facets {
  readonly total: number;
  readonly themes: readonly Counted<Theme>[];
  readonly countries: readonly Counted<Country>[];
  /** Regions count a publication under every region its covered places sit in (rolled up the M49 tree). */
  readonly regions: readonly Counted<Region>[];
  readonly authors: readonly Counted<Author>[];
  readonly years: readonly YearCount[];
  readonly scopes: readonly { readonly scope: Scope; readonly count: number }[];
  readonly languages: readonly { readonly language: string; readonly count: number }[];
}

/** The co-occurrence network of themes over a set of publications. */
export interface ThemeGraph {
  readonly nodes: readonly Counted<Theme>[];
  readonly edges: readonly {
    readonly source: string;
    readonly target: string;
    readonly count: number;
    readonly jaccard: number;
    readonly lift: number;
  }[];
}

/** A typeahead suggestion; `rank` 0 = the name starts with the prefix, 1 = a later word does. */
export interface Suggestion {
  readonly node: GraphNode;
  readonly label: string;
  readonly rank: 0 | 1;
}
