import { randomBytes } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChangePage, ChangeQuery, ChangeRecord, ClearThemeInput, CurationResult, DeletePublicationInput, DeletionResult, MergeAuthorsInput, MergeResult, RetagInput, RetagResult, SetThemeInput, ThemeDefinition, ThemeWriteResult, UpsertThemeInput, UpdatePublicationInput } from '../../domain/curation.types';
import type { Author, Country, GraphNode, NodeType, Publication, Region, Theme } from '../../domain/node.types';
import { MAX_IMPORT_RUNS_PAGE, type ImportRun, type ImportRunFile, type ImportRunStatus, type ImportSummary, type PublicationRecord, type ReferenceData } from '../../domain/import.types';
import type { AnchorOptions, Coauthor, Counted, CountryLookup, FacetDimension, Facets, GraphPath, Page, PageRequest, PlaceLevel, PublicationFilter, PublicationOrder, RelatedPublication, RelationshipKind, SearchHit, Subgraph, Suggestion, ThemeCooccurrence, ThemeGraph, ThemeLinkView, ThemeMatrix, YearCount } from '../../domain/query.types';
import { FACET_DIMENSIONS } from '../../domain/query.types';
import { IMPORT_ACTOR } from '../../domain/curation.types';
import { ConfigurationError, IdTakenError, NotFoundError } from '../../domain/errors';
import type { ApiKeyStore, ByKey, GraphCounts, GraphStore, ImportOptions, PublicationIncludes, PublicationPage, PublicationSlice, TrackedWork, WorkBudget } from '../store';
import { WorkMeter } from '../work-meter';
import { ChangeLog, type ChangeRetention } from './memory.changes';
import { MemoryCuration, versionOf } from './memory.curation';
import { CurationState } from './memory.decisions';
import { MemoryExplore } from './memory.explore';
import { DataDirKeyStore } from './memory.keys';
import { MemoryIdempotency } from './memory.idempotency';
import { createKnowledgeGraph, type KnowledgeGraph } from './memory.graph';
import { type ImportPlan, planImport } from './memory.import';
import { CurationJournal, type JournalEntry, type JournalLog } from './memory.journal';
import { buildIndexes, type GraphIndexes } from './memory.indexes';
import { patchIndexes } from './memory.index-patch';
import { MemoryLists } from './memory.lists';
import { findPublications } from './memory.publications';
import { MemoryReads } from './memory.reads';
import { TextIndexes } from './memory.search';
import { neighborhood } from './memory.neighborhood';
import { shortestPaths } from './memory.paths';
import type { MemoryView } from './memory.view';

/** Reference data for replaying a journaled import: the loaded files' is in the graph already. */
const NO_REFERENCE: ReferenceData = { countries: [], regions: [], countryRegions: [], regionParents: [], themes: [], themeBroader: [] };

/** How long a request waiting for the text indexes lets them catch up before the event loop serves others. */
const TEXT_SLICE_MS = 15;

/** Import runs the embedded store remembers (newest first). */
const MAX_KEPT_RUNS = 100;

/** How long the embedded store computes before it lets the event loop serve other requests. */
const YIELD_EVERY_MS = 10;

/**
 * The embedded adapter of the store port: the whole graph in process, in a graphology multigraph
 * with per-node indexes rebuilt at each import and MiniSearch for text, answering every method
 * exactly as the Neo4j adapter does (docs/stores.md lists where scores make them differ).
 * Imports and curation writes are atomic: planned in full first, then applied in one step that
 * cannot fail halfway. Decisions, curated fields and change records live beside the graph, never
 * in it, so every read follows the effective ABOUT links alone.
 */
