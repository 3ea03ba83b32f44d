import type { Author, Country, GraphNode, NodeType, Publication, Region, Theme } from '../domain/node.types';
import type { ChangePage, ChangeQuery, ChangeRecord, ClearThemeInput, CurationResult, DeletePublicationInput, DeletionResult, MergeAuthorsInput, MergeResult, RetagInput, RetagResult, SetThemeInput, ThemeDefinition, ThemeWriteResult, UpsertThemeInput, UpdatePublicationInput, WriteActor } from '../domain/curation.types';
import type { ApiKeyRecord, NewApiKey } from '../domain/identity.types';
import type { IdempotencyClaim, IdempotentAnswer } from '../domain/idempotency.types';
import type { ImportRun, ImportRunFile, ImportRunStatus, ImportSummary, PublicationRecord, ReferenceData } from '../domain/import.types';
import type {
  AnchorOptions, Coauthor, Counted, CountryLookup, FacetDimension, Facets, GraphPath, Page, PageRequest, PlaceLevel,
  PublicationFilter, PublicationOrder, RelatedPublication, RelationshipKind, SearchHit, Subgraph, Suggestion,
  ThemeCooccurrence, ThemeGraph, ThemeLinkView, ThemeMatrix, YearCount,
} from '../domain/query.types';

/** Answers keyed by the ids asked for; an id with nothing to say maps to an empty list. */
export type ByKey<T> = ReadonlyMap<string, T>;

/** What a page of publications may carry besides its nodes (GraphStore.findPublications). */
export interface PublicationIncludes {
  readonly authors?: boolean;
  /** Countries and regions the source lists (COVERS). */
  readonly covers?: boolean;
  /** Countries named in the text (MENTIONS). */
  readonly mentions?: boolean;
  readonly themes?: boolean;
}

/** A page of publications with what `include` asked for, keyed by publication id. */
export interface PublicationPage extends Page<Publication> {
  readonly related?: {
    readonly authors?: ByKey<Author[]>;
    readonly covers?: ByKey<(Country | Region)[]>;
    readonly mentions?: ByKey<(Country | Region)[]>;
    readonly themes?: ByKey<ThemeLinkView[]>;
  };
}

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

/** Publications to import, produced while earlier ones are being written. */
export interface PublicationSource {
  /** Every id the source may yield, known before the first record (to look up stored content hashes). */
  readonly ids: readonly string[];
  /** How many records it is expected to yield, for progress. */
  readonly total: number;
  /** The records in order, in batches; throwing aborts the import, writing nothing. */
  batches(): AsyncIterable<readonly PublicationRecord[]>;
}

/**
 * What one tracked unit of work (a GraphQL request) may spend in the store. Both adapters hold
 * it: once `deadline` has passed no new store call starts (it throws TimeoutError), and Neo4j's
 * transaction timeout is never longer than what remains; once the calls have returned more than
 * `maxObjects` objects in all, the next result throws ResponseTooLargeError.
 */
export interface WorkBudget {
  /** Epoch milliseconds after which no new store work starts. */
  readonly deadline?: number;
  /** The time budget `deadline` was set from, in milliseconds; only for the TimeoutError's message. */
  readonly timeoutMs?: number;
  /** How many objects (nodes, links, rows) the unit's store calls may return in all. */
  readonly maxObjects?: number;
}

/** What a tracked unit of work cost in the store. */
export interface TrackedWork<T> {
  readonly result: T;
  readonly roundTrips: number;
  /** Objects the unit's store calls returned, as counted against `WorkBudget.maxObjects`. */
  readonly objects: number;
}

