import type { Author, Country, GraphNode, NodeType, Publication, Region, Theme } from '../domain/node.types';
import type { ImportSummary, PublicationRecord, ReferenceData } from '../domain/import.types';
import type {
  AnchorOptions, Coauthor, Counted, CountryLookup, Page, PageRequest, PublicationFilter, PublicationOrder,
  RelatedPublication, SearchHit, ThemeCooccurrence, ThemeLinkView, YearCount,
} from '../domain/query.types';

/** Answers keyed by the ids asked for; an id with nothing to say maps to an empty list. */
export type ByKey<T> = ReadonlyMap<string, T>;

/** The first publications of an anchor and how many it has in all. */
export interface PublicationSlice {
  readonly items: readonly Publication[];
  readonly totalCount: number;
}

/** Relationship types of the graph model (see the README's diagram). */
export const RELATIONSHIP_TYPES = ['AUTHORED_BY', 'COVERS', 'MENTIONS', 'ABOUT', 'IN_REGION', 'PART_OF', 'BROADER'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** How many nodes of each label and relationships of each type the graph holds. */
export interface GraphCounts {
  readonly nodes: Record<NodeType, number>;
  readonly relationships: Record<RelationshipType, number>;
}

/** Options of one import. */
export interface ImportOptions {
  /** Compute the summary without writing anything. */
  readonly dryRun?: boolean;
  /** Called as publications are written, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The port every consumer (GraphQL resolvers, the CLI) uses to reach the graph. Adapters:
 * `neo4j/` (Neo4j over Bolt) and `memory/` (the embedded default). Every method is batched:
 * it takes many keys and answers them in one round trip, so callers never loop over it.
 *
 * Rules every adapter follows (test/contract/store.contract.ts checks them):
 * - A keyed method's map has an entry for every distinct id asked, in the order asked; an unknown
 *   id, or one of a kind the method does not take (by its prefix), maps to an empty answer.
 * - "By name" and "by title" compare the lower-cased string (Cypher toLower, JS toLowerCase) by
 *   UTF-16 code unit, with no locale collation; every order ends with id ascending, so it is total.
 * - "No year last": publications without a year sort after all others, whatever the direction.
 * - Place hierarchy: a region's subtree is the region, the regions PART_OF it (transitively; a
 *   CUSTOM region counts under each area it is PART_OF) and the countries IN_REGION any of those.
 *   A CUSTOM region has nothing below it. Theme hierarchy: a theme and its narrower themes
 *   (BROADER, transitively). Only filters use the theme hierarchy; anchors and counts do not.
 * - Free text is split at white space; each word is matched as a phrase by the fulltext analyzer
 *   (so punctuation is never query syntax: "MS-13" is "ms" followed by "13") and every word must
 *   match. Words without a letter or digit are dropped; text with none left is no text at all.
 */
export interface GraphStore {
  /** Which adapter this is, for logs. */
  readonly kind: 'neo4j' | 'memory';

  /** Returns the nodes with these ids, in the same order, with null for unknown ids. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;

  // ---- root lists -------------------------------------------------------------------------

  /**
   * Returns one page of the publications matching a filter, in a total order (ties by id), and
   * the size of the whole filtered set. Filters: themes with their narrower themes; regions with
   * their subtree (COVERS only); countries by COVERS, or COVERS or MENTIONS with `includeMentions`;
   * year bounds inclusive, never matched by a publication without a year. Orders: YEAR (no year
   * last), TITLE (by title), RELEVANCE (fulltext score, always best first whatever the direction;
   * without searchable text it falls back to YEAR DESC). `key.sort` is the year (null when none),
   * the title as stored, or the score; a key resumes only the order that produced it.
   */
  findPublications(filter: PublicationFilter, order: PublicationOrder, page: PageRequest): Promise<Page<Publication>>;
  /** Returns every theme, by name. */
  listThemes(): Promise<Theme[]>;
  /** Returns every region: World, then REGION, SUBREGION, INTERMEDIATE, CUSTOM, each level by name. */
  listRegions(): Promise<Region[]>;
  /** Returns the countries by name; only those with a covering (or, optionally, mentioning) publication unless `all`. */
  listCountries(options: { all: boolean; includeMentions?: boolean }): Promise<Country[]>;
  /**
   * Returns one page of authors by name (then id), optionally those whose name contains a string
   * (case ignored, accents not); `totalCount` counts the matching authors, `key.sort` is the name.
   */
  listAuthors(page: PageRequest, nameContains?: string): Promise<Page<Author>>;
  /**
   * Returns the country with that id, ISO alpha-2/alpha-3 code or name, or null. Exactly one is
   * expected; given several, id wins over iso over name. An iso of 2 letters is alpha-2, of 3
   * alpha-3, case ignored; any other length finds nothing. A name matches the stored name (not
   * aliases) with case, accents, spaces and punctuation ignored (`nameKey` in store/fold.ts).
   */
  findCountry(lookup: CountryLookup): Promise<Country | null>;
  /**
   * Returns the best matches for free text across the given node types (none given: all), by
   * score desc then id, at most `first`: publications by title and abstract, other nodes by name
   * with accents ignored. Scores of the two kinds come from different indexes and are merged as
   * they are. Text without a searchable word returns [].
   */
  search(query: string, types: readonly NodeType[], first: number): Promise<SearchHit[]>;

  // ---- from publications (keys: publication ids) --------------------------------------------

  /** Returns each publication's authors in listed order. */
  authorsOf(publicationIds: readonly string[]): Promise<ByKey<Author[]>>;
  /** Returns each publication's COVERS places (countries then regions, by name) or MENTIONS countries. */
  placesOf(publicationIds: readonly string[], relation: 'COVERS' | 'MENTIONS'): Promise<ByKey<(Country | Region)[]>>;
  /** Returns each publication's themes with score and evidence, by score descending then theme id. */
  themesOf(publicationIds: readonly string[]): Promise<ByKey<ThemeLinkView[]>>;
  /**
   * Returns up to `first` other publications per publication, by score desc, year desc (no year
   * last), id asc: those ABOUT a same theme (1 point each) or COVERING a same place (0.5 each),
   * with no hierarchy; shared themes and places are sorted by id.
   */
  relatedOf(publicationIds: readonly string[], first: number): Promise<ByKey<RelatedPublication[]>>;

  // ---- from anchors (keys: theme, country, region or author ids, mixed freely) --------------
  // An anchor's publications: a theme's are ABOUT it (not its narrower themes); a country's COVER
  // it, or also MENTION it with `includeMentions`; a region's COVER its subtree (mentions never
  // count); an author's are AUTHORED_BY them. Other ids anchor nothing.

  /** Returns each anchor's first publications (year desc with no year last, id asc) and its total. */
  publicationsOf(anchorIds: readonly string[], first: number, options?: AnchorOptions): Promise<ByKey<PublicationSlice>>;
  /** Returns the themes of each anchor's publications with counts, by count desc then id (a theme anchor lists itself too). */
  themeCountsOf(anchorIds: readonly string[], options?: AnchorOptions): Promise<ByKey<Counted<Theme>[]>>;
  /** Returns each anchor's publications per year, by year ascending (years with none omitted). */
  trendOf(anchorIds: readonly string[], options?: AnchorOptions): Promise<ByKey<YearCount[]>>;

  // ---- authors, places and themes ---------------------------------------------------------

  /** Returns up to `first` co-authors per author with the number of shared publications, by count desc then id. */
  coauthorsOf(authorIds: readonly string[], first: number): Promise<ByKey<Coauthor[]>>;
  /** Returns the countries each theme's publications (ABOUT it directly) cover, or also mention, with counts, by count desc then id. */
  countryCountsOf(themeIds: readonly string[], options?: AnchorOptions): Promise<ByKey<Counted<Country>[]>>;
  /**
   * Returns each theme's regions with counts of its publications (ABOUT it directly) covering the
   * region's subtree, by count desc then id: so World counts every placed publication.
   */
  regionCountsOf(themeIds: readonly string[]): Promise<ByKey<Counted<Region>[]>>;
  /**
   * Returns each country's (or region's) chain of enclosing M49 regions, innermost first, ending at
   * World; a region's chain leaves the region out (World's is empty). A CUSTOM region, PART_OF
   * several areas, gets all their enclosing M49 regions by level (INTERMEDIATE, SUBREGION, REGION,
   * WORLD), then id; CUSTOM regions never appear in a chain.
   */
  regionChainOf(ids: readonly string[]): Promise<ByKey<Region[]>>;
  /** Returns each region's parent regions (one for M49 areas; the overlapped areas for custom ones), by id. */
  parentsOf(regionIds: readonly string[]): Promise<ByKey<Region[]>>;
  /** Returns each region's direct sub-regions by name, CUSTOM regions PART_OF it included. */
  childrenOf(regionIds: readonly string[]): Promise<ByKey<Region[]>>;
  /** Returns each region's countries by name: those IN_REGION it, or every country in its subtree when `recursive`. */
  countriesOf(regionIds: readonly string[], recursive: boolean): Promise<ByKey<Country[]>>;
  /** Returns each theme's direct broader themes, by name. */
  broaderOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>>;
  /** Returns each theme's direct narrower themes, by name. */
  narrowerOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>>;
  /**
   * Returns up to `first` themes co-occurring with each theme (publications ABOUT both, directly),
   * itself excluded, by count desc, jaccard desc, id asc. jaccard and lift are rounded half-up to
   * 4 decimals before sorting; lift's N is the number of all publications.
   */
  relatedThemesOf(themeIds: readonly string[], first: number): Promise<ByKey<ThemeCooccurrence[]>>;

  /**
   * Writes the reference data and the publications in one atomic unit: either all of it is
   * stored or none. Re-importing an unchanged record changes nothing; an edited record is
   * updated and loses the links it no longer has.
   */
  importPublications(records: readonly PublicationRecord[], reference: ReferenceData, options?: ImportOptions): Promise<ImportSummary>;

  /** Returns the node and relationship counts of the whole graph. */
  counts(): Promise<GraphCounts>;

  /** Releases connections and memory. */
  close(): Promise<void>;

  /**
   * Runs `fn` and counts the store round trips made inside it (Cypher statements for Neo4j,
   * store calls for the memory store), even while other work runs concurrently.
   */
  track<T>(fn: () => Promise<T>): Promise<{ result: T; roundTrips: number }>;
}