export class MemoryStore implements GraphStore, MemoryView {
  readonly kind = 'memory' as const;
  readonly graph: KnowledgeGraph = createKnowledgeGraph();
  readonly text = new TextIndexes((id) => (this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null));
  indexes: GraphIndexes = buildIndexes(this.graph);
  private readonly hashes = new Map<string, string>();
  /** Counts writes (graphVersion), under an id of this process. */
  private writes = 0;
  private readonly runs: ImportRun[] = [];
  private readonly epoch = randomBytes(6).toString('base64url');
  private readonly tracking = new AsyncLocalStorage<WorkMeter>();
  /** The meter of the call running now: calls are synchronous, so at most one runs at a time. */
  private running: WorkMeter | undefined;
  private readonly reads = new MemoryReads(this);
  private readonly lists = new MemoryLists(this, this.reads);
  private readonly explore = new MemoryExplore(this, this.reads);
  /** Decisions, the tagger's judgement of decided pairs and curated fields: apart from the graph, so no read sees them. */
  private readonly curationState = new CurationState();
  private readonly changeLog: ChangeLog;
  private readonly curation: MemoryCuration;
  /** API keys: in `<dataDir>/api-keys.json`, shared with other processes, or in memory without a data directory. */
  readonly apiKeys: ApiKeyStore;
  /** Idempotency records: this process is the only one serving the embedded store. */
  readonly idempotency = new MemoryIdempotency();
  /** Curation writes, journaled to `<dataDir>/journal.ndjson` before they are applied; none without a data directory. */
  private readonly journal: CurationJournal | null;
  private replayed = false;

  /**
   * @param options.dataDir where API keys and the curation journal are kept (null or absent: in this process's memory only).
   * @param options.changes how long change records are kept (defaults DEFAULT_CHANGES_RETENTION_DAYS days, 1,000,000 records).
   * @param options.journalMaxBytes how large the journal may grow (default DEFAULT_JOURNAL_MAX_BYTES).
   */
  constructor(options: { dataDir?: string | null; changes?: ChangeRetention; journalMaxBytes?: number } = {}) {
    this.apiKeys = new DataDirKeyStore(options.dataDir ?? null);
    this.journal = options.dataDir ? new CurationJournal(options.dataDir, options.journalMaxBytes) : null;
    this.changeLog = new ChangeLog(options.changes);
    this.curation = new MemoryCuration({
      graph: this.graph, text: this.text, state: this.curationState, log: this.changeLog,
      refresh: (change) => void (this.indexes = patchIndexes(this.indexes, change)),
      rebuild: () => void (this.indexes = buildIndexes(this.graph)),
      forgetHash: (id) => void this.hashes.delete(id),
    });
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    return this.call(() => this.lists.getNodes(ids));
  }

  // ---- root lists ---------------------------------------------------------------------------

  async findPublications(filter: PublicationFilter, order: PublicationOrder, page: PageRequest, include: PublicationIncludes = {}): Promise<PublicationPage> {
    if (filter.text) await this.textCaughtUp();
    return this.call(() => {
      const found = findPublications(this, filter, order, page);
      if (!include.authors && !include.covers && !include.mentions && !include.themes) return found;
      // In the same call (one round trip), as the keyed reads answer them.
      const ids = found.items.map((i) => i.node.id);
      return {
        ...found,
        related: {
          ...(include.authors ? { authors: this.reads.authorsOf(ids) } : {}),
          ...(include.covers ? { covers: this.reads.placesOf(ids, 'COVERS') } : {}),
          ...(include.mentions ? { mentions: this.reads.placesOf(ids, 'MENTIONS') } : {}),
          ...(include.themes ? { themes: this.reads.themesOf(ids) } : {}),
        },
      };
    });
  }

  async listThemes(): Promise<Theme[]> {
    return this.call(() => [...this.indexes.themes]);
  }

  async listRegions(): Promise<Region[]> {
    return this.call(() => [...this.indexes.regions]);
  }

  async listCountries(options: { all: boolean; includeMentions?: boolean }): Promise<Country[]> {
    return this.call(() => this.lists.listCountries(options));
  }

  async listAuthors(page: PageRequest, nameContains?: string): Promise<Page<Author>> {
    return this.call(() => this.lists.listAuthors(page, nameContains));
  }

  async findCountry(lookup: CountryLookup): Promise<Country | null> {
    return this.call(() => this.lists.findCountry(lookup));
  }

  async search(query: string, types: readonly NodeType[], first: number): Promise<SearchHit[]> {
    await this.textCaughtUp();
    return this.call(() => this.lists.search(query, types, first));
  }

  // ---- from publications --------------------------------------------------------------------

