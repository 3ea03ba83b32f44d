import { IMPORT_ACTOR } from '../../domain/curation.types';
import { ConflictError, IdTakenError, ResourceLimitError } from '../../domain/errors';
import { summariseImport } from '../import-summary';
import { createHash } from 'node:crypto';
import type { ImportRun, ImportRunFile, ImportSummary, PublicationRecord, ReferenceData } from '../../domain/import.types';
import { nameKey, searchKey } from '../fold';
import { recordHash } from '../record-hash';
import { withAuthorAliases } from '../author-aliases';
import type { ImportOptions, PublicationSource } from '../store';
import type { ChangeDraft, ChangeFeed } from './change-feed';
import type { Neo4jRunner, Row, WriteTx } from './neo4j.runner';
import type { QueryName } from './queries';

/** Publications per write statement: large enough to amortise round trips, small enough to keep both ends busy. */
const BATCH = 2_000;
/** Ids per stored-hash lookup. */
const HASH_BATCH = 10_000;

type Statement = (name: QueryName) => string;

/** What the graph holds for a publication id before the import. */
interface Stored {
  readonly exists: boolean;
  readonly hash: string | null;
  /** A curator deleted it: imports leave it out (createPublication creates it again). */
  readonly deleted: boolean;
}

/** Returns a source over records already in memory. */
export function recordSource(records: readonly PublicationRecord[]): PublicationSource {
  return {
    ids: records.map((r) => r.id),
    total: records.length,
    async *batches() {
      yield* chunks(records, BATCH);
    },
  };
}

/**
 * Writes the reference data and the changed publications of `source` in one write transaction
 * (all or nothing: a source that throws, or any failed statement, rolls everything back) and
 * returns what changed; unchanged records, by content hash, are not rewritten. The source is read
 * while earlier batches are being written, so preparing and writing overlap. Curation is
 * respected (see update-publications.cypher), and each written publication's IMPORT_CREATE or
 * IMPORT_UPDATE change is appended to `feed` in the same transaction, last, all at the import's start
 * (or `options.actor`'s time) and by `options.actor` (IMPORT_ACTOR by default). Records of deleted
 * publications are left out (`withheld`); with `createOnly` a stored id throws IdTakenError in the
 * transaction, which then writes nothing, and a deleted id is created again.
 */
export async function writePublications(
  runner: Neo4jRunner, q: Statement, source: PublicationSource, reference: ReferenceData, options: ImportOptions, feed: ChangeFeed,
): Promise<ImportSummary> {
  if (options.dryRun) return dryRun(runner, q, source, reference, options);
  const batches = replayable(source.batches());
  const at = options.actor?.at ?? new Date().toISOString();
  // A retried transaction (a transient error) starts over from the batches already prepared.
  try {
    return await runner.write((tx) => new ImportTransaction(tx, q, options, source.total, feed, at).run(source.ids, reference, batches()));
  } catch (err) {
    if (!(err instanceof ResourceLimitError)) throw err;
    throw new ResourceLimitError(
      `the import of ${source.total} publication(s) is one transaction and needs more memory than Neo4j allows ` +
        '(about 2 GiB per 100,000 new publications); nothing was written. Import the files in several runs, or give ' +
        `Neo4j a larger heap or dbms.memory.transaction.total.max. (${err.message})`,
      { cause: err },
    );
  }
}

/**
 * Writes an import as a batched run (see ImportRun): the reference data and the run's start in
 * one transaction, then each batch of `batchSize` publications in its own transaction with its
 * counts, then the run's orphan clean-up and COMPLETE. A run of the same records (same key: the
 * records' ids and content hashes in order, and the batch size) left INCOMPLETE is resumed: its
 * committed batches are not written again, and its counts go on from theirs. Every link and
 * change record carries the run's start as its time, whichever attempt writes it. Validation is
 * the caller's: the records are all prepared without problems before the first write.
 */
