import type { Author, Country, GraphNode, NodeType, Publication, Region, Theme } from '../../domain/node.types';
import { NODE_TYPES, nodeTypeOf } from '../../domain/node.types';
import { MAX_IMPORT_RUNS_PAGE, type ImportRun, type ImportRunStatus, type ImportSummary, type PublicationRecord, type ReferenceData } from '../../domain/import.types';
import type { ChangePage, ChangeQuery, ChangeRecord, ClearThemeInput, CurationResult, DeletePublicationInput, DeletionResult, MergeAuthorsInput, MergeResult, RetagInput, RetagResult, SetThemeInput, ThemeDefinition, ThemeWriteResult, UpsertThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import type { AnchorOptions, Coauthor, Counted, CountryLookup, FacetDimension, Facets, GraphPath, Page, PageRequest, PlaceLevel, PublicationFilter, PublicationOrder, RelatedPublication, RelationshipKind, SearchHit, Subgraph, Suggestion, ThemeCooccurrence, ThemeGraph, ThemeLinkView, ThemeMatrix, YearCount } from '../../domain/query.types';
import type { ApiKeyStore, IdempotencyRecords, ByKey, GraphCounts, GraphStore, ImportOptions, PublicationIncludes, PublicationPage, PublicationSlice, PublicationSource, TrackedWork, WorkBudget } from '../store';
import { nameKey } from '../fold';
import type { CypherLoader } from './cypher-loader';
import { ChangeFeed, toChangeRecord, type ChangeRetention } from './change-feed';
import { CurationWriter } from './curation.writer';
import { ExplorationReader } from './exploration.reader';
import { toFulltextQuery } from './fulltext-query';
import { byKey, countedOf, distinct, keysOfKinds, nodeOf, typedNode } from './keyed-rows';
import type { Neo4jRunner, Row } from './neo4j.runner';
import { toGraphNode } from './node.mapper';
import { recordSource, toImportRun, writePublications, writePublicationsInBatches } from './publication-import.writer';
import { pageParams, publicationItem, publicationQuery, toPage } from './publication-query.builder';
import { FILTERED_QUERIES, FilterComposer } from './filter-composer';
import { ANCHOR_KINDS, AnchorComposer, anchorPart } from './anchor-composer';
import { ReferenceSnapshot } from './reference-snapshot';
import { ReferenceCache } from './reference-cache';
import { GraphVersionWatch } from './graph-version.watch';
import { DEFAULT_REFERENCE_CHECK_MS } from './neo4j.config';
import { resolveConditionalBlocks } from './conditional-blocks';
import { loadQueries, QueryName } from './queries';
import { Neo4jKeyStore } from './neo4j.keys';
import { Neo4jIdempotency } from './neo4j.idempotency';

const asPublication = nodeOf<Publication>('Publication');
const asAuthor = nodeOf<Author>('Author');
const asCountry = nodeOf<Country>('Country');
const asRegion = nodeOf<Region>('Region');
const asTheme = nodeOf<Theme>('Theme');
/** Reads one place as places-of.cypher (and a publication page's `covers` and `mentions`) returns it. */
const asPlace = (item: unknown): Country | Region => typedNode<Country | Region>(item);

/** Reads one theme link as themes-of.cypher (and a publication page's `themes`) returns it. */
function themeLinkOf(item: unknown): ThemeLinkView {
  const { theme, score, evidence: stored, curator, by, at } = item as { theme: unknown; score: number; evidence: string[] | null; curator: ThemeLinkView['curator']; by: string | null; at: string | null };
  const evidence = stored ?? [];
  const source = curator ? 'CURATOR' : evidence.every((e) => e.startsWith(CATEGORY_EVIDENCE)) ? 'CATEGORY' : 'TAGGER';
  return {
    theme: asTheme(theme), score, evidence, source, curator: curator ? { by: curator.by, at: curator.at, note: curator.note ?? null } : null,
    by: by ?? null, at: at ?? null,
  };
}
const none = <T>(): T[] => [];

/**
 * The Neo4j adapter of the store port: every statement comes from cypher/queries by name, and
 * every read is one statement (one round trip) however many keys it answers. Every port call
 * is admitted by the tracked unit's budget first and its result charged to it last (runner.admit,
 * runner.charge), also when it is answered from the reference snapshot without a round trip.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly exploration = new ExplorationReader((name, params) => this.read(name, params));

  private readonly filters = new FilterComposer();
  private readonly anchorParts = new AnchorComposer();

  /** Countries, regions, themes and the place tree with the graph version they were read at; see referenceNodes. */
  private reference: ReferenceCache | null = null;
  private versions: GraphVersionWatch | null = null;

  /** API keys, as `:ApiKey` nodes of the same database. */
  readonly apiKeys: ApiKeyStore;
  readonly idempotency: IdempotencyRecords;

  /** The change feed every write appends to, and the curation writes (change-feed.ts, curation.writer.ts). */
  private readonly feed: ChangeFeed;
  private readonly curation: CurationWriter;

  /**
   * @param options.referenceCacheMs the longest lookups of countries, regions and themes by id, and
   * region chains, are answered from one copy in memory (0: never keep one). Every write (each
   * import, each curation write) moves the graph version in its own transaction, and the copy is
   * dropped once the version is seen to move; this store's own imports drop it at once.
   * @param options.referenceCheckMs how often a held copy is checked against that version, in the
   * background and outside every request, so no request's round trips change (default
   * DEFAULT_REFERENCE_CHECK_MS; 0: before every use, one more round trip of the request): a write
   * by any process shows within about this long. See reference-cache.ts.
   * @param options.changes how long change records are kept (days, from each write's `at`; default
   * DEFAULT_CHANGES_RETENTION_DAYS) and how many at most (default 1,000,000); each write prunes.
   */
  constructor(
    readonly runner: Neo4jRunner,
    private readonly queries: CypherLoader<QueryName> = loadQueries(),
    private readonly options: { referenceCacheMs?: number; referenceCheckMs?: number; changes?: ChangeRetention } = {},
  ) {
    this.apiKeys = new Neo4jKeyStore(runner, queries);
    this.idempotency = new Neo4jIdempotency(runner, queries);
    this.feed = new ChangeFeed((name) => queries.get(name), options.changes);
    this.curation = new CurationWriter(runner, (name) => queries.get(name), this.feed);
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    this.runner.admit();
    if (ids.length === 0) return [];
    const cached = ids.some(isReferenceId) ? await this.referenceNodes() : null;
    const rest = cached ? ids.filter((id) => !isReferenceId(id)) : ids;
    const byId = new Map<string, GraphNode>();
    for (const row of rest.length ? await this.read('nodes-by-id', { ids: distinct(rest) }) : []) {
      const node = toGraphNode(row.type as NodeType, row.props as Record<string, unknown>);
      byId.set(node.id, node);
    }
    return this.runner.charge(ids.map((id) => (cached && isReferenceId(id) ? cached.node(id) : byId.get(id)) ?? null));
  }

  /**
   * Returns the reference snapshot (one statement, shared by concurrent callers, used at most
   * `referenceCacheMs` and dropped once the graph version moves: reference-cache.ts), or null when
   * the store keeps none.
   */
  private async referenceNodes(): Promise<ReferenceSnapshot | null> {
    const maxAgeMs = this.options.referenceCacheMs ?? 0;
    if (maxAgeMs <= 0) return null;
    this.reference ??= new ReferenceCache({
      // Shared by concurrent units, so not held to the deadline of the one that happens to start it.
      load: () => this.runner.shared(() => this.read('reference-nodes')).then((rows) => new ReferenceSnapshot(rows)),
      version: () => this.read('graph-version').then(([row]) => Number(row?.version ?? 0)),
      apart: (work) => this.runner.track(work).then(({ result }) => result),
    }, maxAgeMs, this.options.referenceCheckMs);
    return this.reference.get();
  }

  // ---- root lists ---------------------------------------------------------------------------

  async findPublications(filter: PublicationFilter, order: PublicationOrder, page: PageRequest, include: PublicationIncludes = {}): Promise<PublicationPage> {
    this.runner.admit();
    const { name, params } = publicationQuery(filter, order, page);
    const wanted = { withAuthors: include.authors || null, withCovers: include.covers || null, withMentions: include.mentions || null, withThemes: include.themes || null };
    const [row] = await this.read(name, { ...params, ...wanted });
    const result = toPage(row, page.first, publicationItem);
    if (!include.authors && !include.covers && !include.mentions && !include.themes) return this.runner.charge(result);
    // The rows carry what `include` asked for, read as the keyed reads below read it.
    const rows = ((row?.page as Record<string, unknown>[] | undefined) ?? []).slice(0, page.first);
    const byId = <T>(key: string, read: (items: unknown[]) => T[]): ByKey<T[]> =>
      new Map(rows.map((r) => [String((r.props as { id: string }).id), read((r[key] as unknown[] | undefined) ?? [])]));
    const related: NonNullable<PublicationPage['related']> = {
      ...(include.authors ? { authors: byId('authors', (items) => items.map(asAuthor)) } : {}),
      ...(include.covers ? { covers: byId('covers', (items) => items.map(asPlace)) } : {}),
      ...(include.mentions ? { mentions: byId('mentions', (items) => items.map(asPlace)) } : {}),
      ...(include.themes ? { themes: byId('themes', (items) => items.map(themeLinkOf)) } : {}),
    };
    // Charged as the page plus the lists: the objects the keyed reads would have returned.
    this.runner.charge([...(related.authors?.values() ?? []), ...(related.covers?.values() ?? []), ...(related.mentions?.values() ?? []), ...(related.themes?.values() ?? [])].flat());
    return this.runner.charge({ ...result, related });
  }

  async listThemes(): Promise<Theme[]> {
    this.runner.admit();
    return this.runner.charge((await this.read('list-themes')).map((row) => asTheme(row.props)));
  }

  async listRegions(): Promise<Region[]> {
    this.runner.admit();
    return this.runner.charge((await this.read('list-regions')).map((row) => asRegion(row.props)));
  }

  async listCountries(options: { all: boolean; includeMentions?: boolean }): Promise<Country[]> {
    this.runner.admit();
    const rows = await this.read('list-countries', { all: options.all, includeMentions: !!options.includeMentions });
    return this.runner.charge(rows.map((row) => asCountry(row.props)));
  }

  async listAuthors(page: PageRequest, nameContains?: string): Promise<Page<Author>> {
    this.runner.admit();
    const [row] = await this.read('list-authors', { nameContains: nameContains || null, ...pageParams(page) });
    return this.runner.charge(toPage(row, page.first, (item) => {
      const node = asAuthor(item);
      return { node, sort: node.name };
    }));
  }

  async findCountry(lookup: CountryLookup): Promise<Country | null> {
    this.runner.admit();
    const params = { id: null, iso2: null, iso3: null, nameKey: null } as Record<string, string | null>;
    const iso = lookup.iso?.trim().toUpperCase();
    if (lookup.id) params.id = lookup.id;
    else if (iso?.length === 2) params.iso2 = iso;
    else if (iso?.length === 3) params.iso3 = iso;
    else if (!iso && lookup.name && nameKey(lookup.name)) params.nameKey = nameKey(lookup.name);
    else return null;
    const [row] = await this.read('find-country', params);
    return this.runner.charge(row ? asCountry(row.props) : null);
  }

  async search(query: string, types: readonly NodeType[], first: number): Promise<SearchHit[]> {
    this.runner.admit();
    const lucene = toFulltextQuery(query);
    if (lucene === null) return [];
    const rows = await this.read('search', { query: lucene, types: types.length ? [...types] : [...NODE_TYPES], first });
    return this.runner.charge(rows.map((row) => ({ node: toGraphNode(row.type as NodeType, row.props as Record<string, unknown>), score: row.score as number })));
  }

  // ---- from publications --------------------------------------------------------------------

  async authorsOf(publicationIds: readonly string[]): Promise<ByKey<Author[]>> {
    return this.keyed('authors-of', publicationIds, {}, (items) => items.map(asAuthor));
  }

  async placesOf(publicationIds: readonly string[], relation: 'COVERS' | 'MENTIONS'): Promise<ByKey<(Country | Region)[]>> {
    return this.keyed('places-of', publicationIds, { relation }, (items) => items.map(asPlace));
  }

  async themesOf(publicationIds: readonly string[]): Promise<ByKey<ThemeLinkView[]>> {
    return this.keyed('themes-of', publicationIds, {}, (items) => items.map(themeLinkOf));
  }

  async relatedOf(publicationIds: readonly string[], first: number): Promise<ByKey<RelatedPublication[]>> {
    return this.keyed('related-of', publicationIds, { first }, (items) => items.map((item) => {
      const { publication, score, themes, places } = item as { publication: unknown; score: number; themes: unknown[]; places: unknown[] };
      return { publication: asPublication(publication), score, sharedThemes: themes.map(asTheme), sharedPlaces: places.map(asPlace) };
    }));
  }

  // ---- from anchors -------------------------------------------------------------------------

  async publicationsOf(anchorIds: readonly string[], first: number, options: AnchorOptions = {}): Promise<ByKey<PublicationSlice>> {
    this.runner.admit();
    const rows = await this.readAnchored('publications-of', anchorIds, options, { first });
    const totals = new Map(rows.map((row) => [row.id as string, row.totalCount as number]));
    const items = byKey(anchorIds, rows, (list) => list.map(asPublication), none<Publication>);
    return this.runner.charge(new Map([...items].map(([id, list]) => [id, { items: list, totalCount: totals.get(id) ?? 0 }])));
  }

  async themeCountsOf(anchorIds: readonly string[], options: AnchorOptions = {}): Promise<ByKey<Counted<Theme>[]>> {
    return this.anchored('theme-counts-of', anchorIds, options, (items) => items.map(countedOf<Theme>('Theme')));
  }

  async trendOf(anchorIds: readonly string[], options: AnchorOptions = {}): Promise<ByKey<YearCount[]>> {
    return this.anchored('trend-of', anchorIds, options, (items) => items as YearCount[]);
  }

  // ---- authors, places and themes -----------------------------------------------------------

  async coauthorsOf(authorIds: readonly string[], first: number): Promise<ByKey<Coauthor[]>> {
    return this.keyed('coauthors-of', authorIds, { first }, (items) => items.map(countedOf<Author>('Author')));
  }

  async countryCountsOf(themeIds: readonly string[], options: AnchorOptions = {}): Promise<ByKey<Counted<Country>[]>> {
    return this.keyed('country-counts-of', themeIds, { includeMentions: !!options.includeMentions }, (items) => items.map(countedOf<Country>('Country')));
  }

  async regionCountsOf(themeIds: readonly string[]): Promise<ByKey<Counted<Region>[]>> {
    return this.keyed('region-counts-of', themeIds, {}, (items) => items.map(countedOf<Region>('Region')));
  }

  async regionChainOf(ids: readonly string[]): Promise<ByKey<Region[]>> {
    this.runner.admit();
    const nodes = keysOfKinds(ids, ['Country', 'Region']);
    const cached = nodes.length ? await this.referenceNodes() : null;
    if (cached) {
      const places = new Set(nodes.map((n) => n.id));
      return this.runner.charge(new Map(distinct(ids).map((id) => [id, places.has(id) ? cached.regionChain(id) : []])));
    }
    const rows = nodes.length ? await this.read('region-chain-of', { nodes }) : [];
    return this.runner.charge(byKey(ids, rows, (items) => items.map(asRegion), none<Region>));
  }

  async parentsOf(regionIds: readonly string[]): Promise<ByKey<Region[]>> {
    return this.keyed('parents-of', regionIds, {}, (items) => items.map(asRegion));
  }

  async childrenOf(regionIds: readonly string[]): Promise<ByKey<Region[]>> {
    return this.keyed('children-of', regionIds, {}, (items) => items.map(asRegion));
  }

  async countriesOf(regionIds: readonly string[], recursive: boolean): Promise<ByKey<Country[]>> {
    return this.keyed('countries-of', regionIds, { recursive }, (items) => items.map(asCountry));
  }

  async broaderOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>> {
    return this.keyed('broader-of', themeIds, {}, (items) => items.map(asTheme));
  }

  async narrowerOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>> {
    return this.keyed('narrower-of', themeIds, {}, (items) => items.map(asTheme));
  }

  async relatedThemesOf(themeIds: readonly string[], first: number): Promise<ByKey<ThemeCooccurrence[]>> {
    return this.keyed('related-themes-of', themeIds, { first }, (items) => items.map((item) => {
      const { theme, count, jaccard, lift } = item as { theme: unknown; count: number; jaccard: number; lift: number };
      return { theme: asTheme(theme), count, jaccard, lift };
    }));
  }

  // ---- exploration (exploration.reader.ts) --------------------------------------------------

  async paths(from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] }): Promise<GraphPath[]> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.paths(from, to, options));
  }

  async neighborhood(ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }): Promise<Subgraph> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.neighborhood(ids, options));
  }

  async themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): Promise<ThemeMatrix> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.themeMatrix(themes, places, level, filter));
  }

  async facets(filter: PublicationFilter, first: number, dimensions?: readonly FacetDimension[]): Promise<Facets> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.facets(filter, first, dimensions));
  }

  async themeGraph(filter: PublicationFilter, minCount: number): Promise<ThemeGraph> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.themeGraph(filter, minCount));
  }

  async suggest(prefix: string, types: readonly NodeType[], first: number): Promise<Suggestion[]> {
    this.runner.admit();
    return this.runner.charge(await this.exploration.suggest(prefix, types, first));
  }

  // ---- curation (curation.writer.ts) and the change feed (change-feed.ts) --------------------

  async setPublicationTheme(input: SetThemeInput): Promise<CurationResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.setPublicationTheme(input)));
  }

  async clearPublicationTheme(input: ClearThemeInput): Promise<CurationResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.clearPublicationTheme(input)));
  }

  async updatePublication(input: UpdatePublicationInput): Promise<CurationResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.updatePublication(input)));
  }

  async themeDefinitions(): Promise<ThemeDefinition[]> {
    this.runner.admit();
    return this.runner.charge(await this.curation.themeDefinitions());
  }

  async upsertTheme(input: UpsertThemeInput): Promise<ThemeWriteResult> {
    this.runner.admit();
    const result = await this.writing(() => this.curation.upsertTheme(input));
    this.reference?.invalidate();
    return this.runner.charge(result);
  }

  async retag(input: RetagInput): Promise<RetagResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.retag(input)));
  }

  async mergeAuthors(input: MergeAuthorsInput): Promise<MergeResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.mergeAuthors(input)));
  }

  async deletePublication(input: DeletePublicationInput): Promise<DeletionResult> {
    this.runner.admit();
    return this.runner.charge(await this.writing(() => this.curation.deletePublication(input)));
  }

  async changes(query: ChangeQuery): Promise<ChangePage> {
    this.runner.admit();
    return this.runner.charge(await this.feed.page((name, params) => this.read(name, params), query));
  }

  async historyOf(publicationIds: readonly string[], first: number): Promise<ByKey<ChangeRecord[]>> {
    return this.keyed('history-of', publicationIds, { first: Math.max(0, Math.floor(first)) }, (items) => items.map(toChangeRecord));
  }

  // ---- writes and housekeeping --------------------------------------------------------------

  async counts(): Promise<GraphCounts> {
    this.runner.admit();
    const [row] = await this.read('graph-counts');
    return this.runner.charge(row as unknown as GraphCounts);
  }

  async importPublications(records: readonly PublicationRecord[], reference: ReferenceData, options: ImportOptions = {}): Promise<ImportSummary> {
    const batchSize = options.run?.batchSize;
    if (batchSize === undefined || options.dryRun || options.createOnly) return this.importPublicationStream(recordSource(records), reference, options);
    this.runner.admit();
    this.reference?.invalidate();
    const files = options.run!.files;
    const { summary } = await this.writing(() => writePublicationsInBatches(this.runner, (name) => this.queries.get(name), records, reference, options, files, batchSize, this.feed));
    return summary;
  }

  async importRuns(first: number, status?: ImportRunStatus): Promise<ImportRun[]> {
    this.runner.admit();
    const rows = await this.read('import-runs', { first: Math.max(0, Math.min(MAX_IMPORT_RUNS_PAGE, Math.floor(first))), status: status ?? null });
    return this.runner.charge(rows.map((row) => toImportRun(row.run as Row)));
  }

  /** Like importPublications, reading the records from `source` while earlier batches are written (one transaction still). */
  async importPublicationStream(source: PublicationSource, reference: ReferenceData, options: ImportOptions = {}): Promise<ImportSummary> {
    this.runner.admit();
    this.reference?.invalidate();
    return this.writing(() => writePublications(this.runner, (name) => this.queries.get(name), source, reference, options, this.feed));
  }

  track<T>(fn: () => Promise<T>, budget?: WorkBudget): Promise<TrackedWork<T>> {
    return this.runner.track(fn, budget);
  }

  connectionUse(): { inUse: number; max: number } {
    return this.runner.connectionUse();
  }

  ping(timeoutMs: number): Promise<void> {
    return this.runner.ping(this.queries.get('ping'), timeoutMs);
  }

  /** Runs a write with the version watch told before and after, so no answer read across it is kept under the old version. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    this.versions?.moved();
    try {
      return await write();
    } finally {
      this.versions?.moved();
    }
  }

  graphVersion(): string | null {
    this.versions ??= new GraphVersionWatch({
      version: () => this.read('graph-version').then(([row]) => Number(row?.version ?? 0)),
      apart: (work) => this.runner.track(work).then(({ result }) => result),
    }, this.options.referenceCheckMs ?? DEFAULT_REFERENCE_CHECK_MS, () => this.reference?.invalidate());
    return this.versions.current();
  }

  async close(): Promise<void> {
    this.versions?.close();
    this.reference?.close();
    await this.runner.close();
  }

  private read(name: QueryName, params: Record<string, unknown> = {}): Promise<Row[]> {
    const statement = this.queries.get(name);
    const composed = FILTERED_QUERIES.has(name) ? this.filters.compose(name, statement, params) : statement;
    return this.runner.read(resolveConditionalBlocks(composed, params), params);
  }

  /** Runs a statement keyed by `$ids` (no round trip when there are none) and answers every asked id. */
  private async keyed<T>(name: QueryName, ids: readonly string[], params: Record<string, unknown>, read: (items: unknown[]) => T[]): Promise<ByKey<T[]>> {
    this.runner.admit();
    const rows = ids.length ? await this.read(name, { ids: distinct(ids), ...params }) : [];
    return this.runner.charge(byKey(ids, rows, read, none<T>));
  }

  /** Runs an anchor statement over the ids of anchor kinds and answers every asked id. */
  private async anchored<T>(name: QueryName, ids: readonly string[], options: AnchorOptions, read: (items: unknown[]) => T[]): Promise<ByKey<T[]>> {
    this.runner.admit();
    return this.runner.charge(byKey(ids, await this.readAnchored(name, ids, options), read, none<T>));
  }

  /** Runs an anchor statement in one round trip, its slot filled with the parts of the kinds among the ids. */
  private async readAnchored(name: QueryName, ids: readonly string[], options: AnchorOptions, params: Record<string, unknown> = {}): Promise<Row[]> {
    const anchors = keysOfKinds(ids, ANCHOR_KINDS);
    if (anchors.length === 0) return [];
    const parts = [...new Set(anchors.map((a) => anchorPart(a.kind, !!options.includeMentions)))];
    return this.runner.read(this.anchorParts.compose(name, this.queries.get(name), parts), { ...params, anchors });
  }
}

const REFERENCE_TYPES: readonly NodeType[] = ['Country', 'Region', 'Theme'];
/** The evidence the importer notes for a theme the source's category names (ingest/entry.resolver.ts). */
const CATEGORY_EVIDENCE = 'category: ';

/** Whether an id names a country, region or theme (its prefix is its label). */
function isReferenceId(id: string): boolean {
  const type = nodeTypeOf(id);
  return type !== null && REFERENCE_TYPES.includes(type);
}