/** Options of one import. */
export interface ImportOptions {
  /** Compute the summary without writing anything. */
  readonly dryRun?: boolean;
  /** Who the import's change records are by, and when (default: IMPORT_ACTOR, now): the identity, for imports through the API. */
  readonly actor?: WriteActor;
  /**
   * Only create (createPublication): a record whose id is stored already throws ConflictError,
   * checked in the import's transaction, and each change is CREATE_PUBLICATION. A deleted
   * publication's id may be created again: the curator's newer decision wins over the deletion.
   */
  readonly createOnly?: boolean;
  /** Called as publications are written, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Record the import as an ImportRun of these source files (kg import; an embedded store's load).
   * With `batchSize`, Neo4j commits the publications in transactions of at most that many, and a
   * run of the same prepared records left INCOMPLETE is resumed (see ImportRun); without it the
   * import is one transaction, as every import through the API is.
   */
  readonly run?: { readonly files: readonly ImportRunFile[]; readonly batchSize?: number; readonly onStart?: (run: ImportRun) => void };
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

  /** Neo4j's connections in use now and the pool's maximum, for the metrics; absent on the embedded store. */
  connectionUse?(): { readonly inUse: number; readonly max: number } | null;

  /** Returns the nodes with these ids, in the same order, with null for unknown ids. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;

  // ---- root lists -------------------------------------------------------------------------

  /**
   * Returns one page of the publications matching a filter, in a total order (ties by id), and
   * the size of the whole filtered set. Filters: themes with their narrower themes; regions with
   * their subtree (COVERS only); countries by COVERS, or COVERS or MENTIONS with `includeMentions`;
   * year bounds inclusive, never matched by a publication without a year; languages by code (a
   * publication stored without a language is `und`). Orders: YEAR (no year
   * last), TITLE (by title), RELEVANCE (fulltext score, always best first whatever the direction;
   * without searchable text it falls back to YEAR DESC). `key.sort` is the year (null when none),
   * the title as stored, or the score; a key resumes only the order that produced it.
   *
   * `include` asks for what the page's publications link to, read in the same round trip as the
   * page (`related`), each list exactly as authorsOf, placesOf and themesOf answer it: the API asks
   * for what the query's selection shows, so a page with its authors and themes is one round trip.
   */
  findPublications(filter: PublicationFilter, order: PublicationOrder, page: PageRequest, include?: PublicationIncludes): Promise<PublicationPage>;
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
   * updated and loses the links it no longer has, except what curators decided and edited (see
   * "curation" below). Each created publication appends an IMPORT_CREATE change (after: title,
   * year) and each updated one an IMPORT_UPDATE (before/after: the fields whose stored value
   * changed, of title, abstract and year), by `options.actor` (IMPORT_ACTOR by default). A record
   * of a publication a curator deleted is left out (counted as `withheld`), unless `createOnly`.
   * An author id that mergeAuthors made an alias links to the author it was merged into.
   */
  importPublications(records: readonly PublicationRecord[], reference: ReferenceData, options?: ImportOptions): Promise<ImportSummary>;

  /** The latest import runs, newest first (at most `first`), only those of `status` when given. */
  importRuns(first: number, status?: ImportRunStatus): Promise<ImportRun[]>;

  // ---- exploration (one round trip each on Neo4j) ------------------------------------------