export async function writePublicationsInBatches(
  runner: Neo4jRunner, q: Statement, records: readonly PublicationRecord[], reference: ReferenceData, options: ImportOptions,
  files: readonly ImportRunFile[], batchSize: number, feed: ChangeFeed,
): Promise<{ summary: ImportSummary; run: ImportRun }> {
  const key = runKey(records, batchSize);
  const [found] = await runner.read(q('import-run-find'), { key });
  const now = new Date().toISOString();
  const id = (found?.run as Row | undefined)?.id as string | undefined ?? `ImportRun:${now.replace(/[-:.]/g, '')}-${key.slice(0, 8)}`;
  let run = await runner.write(async (tx) => {
    await writeReference(tx, q, reference);
    const [row] = await tx.run(q('import-run-start'), {
      id, key, atomic: false, fileNames: files.map((f) => f.name), fileHashes: files.map((f) => f.sha256), batchSize, total: records.length, at: now,
    });
    return toImportRun(row.run as Row);
  });
  options.run?.onStart?.(run);
  const at = run.startedAt;
  const written: PublicationRecord[][] = [];
  const batches = chunks(records, batchSize);
  for (const [index, batch] of batches.entries()) {
    if (index < run.batchesCommitted) {
      written.push(batch);
    } else {
      const done = await runner.write((tx) => new ImportTransaction(tx, q, { ...options, actor: { by: options.actor?.by ?? IMPORT_ACTOR, at } }, records.length, feed, at).runBatch(batch, id, index));
      written.push([...done.records]);
    }
    options.onProgress?.(Math.min(records.length, (index + 1) * batchSize), records.length);
  }
  run = await runner.write(async (tx) => toImportRun((await tx.run(q('import-run-finish'), { id, at: new Date().toISOString() }))[0].run as Row));
  const all = written.flat();
  // The distinct authors, places and themes are those of every record; the rest is the run's own count of its batches.
  const summary = summariseImport(all, [], new Map(), 0);
  Object.assign(summary, {
    created: run.created, updated: run.updated, unchanged: run.unchanged, withheld: run.withheld,
    relationshipsWritten: run.relationshipsWritten, relationshipsDeleted: run.relationshipsDeleted,
  });
  return { summary, run };
}

/** The key a run is resumed by: the batch size and every record's id and content hash, in order. */
export function runKey(records: readonly PublicationRecord[], batchSize: number): string {
  const hash = createHash('sha256').update(`batch ${batchSize}\n`);
  for (const r of records) hash.update(`${r.id} ${recordHash(r)}\n`);
  return hash.digest('hex');
}

/** Returns an ImportRun from its node's properties. */
export function toImportRun(row: Row): ImportRun {
  const names = (row.fileNames as string[] | undefined) ?? [];
  const hashes = (row.fileHashes as string[] | undefined) ?? [];
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    id: row.id as string, status: row.status as ImportRun['status'], atomic: row.atomic === true,
    files: names.map((name, i) => ({ name, sha256: hashes[i] ?? '' })),
    batchSize: n('batchSize'), total: n('total'), processed: n('processed'), batchesCommitted: n('batchesCommitted'), attempts: n('attempts'),
    startedAt: row.startedAt as string, updatedAt: row.updatedAt as string, finishedAt: (row.finishedAt as string | undefined) ?? null,
    created: n('created'), updated: n('updated'), unchanged: n('unchanged'), withheld: n('withheld'),
    relationshipsWritten: n('relationshipsWritten'), relationshipsDeleted: n('relationshipsDeleted'),
  };
}

/**
 * Returns the summary an import would have, reading the stored hashes and writing nothing: the
 * links it would create and remove are counted by dry-run-links.cypher over the changed records,
 * with merged authors' ids resolved as the import resolves them.
 */