  async authorsOf(publicationIds: readonly string[]): Promise<ByKey<Author[]>> {
    return this.call(() => this.reads.authorsOf(publicationIds));
  }

  async placesOf(publicationIds: readonly string[], relation: 'COVERS' | 'MENTIONS'): Promise<ByKey<(Country | Region)[]>> {
    return this.call(() => this.reads.placesOf(publicationIds, relation));
  }

  async themesOf(publicationIds: readonly string[]): Promise<ByKey<ThemeLinkView[]>> {
    return this.call(() => this.reads.themesOf(publicationIds));
  }

  async relatedOf(publicationIds: readonly string[], first: number): Promise<ByKey<RelatedPublication[]>> {
    return this.call(() => this.reads.relatedOf(publicationIds, first));
  }

  // ---- from anchors -------------------------------------------------------------------------

  async publicationsOf(anchorIds: readonly string[], first: number, options?: AnchorOptions): Promise<ByKey<PublicationSlice>> {
    return this.call(() => this.reads.publicationsOf(anchorIds, first, options));
  }

  async themeCountsOf(anchorIds: readonly string[], options?: AnchorOptions): Promise<ByKey<Counted<Theme>[]>> {
    return this.call(() => this.reads.themeCountsOf(anchorIds, options));
  }

  async trendOf(anchorIds: readonly string[], options?: AnchorOptions): Promise<ByKey<YearCount[]>> {
    return this.call(() => this.reads.trendOf(anchorIds, options));
  }

  // ---- authors, places and themes -----------------------------------------------------------

  async coauthorsOf(authorIds: readonly string[], first: number): Promise<ByKey<Coauthor[]>> {
    return this.call(() => this.reads.coauthorsOf(authorIds, first));
  }

  async countryCountsOf(themeIds: readonly string[], options?: AnchorOptions): Promise<ByKey<Counted<Country>[]>> {
    return this.call(() => this.reads.countryCountsOf(themeIds, options));
  }

  async regionCountsOf(themeIds: readonly string[]): Promise<ByKey<Counted<Region>[]>> {
    return this.call(() => this.reads.regionCountsOf(themeIds));
  }

  async regionChainOf(ids: readonly string[]): Promise<ByKey<Region[]>> {
    return this.call(() => this.lists.regionChainOf(ids));
  }

  async parentsOf(regionIds: readonly string[]): Promise<ByKey<Region[]>> {
    return this.call(() => this.lists.parentsOf(regionIds));
  }

  async childrenOf(regionIds: readonly string[]): Promise<ByKey<Region[]>> {
    return this.call(() => this.lists.childrenOf(regionIds));
  }

  async countriesOf(regionIds: readonly string[], recursive: boolean): Promise<ByKey<Country[]>> {
    return this.call(() => this.lists.countriesOf(regionIds, recursive));
  }

  async broaderOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>> {
    return this.call(() => this.lists.broaderOf(themeIds));
  }

  async narrowerOf(themeIds: readonly string[]): Promise<ByKey<Theme[]>> {
    return this.call(() => this.lists.narrowerOf(themeIds));
  }

  async relatedThemesOf(themeIds: readonly string[], first: number): Promise<ByKey<ThemeCooccurrence[]>> {
    return this.call(() => this.lists.relatedThemesOf(themeIds, first));
  }

  // ---- exploration --------------------------------------------------------------------------

  async paths(from: string, to: string, options: { maxHops: number; first: number; via: readonly RelationshipKind[] }): Promise<GraphPath[]> {
    return this.call(() => shortestPaths(this.graph, this.indexes, from, to, options, this.checkpoint));
  }

  async neighborhood(ids: readonly string[], options: { depth: number; limit: number; types: readonly NodeType[] }): Promise<Subgraph> {
    return this.call(() => neighborhood(this.graph, ids, options, this.checkpoint));
  }

  async themeMatrix(themes: readonly string[] | null, places: readonly string[] | null, level: PlaceLevel, filter: PublicationFilter): Promise<ThemeMatrix> {
    if (filter.text) await this.textCaughtUp();
    return this.call(() => this.explore.themeMatrix(themes, places, level, filter));
  }