  /**
   * Returns up to `first` shortest paths between two nodes, walking relationships in either
   * direction, only of the `via` types (all when empty), of at most `maxHops` (MAX_PATH_HOPS at
   * most). Every path returned has the shortest length. No path within `maxHops` gives []; an
   * unknown end throws BadInputError naming `from` or `to` (checked in the same round trip);
   * `from` equal to `to` gives one path of length 0, that node alone.
   * Ties are broken by the paths' node-id sequences compared element by element, then by their
   * relationship-type sequences, so answers are deterministic. A step's `properties` hold score
   * and evidence for ABOUT, position for AUTHORED_BY, nothing for other types; its `direction` is
   * OUTGOING when the path walks from the step's source to its target.
   */
  paths(from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] }): Promise<GraphPath[]>;
  /**
   * Returns the subgraph within `depth` hops of the seeds, breadth-first: a node's distance is the
   * fewest hops from any seed, walking relationships in either direction. Seeds are the known ids
   * asked (unknown ones are ignored), kept at distance 0 and expanded whatever their type; other
   * nodes are reached only if their type is in `types` (all when empty), and only through such
   * nodes. Nodes are ordered by (distance, id) and the first `limit` kept; `truncated` tells that
   * nodes within `depth` were left out. `degree` counts all the node's relationships in the graph.
   * Edges are every relationship between two kept nodes, whatever its type, sorted by id.
   * The Neo4j adapter expands at most `limit + 1` nodes per level (smallest ids first) and stops
   * expanding once more than `limit` nodes are found: this never changes the answer (those nodes
   * would be cut anyway) but keeps hubs such as World from flooding the query.
   */
  neighborhood(ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }): Promise<Subgraph>;
  /**
   * Returns publication counts per (theme, place) over exactly the set `findPublications(filter)`
   * returns, zero cells included. A publication counts in a cell when it is ABOUT the theme
   * directly (no hierarchy) and COVERS the place: a country column counts publications covering
   * the country; a region column counts those covering the region's subtree. Mentions never count.
   * Rows: `themes` in the order given, or every theme by name when null. Columns: `places`
   * (country or region ids of any level) in the order given, or when null every place at `level`
   * by name: COUNTRY all countries, SUBREGION and REGION the regions of that M49 level. Given
   * lists drop unknown ids, ids of the wrong kind and repeats (the first is kept); `level` only
   * picks the default columns. Row and column totals are sums of their cells (a publication in two
   * cells of a row counts twice); `publicationCount` counts the distinct publications of the
   * filtered set in at least one cell. Callers bound rows × columns (MAX_MATRIX_CELLS).
   */
  themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): Promise<ThemeMatrix>;
  /**
   * Returns counts over exactly the set `findPublications(filter)` returns: `total`, then per
   * dimension, by count desc then id, at most `first` each: themes (ABOUT directly), countries
   * (COVERS, and MENTIONS too when `filter.includeMentions`, as the country filter reads them),
   * regions (rolled up: a publication counts once under every region whose subtree it covers, as
   * the region filter reads them; World counts every placed publication) and authors. `years`:
   * every year with publications, ascending, all of them (publications without a year are left
   * out). `scopes`: only the scopes with publications, by count desc then scope name; `languages`
   * likewise, by count desc then code (a publication stored without a language counts as `und`).
   * Only the `dimensions` asked for are counted (default: all); the others are empty lists.
   */
  facets(filter: PublicationFilter, first: number, dimensions?: readonly FacetDimension[]): Promise<Facets>;
  /**
   * Returns the theme co-occurrence network over exactly the set `findPublications(filter)`
   * returns. Nodes: the themes with at least one of those publications ABOUT them directly, with
   * that count, by count desc then id. Edges: the theme pairs (source id < target id) with at
   * least `minCount` (and at least 1) publications of the set ABOUT both, scored as
   * `relatedThemesOf` scores them but over the set (sizes count its publications; lift's N is its
   * size), rounded half-up to 4 decimals; by count desc, source, target. The empty filter gives
   * exactly `relatedThemesOf`'s counts and scores.
   */
  themeGraph(filter: PublicationFilter, minCount: number): Promise<ThemeGraph>;
  /**
   * Returns typeahead matches for a prefix over the labels of the `types` given (all when empty):
   * theme, country, region and author names and publication titles, at most `first`. Labels and
   * prefix are compared by `searchKey` (store/fold.ts: case, accents and punctuation ignored,
   * words joined by one space): rank 0 when the label's key starts with the prefix's key, else
   * rank 1 when a later word does (the key contains ' ' + the prefix's key). Ordered by rank,
   * label length (in Unicode code points), the label's key, id. A prefix with an empty key gives [].
   */
  suggest(prefix: string, types: readonly NodeType[], first: number): Promise<Suggestion[]>;

  /** Returns the node and relationship counts of the whole graph. */
  counts(): Promise<GraphCounts>;

  /**
   * Resolves when the store answers a trivial read within `timeoutMs` (a readiness check);
   * otherwise rejects with UnavailableError, its message safe to show a client and the reason its `cause`.
   */
  ping(timeoutMs: number): Promise<void>;

  // ---- curation (README, "Curating"): each write is one transaction, all or nothing ----------
  //
  // Links and decisions. A publication is ABOUT a theme when the tagger (or the source's category)
  // links it and no curator REJECTED the pair, or when a curator CONFIRMED the pair. A decision is
  // kept per pair (with by, at, note) apart from the links every read follows, so a REJECTED pair
  // is absent from every read, count, facet, matrix, path and neighbourhood, as if never linked;
  // the tagger's judgement of a decided pair is kept too, so clearing the decision restores it.
  // Imports respect decisions and edits: a re-import (of the same or an edited entry) never
  // re-creates a REJECTED link, never drops a CONFIRMED one, and never overwrites a field a
  // curator edited (it updates the tagger's judgement and the other fields).
  //
  // Versions and changes. A publication is at version 1 when first imported; each write that
  // changes it (an import of an edited entry, each curation write below) adds 1 and appends one
  // ChangeRecord in the same transaction, with the next sequence number. Unknown ids throw
  // NotFoundError naming the argument (`publication`, `theme`, `id`).

  /** Records a curator's decision on a pair (replacing an earlier one); the change is SET_THEME. */
  setPublicationTheme(input: SetThemeInput): Promise<CurationResult>;
  /** Removes the pair's decision (change CLEAR_THEME); with none, changes nothing and returns `change: null`. */
  clearPublicationTheme(input: ClearThemeInput): Promise<CurationResult>;
  /**
   * Applies a partial edit (change UPDATE_PUBLICATION, before/after holding only the fields whose
   * value changed) and marks those fields curated, so imports leave them alone; VersionConflictError
   * when the stored version is not `expectedVersion`. An edit that changes no value changes nothing
   * (no version, no change record) but still checks the version.
   */
  updatePublication(input: UpdatePublicationInput): Promise<CurationResult>;
  /**
   * Deletes a publication with its links, its decisions and its curated fields (change
   * DELETE_PUBLICATION, before: title and year; authors left without publications go too) and
   * keeps its id as deleted, so imports leave its source entry out from then on; its change
   * records stay. VersionConflictError when the stored version is not `expectedVersion`.
   */
  deletePublication(input: DeletePublicationInput): Promise<DeletionResult>;
  /**
   * Merges authors into one (change MERGE_AUTHORS, ids: `into`, the `from` ids, then the
   * publications re-linked; before: the names, after: the merged name and aliases). Each `from`
   * author's AUTHORED_BY links move to `into` at their position (a publication linking both keeps
   * `into`'s link alone), each re-linked publication's version goes up by 1, the `from` authors are
   * deleted, and their names (and aliases) become `into`'s `aliases`. Their ids are kept as
   * aliases of `into`: an import whose entry names any of the merged spellings links to `into`.
   * NotFoundError naming `into` or `from` for an unknown author; BadInputError('from') when `from`
   * is empty or holds `into`.
   */
  mergeAuthors(input: MergeAuthorsInput): Promise<MergeResult>;
  /**
   * The themes admins defined with upsertTheme, by id. Every import, createPublication and retag
   * tags with data/taxonomy.yaml overlaid with these; imports never overwrite them.
   */
  themeDefinitions(): Promise<ThemeDefinition[]>;
  /**
   * Creates or replaces a theme's definition (change UPSERT_THEME, ids: the theme, then its broader
   * theme; before: the stored definition or null, after: the new one): its node's name and
   * description, its one BROADER link and its match terms. From then on imports leave the theme
   * alone (its reference-data node and BROADER link), so an edit survives every re-import. A
   * definition equal to the stored one changes nothing (`change: null`). The caller validates it
   * (broader theme known, no cycle); NotFoundError('input.broader') for an unknown broader id.
   */
  upsertTheme(input: UpsertThemeInput): Promise<ThemeWriteResult>;
  /**
   * Runs `judge` over every publication and sets the ABOUT links of `themes` to what it says, as
   * an import of the publication's entry would, and never over a curator: a REJECTED pair stays
   * unlinked and a CONFIRMED one linked (each keeping the new judgement for when it is cleared).
   * Each publication whose links of those themes changed (presence, score or evidence) goes up a
   * version and gets one RETAG change (ids: the publication, then the themes whose link changed;
   * before/after: `{themes: [ids linked]}`). NotFoundError('themes') for an unknown theme.
   */
  retag(input: RetagInput): Promise<RetagResult>;
  /** The change feed in sequence order: records with seq > `after`, touching a node of `types` (all when empty), at most `first`. */
  changes(query: ChangeQuery): Promise<ChangePage>;
  /** Each publication's changes, newest first, at most `first` each. */
  historyOf(publicationIds: readonly string[], first: number): Promise<ByKey<ChangeRecord[]>>;

  /** Where API keys are kept: `:ApiKey` nodes in Neo4j; a file in the data directory for the embedded store. */
  readonly apiKeys: ApiKeyStore;

  /** Where first answers to Idempotency-Key requests are kept: `:IdempotencyKey` nodes in Neo4j (shared by every process); this process's memory for the embedded store. */
  readonly idempotency: IdempotencyRecords;

  /**
   * A token that changes whenever the graph does (any write, by any process), as this process
   * knows it without a round trip; null when it cannot vouch for one now. Answers kept in memory
   * (the server's response cache) are kept under it, so a write makes them unused at once on the
   * embedded store, and within the Neo4j version check's period (KG_REFERENCE_CHECK_MS) for a
   * write by another process.
   */
  graphVersion(): string | null;

  /** Releases connections and memory. */
  close(): Promise<void>;

  /**
   * Runs `fn` and counts the store round trips made inside it (Cypher statements for Neo4j,
   * store calls for the memory store), even while other work runs concurrently, and holds the
   * unit to `budget` (see WorkBudget).
   */
  track<T>(fn: () => Promise<T>, budget?: WorkBudget): Promise<TrackedWork<T>>;
}