async function dryRun(runner: Neo4jRunner, q: Statement, source: PublicationSource, reference: ReferenceData, options: ImportOptions): Promise<ImportSummary> {
  const stored = new Map<string, Stored>();
  for (const ids of chunks(source.ids, HASH_BATCH)) addStored(stored, await runner.read(q('publication-hashes'), { ids }));
  const records: PublicationRecord[] = [];
  let withheld = 0;
  for await (const batch of source.batches()) {
    for (const r of batch) {
      const known = stored.get(r.id);
      if (options.createOnly && known?.exists) throw new IdTakenError(r.id);
      if (!options.createOnly && known?.deleted) withheld++;
      else records.push(r);
    }
  }
  // Hashed as given, counted with merged authors' ids resolved, as ImportTransaction writes them.
  const [anyAlias] = await runner.read(q('any-author-alias'));
  const linked: PublicationRecord[] = [];
  const changed: PublicationRecord[] = [];
  for (const batch of chunks(records, BATCH)) {
    const ids = anyAlias?.any === true ? [...new Set(batch.flatMap((r) => r.authors.map((a) => a.id)))] : [];
    const aliases = new Map((ids.length ? await runner.read(q('author-aliases'), { ids }) : []).map((row) => [row.id as string, row.of as string]));
    for (const r of batch) {
      const resolved = withAuthorAliases(r, (id) => aliases.get(id));
      linked.push(resolved);
      if (stored.get(r.id)?.hash !== recordHash(r)) changed.push(resolved);
    }
  }
  const summary = summariseImport(linked, changed, hashOf(stored), withheld);
  const known = { countries: reference.countries.map((c) => c.id), regions: reference.regions.map((r) => r.id), themes: reference.themes.map((t) => t.id) };
  for (const batch of chunks(changed, BATCH)) {
    const [counted] = await runner.read(q('dry-run-links'), { rows: batch.map((r) => publicationRow(r, '')), ...known });
    summary.relationshipsWritten += (counted?.written as number) ?? 0;
    summary.relationshipsDeleted += (counted?.deleted as number) ?? 0;
  }
  return summary;
}

/** One import's write transaction: the statements it sends and what they report. */
class ImportTransaction {
  private readonly stored = new Map<string, Stored>();
  private readonly records: PublicationRecord[] = [];
  private readonly changed: PublicationRecord[] = [];
  /** Ids written by this transaction: a second record with one of them updates the node the first created. */
  private readonly written = new Set<string>();
  private readonly orphanCandidates = new Set<string>();
  private relationshipsWritten = 0;
  private relationshipsDeleted = 0;
  /** Records left out: their publication was deleted by a curator. */
  private withheld = 0;
  /** Who the change records are by. */
  private readonly by: string;
  /** Whether mergeAuthors ever made an alias: only then are each batch's authors looked up. */
  private aliases = false;
  /** The change record of each written record, in the records' order; an update's is filled in when its statement answers. */
  private readonly changes: (ChangeDraft | null)[] = [];

  constructor(
    private readonly tx: WriteTx, private readonly q: Statement, private readonly options: ImportOptions, private readonly total: number,
    private readonly feed: ChangeFeed, private readonly at: string,
  ) {
    this.by = options.actor?.by ?? IMPORT_ACTOR;
  }