  async facets(filter: PublicationFilter, first: number, dimensions: readonly FacetDimension[] = FACET_DIMENSIONS): Promise<Facets> {
    if (filter.text) await this.textCaughtUp();
    return this.call(() => this.explore.facets(filter, first, dimensions));
  }

  async themeGraph(filter: PublicationFilter, minCount: number): Promise<ThemeGraph> {
    if (filter.text) await this.textCaughtUp();
    return this.call(() => this.explore.themeGraph(filter, minCount));
  }

  async suggest(prefix: string, types: readonly NodeType[], first: number): Promise<Suggestion[]> {
    return this.call(() => this.explore.suggest(prefix, types, first));
  }

  // ---- writes and housekeeping --------------------------------------------------------------

  async counts(): Promise<GraphCounts> {
    return this.call(() => this.lists.counts());
  }

  /**
   * See GraphStore.importPublications. Once the journal has been replayed (the server is up), an
   * import that changes something is journaled as its resolved records before it is applied, like
   * every curation write; the data files' own load, before that, is not.
   */
  async importPublications(records: readonly PublicationRecord[], reference: ReferenceData, options: ImportOptions = {}): Promise<ImportSummary> {
    const at = options.actor?.at ?? new Date().toISOString();
    const journal = this.replayed ? this.journal : null;
    const summary = await this.call(() => this.runImport(records, reference, options, at, journal
      ? () => void journal.append({ op: 'importPublications', input: { records, createOnly: options.createOnly === true, by: options.actor?.by ?? IMPORT_ACTOR, at } })
      : undefined));
    if (options.run && !options.dryRun) this.recordRun(options.run.files, records.length, summary, at);
    return summary;
  }

  /** See GraphStore.importRuns: this process's runs (the embedded store's imports are each one step, so COMPLETE), at most MAX_KEPT_RUNS. */
  async importRuns(first: number, status?: ImportRunStatus): Promise<ImportRun[]> {
    const n = Math.max(0, Math.min(MAX_IMPORT_RUNS_PAGE, Math.floor(first)));
    return this.call(() => this.runs.filter((r) => !status || r.status === status).slice(0, n));
  }

  private recordRun(files: readonly ImportRunFile[], total: number, s: ImportSummary, at: string): void {
    this.runs.unshift({
      id: `ImportRun:${at.replace(/[-:.]/g, '')}-${this.runs.length + 1}`, status: 'COMPLETE', atomic: true, files: [...files],
      batchSize: total, total, processed: total, batchesCommitted: 1, attempts: 1, startedAt: at, updatedAt: at, finishedAt: at,
      created: s.created, updated: s.updated, unchanged: s.unchanged, withheld: s.withheld,
      relationshipsWritten: s.relationshipsWritten, relationshipsDeleted: s.relationshipsDeleted,
    });
    this.runs.length = Math.min(this.runs.length, MAX_KEPT_RUNS);
  }

  private runImport(records: readonly PublicationRecord[], reference: ReferenceData, options: ImportOptions, at: string, beforeApply?: () => void): ImportSummary {
    const { summary, plan } = planImport(this.graph, (id) => this.hashes.get(id), records, reference, options, this.curationState, at);
    if (plan && (plan.changes.length > 0 || plan.undelete.length > 0)) beforeApply?.();
    if (plan) this.apply(plan);
    this.writes++;
    return summary;
  }

  /** See GraphStore.graphVersion: this process's own count of writes, under an id of the process (a restart starts again). */
  graphVersion(): string | null {
    return `${this.epoch}.${this.writes}`;
  }

  // ---- curation -----------------------------------------------------------------------------

  async setPublicationTheme(input: SetThemeInput): Promise<CurationResult> {
    return this.call(() => this.write({ op: 'setPublicationTheme', input }) as CurationResult);
  }

  async clearPublicationTheme(input: ClearThemeInput): Promise<CurationResult> {
    return this.call(() => this.write({ op: 'clearPublicationTheme', input }) as CurationResult);
  }

  async updatePublication(input: UpdatePublicationInput): Promise<CurationResult> {
    return this.call(() => this.write({ op: 'updatePublication', input }) as CurationResult);
  }

  async deletePublication(input: DeletePublicationInput): Promise<DeletionResult> {
    return this.call(() => this.write({ op: 'deletePublication', input }) as DeletionResult);
  }