/**
 * API keys, stored by hash (README, "Access control"). Every process serving the same store sees
 * the same keys: a key created or revoked by `kg keys` in one process is seen by the next call in
 * any other. Callers cache for at most a second.
 */
export interface ApiKeyStore {
  /** Adds a key; ConflictError when a key of that name exists (revoked ones included: names are never re-used). */
  create(key: NewApiKey): Promise<void>;
  /** The key with this hash (revoked and expired ones too: the caller decides), or null. */
  findByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** Every key, by name (at most MAX_API_KEYS). */
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked at `at` (ISO); false when no such key, or it was revoked already. */
  revoke(name: string, at: string): Promise<boolean>;
  /** Records that the key was used at `at` (ISO); a later time wins, an earlier one is ignored. */
  markUsed(name: string, at: string): Promise<void>;
}

/**
 * First answers to requests sent with an Idempotency-Key (README, "Curating"), by an id the caller
 * derives from the identity and the key. Every process serving the same store sees the same
 * records, and two claims of one id at once never both succeed.
 */
export interface IdempotencyRecords {
  /**
   * Claims `id` for a request with `fingerprint` (epoch ms `now`): 'claimed' when no record holds
   * it (or its record expired, or its running claim's lease ran out), else what the record says.
   * A claim holds until `now + leaseMs` unless completed or released first.
   */
  claim(id: string, fingerprint: string, now: number, leaseMs: number): Promise<IdempotencyClaim>;
  /** Keeps the answer of a claim until `until` (epoch ms). */
  complete(id: string, answer: IdempotentAnswer, until: number): Promise<void>;
  /** Frees a claim whose answer is not kept (too large, or a server error). */
  release(id: string): Promise<void>;
}