  async run(ids: readonly string[], reference: ReferenceData, batches: AsyncIterable<readonly PublicationRecord[]>): Promise<ImportSummary> {
    // Sent at once, answered while the first batch is being prepared.
    const ready = Promise.all([
      writeReference(this.tx, this.q, reference),
      this.tx.run(this.q('any-author-alias')).then(([row]) => void (this.aliases = row?.any === true)),
      ...chunks(ids, HASH_BATCH).map((chunk) => this.tx.run(this.q('publication-hashes'), { ids: chunk }).then((rows) => addStored(this.stored, rows))),
    ]);
    ready.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    // At most two batches in flight: one executing, the next queued behind it on the connection,
    // while the third is being prepared.
    let inFlight: Promise<void> = ready.then(() => undefined);
    inFlight.catch(() => undefined);
    for await (const given of batches) {
      for (const batch of chunks(given, BATCH)) {
        await ready;
        const aliasOf = this.aliases ? await this.aliasesOf(batch) : NO_ALIASES;
        const sent = this.writeBatch(batch, aliasOf);
        sent.catch(() => undefined);
        await inFlight;
        inFlight = sent;
        this.options.onProgress?.(this.records.length, Math.max(this.total, this.records.length));
      }
    }
    await inFlight;
    if (this.orphanCandidates.size) await this.tx.run(this.q('delete-orphan-authors'), { ids: [...this.orphanCandidates] });
    // Last, so the change sequence's lock (which every curation write takes) is held only briefly.
    const summary = await this.appendChanges();
    const files = this.options.run?.files;
    if (files) {
      const key = runKey(this.records, this.records.length);
      await this.tx.run(this.q('import-run-record'), {
        id: `ImportRun:${this.at.replace(/[-:.]/g, '')}-${key.slice(0, 8)}`, key, fileNames: files.map((f) => f.name), fileHashes: files.map((f) => f.sha256),
        total: this.records.length + this.withheld, at: this.at, counts: summary,
      });
    }
    return summary;
  }

  /**
   * Writes one batch of a batched run as this whole transaction: its stored hashes and aliases,
   * its statements, its change records, and its counts into the run (import-run-batch, which
   * matches nothing when another process committed the batch first: then ConflictError rolls
   * this one back). Returns what the batch did, with its records as written (aliases resolved).
   */
  async runBatch(batch: readonly PublicationRecord[], runId: string, index: number): Promise<{ summary: ImportSummary; records: readonly PublicationRecord[] }> {
    await Promise.all([
      this.tx.run(this.q('any-author-alias')).then(([row]) => void (this.aliases = row?.any === true)),
      this.tx.run(this.q('publication-hashes'), { ids: batch.map((r) => r.id) }).then((rows) => addStored(this.stored, rows)),
    ]);
    await this.writeBatch(batch, this.aliases ? await this.aliasesOf(batch) : NO_ALIASES);
    const summary = await this.appendChanges();
    const { created, updated, unchanged, withheld, relationshipsWritten, relationshipsDeleted } = summary;
    const [counted] = await this.tx.run(this.q('import-run-batch'), {
      id: runId, batch: index, processed: batch.length, created, updated, unchanged, withheld, relationshipsWritten, relationshipsDeleted,
      orphans: [...this.orphanCandidates], at: new Date().toISOString(),
    });
    if (!counted?.n) throw new ConflictError(`import run ${runId}: batch ${index + 1} was committed by another process meanwhile; this one wrote nothing`);
    return { summary, records: this.records };
  }

  /** Appends the change records of what this transaction wrote, in order, and returns its summary. */
  private async appendChanges(): Promise<ImportSummary> {
    const drafts = this.changes.map((draft) => {
      if (!draft) throw new Error('invariant: an updated publication has no change record');
      return draft;
    });
    await this.feed.append(this.tx, drafts);
    const summary = summariseImport(this.records, this.changed, hashOf(this.stored), this.withheld);
    summary.relationshipsWritten = this.relationshipsWritten;
    summary.relationshipsDeleted = this.relationshipsDeleted;
    return summary;
  }

  /** Returns the aliases among a batch's author ids (one round trip), as a lookup. */
  private async aliasesOf(batch: readonly PublicationRecord[]): Promise<(id: string) => string | undefined> {
    const ids = [...new Set(batch.flatMap((r) => r.authors.map((a) => a.id)))];
    const rows = ids.length ? await this.tx.run(this.q('author-aliases'), { ids }) : [];
    const map = new Map(rows.map((row) => [row.id as string, row.of as string]));
    return (id) => map.get(id);
  }