  async mergeAuthors(input: MergeAuthorsInput): Promise<MergeResult> {
    return this.call(() => this.write({ op: 'mergeAuthors', input }) as MergeResult);
  }

  async themeDefinitions(): Promise<ThemeDefinition[]> {
    return this.call(() => this.curationState.allDefinitions());
  }

  async upsertTheme(input: UpsertThemeInput): Promise<ThemeWriteResult> {
    return this.call(() => this.write({ op: 'upsertTheme', input }) as ThemeWriteResult);
  }

  /** See GraphStore.retag: judged first, then journaled as the judgements (so a replay needs no tagger), then applied. */
  async retag(input: RetagInput): Promise<RetagResult> {
    return this.call(() => {
      const links = this.curation.judgeAll(input);
      return this.write({ op: 'retag', input: { by: input.by, at: input.at, themes: [...new Set(input.themes)], links } }) as RetagResult;
    });
  }

  /** Where the curation journal is, or null without a data directory. */
  get journalPath(): string | null {
    return this.journal?.path ?? null;
  }

  /**
   * Re-applies the journal's writes in order, without journaling them again; call it once, after
   * loading the files and before the first write. An update is re-applied whatever its
   * `expectedVersion` (checked when it was acknowledged). A write whose publication or theme the
   * files no longer hold is skipped with a warning naming file:line; see CurationJournal.recover for damage.
   */
  async replayJournal(log: JournalLog = { warn: () => undefined }): Promise<{ replayed: number; skipped: number }> {
    if (this.replayed) throw new Error('replayJournal() runs once per load: its writes are applied already');
    this.replayed = true;
    if (!this.journal) return { replayed: 0, skipped: 0 };
    let replayed = 0;
    let skipped = 0;
    for (const { line, entry } of this.journal.recover(log)) {
      const where = `${this.journal.path}:${line}`;
      try {
        this.perform(entry.op === 'updatePublication' || entry.op === 'deletePublication'
          ? { ...entry, input: { ...entry.input, expectedVersion: this.versionNow(entry.input.id) } } as JournalEntry
          : entry);
        replayed++;
      } catch (err) {
        if (!(err instanceof NotFoundError || err instanceof IdTakenError)) throw new ConfigurationError(`${where}: cannot replay ${entry.op}: ${(err as Error).message}`, { cause: err });
        skipped++;
        log.warn({ journal: this.journal.path, line, op: entry.op }, `${where}: skipped ${entry.op}: ${err.message} (the data files no longer hold it)`);
      }
    }
    return { replayed, skipped };
  }

  async changes(query: ChangeQuery): Promise<ChangePage> {
    return this.call(() => this.changeLog.page(query));
  }

  async historyOf(publicationIds: readonly string[], first: number): Promise<ByKey<ChangeRecord[]>> {
    return this.call(() => this.changeLog.history(publicationIds, first));
  }

  async track<T>(fn: () => Promise<T>, budget?: WorkBudget): Promise<TrackedWork<T>> {
    const meter = new WorkMeter(budget);
    const result = await this.tracking.run(meter, fn);
    return { result, roundTrips: meter.roundTrips, objects: meter.objects };
  }

  /**
   * Resolves once the text indexes hold every write so far. `kg serve` awaits it before it
   * listens, so that no request's deadline is spent indexing a load's words.
   */
  async indexed(): Promise<void> {
    await this.textCaughtUp();
  }

  /**
   * Resolves once the text indexes hold every write: at once, unless a load's words are still
   * being indexed; then the rest is indexed in slices, so other requests are served meanwhile.
   */
  private async textCaughtUp(): Promise<void> {
    while (!this.text.catchUp(TEXT_SLICE_MS)) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Resolves at once: the embedded store lives in this process, so it answers whenever the process does. */
  async ping(_timeoutMs: number): Promise<void> {}

  /** See MemoryView.checkpoint. */
  readonly checkpoint = (): void => {
    this.running?.checkDeadline();
  };

  async close(): Promise<void> {
    this.journal?.close();
    this.replayed = false;
    this.graph.clear();
    this.hashes.clear();
    this.text.clear();
    this.curationState.clear();
    this.changeLog.clear();
    this.idempotency.clear();
    this.indexes = buildIndexes(this.graph);
  }

  /** Runs one store call, counting it and its result for `track` and holding it to the unit's budget. */
  private call<T>(work: () => T): T | Promise<T> {
    // The embedded store answers synchronously, so a request's resolvers would otherwise run to the
    // end in microtasks and no other request (or connection) would be served meanwhile: after
    // YIELD_EVERY_MS of work without a break, the next call waits for the event loop's next turn.
    if (performance.now() - this.lastYield > YIELD_EVERY_MS) {
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.lastYield = performance.now();
        return this.callNow(work);
      });
    }
    return this.callNow(work);
  }

  private lastYield = performance.now();

  private callNow<T>(work: () => T): T {
    const meter = this.tracking.getStore();
    if (!meter) return work();
    meter.admit();
    meter.roundTrips++;
    const outer = this.running;
    this.running = meter;
    try {
      return meter.charge(work());
    } finally {
      this.running = outer;
    }
  }

  /**
   * Runs a curation write: checked first, then (with a data directory) journaled and on disk, then
   * applied, so an acknowledged write survives a crash and a refused or failed one leaves nothing.
   */
  private write(entry: JournalEntry): unknown {
    const journal = this.journal;
    return this.perform(entry, journal ? () => void journal.append(entry) : undefined);
  }

  private perform(entry: JournalEntry, beforeApply?: () => void): unknown {
    // Moved before the write is checked: a refused one only costs kept answers a miss.
    this.writes++;
    switch (entry.op) {
      case 'setPublicationTheme': return this.curation.setTheme(entry.input, beforeApply);
      case 'clearPublicationTheme': return this.curation.clearTheme(entry.input, beforeApply);
      case 'updatePublication': return this.curation.updatePublication(entry.input, beforeApply);
      case 'deletePublication': return this.curation.deletePublication(entry.input, beforeApply);
      case 'mergeAuthors': return this.curation.mergeAuthors(entry.input, beforeApply);
      case 'upsertTheme': return this.curation.upsertTheme(entry.input, beforeApply);
      case 'retag': return this.curation.applyRetag(entry.input, beforeApply);
      case 'importPublications': {
        // Replayed over the loaded files, whose reference data the graph holds already.
        const { records, createOnly, by, at } = entry.input;
        return this.runImport(records, NO_REFERENCE, { createOnly, actor: { by, at } }, at, beforeApply);
      }
    }
  }

  /** Returns a publication's stored version (0 when there is none: MemoryCuration then refuses the id). */
  private versionNow(id: string): number {
    const node = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null;
    return node?.type === 'Publication' ? versionOf(node) : 0;
  }

  /** Applies a planned import: every step below is a plain write the plan has made valid. */
  private apply(plan: ImportPlan): void {
    const { graph, text } = this;
    let changed = plan.dropEdges.size > 0 || plan.dropNodes.size > 0;
    for (const [id, node] of plan.nodes) {
      if (!graph.hasNode(id)) {
        graph.addNode(id, node);
        text.add(node);
        changed = true;
        continue;
      }
      const old = graph.getNodeAttributes(id);
      if (JSON.stringify(old) === JSON.stringify(node)) continue;
      text.remove(old);
      graph.replaceNodeAttributes(id, node);
      text.add(node);
      changed = true;
    }
    for (const [id, hash] of plan.hashes) this.hashes.set(id, hash);
    for (const edge of plan.dropEdges) graph.dropEdge(edge);
    for (const edge of plan.addEdges) {
      if (!edge.live) continue;
      graph.addEdge(edge.source, edge.target, edge.attributes);
      changed = true;
    }
    for (const id of plan.dropNodes) {
      text.remove(graph.getNodeAttributes(id));
      graph.dropNode(id);
    }
    for (const [id, pairs] of plan.pairs) for (const [themeId, pair] of pairs) this.curationState.setPair(id, themeId, pair);
    for (const id of plan.undelete) this.curationState.undelete(id);
    this.changeLog.append(plan.changes);
    if (changed) this.indexes = buildIndexes(graph);
  }
}