  /**
   * Sends every statement of one batch at once (Bolt pipelines them) and resolves when all are
   * answered. Records are hashed as given and written with merged authors' ids resolved (`aliasOf`).
   */
  private writeBatch(batch: readonly PublicationRecord[], aliasOf: (id: string) => string | undefined): Promise<void> {
    const changed: PublicationRecord[] = [];
    const fresh: Record<string, unknown>[] = [];
    const rewrite: Record<string, unknown>[] = [];
    const existing: string[] = [];
    // Per id, the change slots of its rewrites in this batch, filled from update-publications' answer.
    const updates = new Map<string, number[]>();
    const undelete: string[] = [];
    const createOnly = this.options.createOnly === true;
    for (let r of batch) {
      const stored = this.stored.get(r.id);
      // Thrown inside the transaction, which then rolls back everything it wrote.
      if (createOnly && (stored?.exists || this.written.has(r.id))) throw new IdTakenError(r.id);
      if (stored?.deleted) {
        if (!createOnly) {
          this.withheld++;
          continue;
        }
        undelete.push(r.id);
      }
      const hash = recordHash(r);
      r = withAuthorAliases(r, aliasOf);
      this.records.push(r);
      if (stored?.hash === hash) continue;
      changed.push(r);
      if (stored?.exists || this.written.has(r.id)) {
        rewrite.push(publicationRow(r, hash));
        updates.set(r.id, [...(updates.get(r.id) ?? []), this.changes.length]);
        this.changes.push(null);
      } else {
        fresh.push(publicationRow(r, hash));
        this.changes.push({ at: this.at, by: this.by, operation: createOnly ? 'CREATE_PUBLICATION' : 'IMPORT_CREATE', ids: [r.id], before: null, after: { title: r.title, year: r.year } });
      }
      if (stored?.hash) existing.push(r.id);
      this.written.add(r.id);
    }
    this.changed.push(...changed);
    const statements: Promise<unknown>[] = [];
    if (undelete.length) statements.push(this.tx.run(this.q('undelete-publications'), { ids: undelete }));
    // Old links go first; the statements of a transaction run in the order they are sent.
    if (existing.length) {
      statements.push(this.tx.run(this.q('clear-publication-links'), { ids: existing }).then(([cleared]) => {
        this.relationshipsDeleted += (cleared?.deleted as number) ?? 0;
        for (const id of (cleared?.authorIds as string[]) ?? []) this.orphanCandidates.add(id);
      }));
    }
    // The first spelling of an author wins, in a batch as across batches (ON CREATE SET).
    const authors = new Map<string, string>();
    for (const r of changed) for (const a of r.authors) if (!authors.has(a.id)) authors.set(a.id, a.name);
    if (authors.size) {
      statements.push(this.tx.run(this.q('upsert-authors'), { rows: [...authors].map(([id, name]) => ({ id, name, searchKey: searchKey(name) })) }));
    }
    for (const [name, rows] of [['create-publications', fresh], ['update-publications', rewrite]] as const) {
      if (!rows.length) continue;
      statements.push(this.tx.run(this.q(name), { rows, by: this.by, at: this.at }).then(([row]) => {
        this.relationshipsWritten += (row?.n as number) ?? 0;
        for (const w of (row?.written as Written[] | undefined) ?? []) {
          const slot = updates.get(w.id)?.shift();
          if (slot !== undefined) this.changes[slot] = importUpdate(w, this.at, this.by);
        }
      }));
    }
    return Promise.all(statements).then(() => undefined);
  }
}

const NO_ALIASES = (): undefined => undefined;

/** A rewritten publication's fields before and after, as update-publications returns them. */
interface Written {
  readonly id: string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/** The fields an IMPORT_UPDATE reports, in the order it lists them. */
const REPORTED_FIELDS = ['title', 'abstract', 'year'] as const;

/** Returns the IMPORT_UPDATE record of a rewrite: the reported fields whose stored value changed ({} and {} when none did). */
function importUpdate(w: Written, at: string, by: string): ChangeDraft {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of REPORTED_FIELDS) {
    const [was, is] = [w.before[field] ?? null, w.after[field] ?? null];
    if (was === is) continue;
    before[field] = was;
    after[field] = is;
  }
  return { at, by, operation: 'IMPORT_UPDATE', ids: [w.id], before, after };
}

/** Returns the parameter row of one publication: its properties and its links, each listed once (the bulk files write the same rows). */
export function publicationRow(r: PublicationRecord, contentHash: string): Record<string, unknown> {
  return {
    id: r.id, title: r.title, abstract: r.abstract, year: r.year, scope: r.scope, sourceCategory: r.sourceCategory, language: r.language,
    contentHash, searchKey: searchKey(r.title),
    authors: firstById(r.authors).map(({ item, index }) => [item.id, index]),
    // A link listed twice is one relationship, as the contract's "publications" counts assume.
    countries: [...new Set(r.coversCountries)],
    regions: [...new Set(r.coversRegions)],
    mentions: [...new Set(r.mentions)],
    themes: firstById(r.themes).map(({ item }) => [item.id, item.score, [...item.evidence]]),
  };
}

/** Writes the reference data whole and moves the graph version, so that other processes drop their copies of it (reference-cache.ts). */
async function writeReference(tx: WriteTx, q: Statement, ref: ReferenceData): Promise<void> {
  await Promise.all([
    tx.run(q('upsert-regions'), { rows: ref.regions.map(({ id, name, m49, level }) => ({ id, name, m49, level, searchKey: searchKey(name) })) }),
    tx.run(q('upsert-countries'), { rows: ref.countries.map(({ id, iso2, iso3, m49, name }) => ({ id, iso2, iso3, m49, name, nameKey: nameKey(name), searchKey: searchKey(name) })) }),
    tx.run(q('upsert-themes'), { rows: ref.themes.map(({ id, slug, name, description }) => ({ id, slug, name, description, searchKey: searchKey(name) })) }),
    tx.run(q('link-region-parents'), { rows: ref.regionParents.map(([child, parent]) => ({ child, parent })) }),
    tx.run(q('link-country-regions'), { rows: ref.countryRegions.map(([country, region]) => ({ country, region })) }),
    tx.run(q('link-theme-broader'), { rows: ref.themeBroader.map(([narrower, broader]) => ({ narrower, broader })) }),
    // Sent last: every import takes this lock after its theme and place locks, so two take them in one order.
    tx.run(q('bump-graph-version'), { id: 'reference' }),
  ]);
}

function addStored(stored: Map<string, Stored>, rows: readonly Row[]): void {
  for (const row of rows) stored.set(row.id as string, { exists: row.exists === true, hash: (row.hash as string | null) ?? null, deleted: row.deleted === true });
}

function hashOf(stored: ReadonlyMap<string, Stored>): Map<string, string | null> {
  return new Map([...stored].map(([id, s]) => [id, s.hash]));
}

/** Returns each item with its position, keeping only the first item of every id. */
function firstById<T extends { id: string }>(items: readonly T[]): { item: T; index: number }[] {
  const seen = new Set<string>();
  return items.map((item, index) => ({ item, index })).filter(({ item }) => !seen.has(item.id) && !!seen.add(item.id));
}

/**
 * Returns a function that iterates `source` from the start each time it is called: what was read
 * is kept and replayed, the rest is read on demand (once, however many replays ask for it).
 */
function replayable<T>(source: AsyncIterable<T>): () => AsyncIterable<T> {
  const seen: T[] = [];
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  return async function* replay() {
    for (let i = 0; ; i++) {
      if (i === seen.length) {
        if (finished) return;
        const next = await iterator.next();
        if (next.done) {
          finished = true;
          return;
        }
        seen.push(next.value);
      }
      yield seen[i];
    }
  };
}

/** Returns the items in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
