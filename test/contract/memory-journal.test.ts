import fs from 'node:fs';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { IMPORT_ACTOR, type ChangeRecord } from '../../src/domain/curation.types';
import { ConfigurationError, NotFoundError, ResourceLimitError, VersionConflictError } from '../../src/domain/errors';
import type { ReferenceData } from '../../src/domain/import.types';
import type { Publication } from '../../src/domain/node.types';
import { prepareImport, type PreparedImport } from '../../src/ingest/prepare-import';
import { JOURNAL_FILE } from '../../src/store/memory/memory.journal';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, P } from './contract.fixture';

const root = mkdtempSync(join(tmpdir(), 'kg-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
/** A data directory that does not exist yet: the first write has to create it. */
const freshDir = () => join(root, `data-${++dirs}`);

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
const curator = (minute: number) => ({ by: 'curator-1', at: at(minute) });

let prepared: PreparedImport;
beforeAll(() => {
  prepared = prepareImport([seedListingPath(), EXTRA].map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  if (prepared.problems.length) throw new Error(`fixture problems: ${JSON.stringify(prepared.problems)}`);
});

/** A store on `dir` loaded with the seed, as `kg serve` loads it, before its journal is replayed. */
async function loaded(dir: string | null, options: { journalMaxBytes?: number; reference?: ReferenceData } = {}): Promise<MemoryStore> {
  const store = new MemoryStore({ dataDir: dir, journalMaxBytes: options.journalMaxBytes });
  await store.importPublications(prepared.records, options.reference ?? prepared.reference);
  return store;
}

/** A logger that keeps what it is told. */
function recordingLog() {
  const warnings: { details: Record<string, unknown>; message: string }[] = [];
  return { warnings, warn: (details: object, message: string) => void warnings.push({ details: details as Record<string, unknown>, message }) };
}

/** A store restarted on `dir`: loaded with the seed, then its journal replayed. */
async function restarted(dir: string, options: { reference?: ReferenceData } = {}) {
  const log = recordingLog();
  const store = await loaded(dir, options);
  const replay = await store.replayJournal(log);
  return { store, replay, warnings: log.warnings };
}

const journalOf = (dir: string) => join(dir, JOURNAL_FILE);
const linesOf = (dir: string) => readFileSync(journalOf(dir), 'utf8').split('\n').filter(Boolean);

async function publication(store: MemoryStore, id: string): Promise<Publication> {
  const [node] = await store.getNodes([id]);
  if (node?.type !== 'Publication') throw new Error(`${id} is not a publication`);
  return node;
}

async function themeIds(store: MemoryStore, id: string): Promise<string[]> {
  return ((await store.themesOf([id])).get(id) ?? []).map((l) => l.theme.id);
}

async function allChanges(store: MemoryStore): Promise<ChangeRecord[]> {
  return (await store.changes({ after: null, first: 100, types: [] })).items as ChangeRecord[];
}

/** What the API would show of the curated graph: every publication, its themes with provenance, and the change feed. */
async function observable(store: MemoryStore) {
  const ids = Object.values(P);
  // Each load's import records carry the time of that load.
  const loadTime = (c: ChangeRecord) => (c.by === IMPORT_ACTOR ? { ...c, at: 'load' } : c);
  return {
    nodes: await store.getNodes(ids),
    themes: [...(await store.themesOf(ids))].map(([id, links]) => [id, links.map((l) => (l.by === IMPORT_ACTOR ? { ...l, at: 'load' } : l))]),
    changes: (await allChanges(store)).map(loadTime),
    history: [...(await store.historyOf(ids, 100))].map(([id, records]) => [id, records.map(loadTime)]),
    search: await store.search('Bangladesh trafficking', [], 20),
  };
}

/** Two themes of the iom publication: one the tagger linked (to reject) and one it did not (to confirm). */
async function iomThemes(store: MemoryStore): Promise<{ linked: string; unlinked: string }> {
  const linked = await themeIds(store, P.iom);
  const unlinked = (await store.listThemes()).map((t) => t.id).find((t) => !linked.includes(t))!;
  return { linked: linked[0]!, unlinked };
}

describe('the embedded store\'s curation journal', () => {
  it('keeps acknowledged writes across a restart: a second store on the directory replays them and answers the same', async () => {
    const dir = freshDir();
    const first = await loaded(dir);
    expect(await first.replayJournal()).toEqual({ replayed: 0, skipped: 0 });
    expect(existsSync(dir)).toBe(false);
    const { linked, unlinked } = await iomThemes(first);

    await first.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: 'not about this' });
    await first.setPublicationTheme({ ...curator(2), publicationId: P.iom, themeId: unlinked, decision: 'CONFIRMED', note: null });
    const version = (await publication(first, P.iom)).version;
    await first.updatePublication({ ...curator(3), id: P.iom, edit: { title: 'IOM case data, curated', year: 2020 }, expectedVersion: version });
    await first.setPublicationTheme({ ...curator(4), publicationId: P.gangs, themeId: unlinked, decision: 'CONFIRMED', note: 'n' });
    await first.clearPublicationTheme({ ...curator(5), publicationId: P.gangs, themeId: unlinked });
    // Refused and no-op writes leave no line.
    await expect(first.setPublicationTheme({ ...curator(6), publicationId: 'Publication:nope', themeId: linked, decision: 'REJECTED', note: null })).rejects.toThrow(NotFoundError);
    await expect(first.setPublicationTheme({ ...curator(6), publicationId: P.iom, themeId: 'Theme:nope', decision: 'REJECTED', note: null })).rejects.toThrow(NotFoundError);
    await expect(first.updatePublication({ ...curator(6), id: P.iom, edit: { title: 'stale' }, expectedVersion: version })).rejects.toThrow(VersionConflictError);
    expect((await first.clearPublicationTheme({ ...curator(6), publicationId: P.gangs, themeId: unlinked })).change).toBeNull();
    expect((await first.updatePublication({ ...curator(6), id: P.iom, edit: { year: 2020 }, expectedVersion: version + 1 })).change).toBeNull();

    const lines = linesOf(dir);
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => JSON.parse(l).op)).toEqual(['setPublicationTheme', 'setPublicationTheme', 'updatePublication', 'setPublicationTheme', 'clearPublicationTheme']);
    expect(JSON.parse(lines[2]!)).toEqual({
      v: 1, op: 'updatePublication', crc32: expect.stringMatching(/^[0-9a-f]{8}$/),
      input: { by: 'curator-1', at: at(3), id: P.iom, edit: { title: 'IOM case data, curated', year: 2020 }, expectedVersion: version },
    });
    expect(statSync(journalOf(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const second = await restarted(dir);
    expect(second.replay).toEqual({ replayed: 5, skipped: 0 });
    expect(second.warnings).toEqual([]);
    expect(await themeIds(second.store, P.iom)).not.toContain(linked);
    expect(await themeIds(second.store, P.iom)).toContain(unlinked);
    expect(await publication(second.store, P.iom)).toMatchObject({ title: 'IOM case data, curated', year: 2020, version: version + 1 });
    expect((await allChanges(second.store)).slice(-5).map((c) => [c.operation, c.by, c.at])).toEqual([
      ['SET_THEME', 'curator-1', at(1)], ['SET_THEME', 'curator-1', at(2)], ['UPDATE_PUBLICATION', 'curator-1', at(3)], ['SET_THEME', 'curator-1', at(4)], ['CLEAR_THEME', 'curator-1', at(5)],
    ]);
    expect(await observable(second.store)).toEqual(await observable(first));
    // Replaying wrote nothing; the replayed store's own writes append after the others.
    expect(linesOf(dir)).toEqual(lines);
    await second.store.updatePublication({ ...curator(7), id: P.iom, edit: { abstract: 'Curated abstract.' }, expectedVersion: version + 1 });
    await first.close();
    await second.store.close();

    const third = await restarted(dir);
    expect(third.replay).toEqual({ replayed: 6, skipped: 0 });
    expect(await publication(third.store, P.iom)).toMatchObject({ title: 'IOM case data, curated', abstract: 'Curated abstract.', version: version + 2 });
  });

  it('keeps imports, creations and deletions through the API across a restart, and not the files\' own load', async () => {
    const dir = freshDir();
    const first = await loaded(dir);
    await first.replayJournal();
    expect(existsSync(journalOf(dir))).toBe(false); // the load before the replay is the files', not a write
    const entry = prepareImport([{ file: 'input', text: readFileSync(EXTRA, 'utf8').replace('Guatemala', 'Guatemala and Honduras') }]).records;
    const created = { ...entry[0]!, id: 'Publication:created-through-the-api', title: 'Created through the API' };
    await first.importPublications([created], prepared.reference, { createOnly: true, actor: curator(1) });
    const deleted = await publication(first, P.girl);
    await first.deletePublication({ ...curator(2), id: P.girl, expectedVersion: deleted.version! });
    const summary = await first.importPublications(entry, prepared.reference, { actor: curator(3) });
    expect(summary.updated + summary.created).toBeGreaterThan(0);
    // An import that changes nothing, or a refused creation, leaves no line.
    await first.importPublications(entry, prepared.reference, { actor: curator(4) });
    await expect(first.importPublications([created], prepared.reference, { createOnly: true, actor: curator(5) })).rejects.toThrow(/exists already/);
    expect(linesOf(dir).map((l) => JSON.parse(l).op)).toEqual(['importPublications', 'deletePublication', 'importPublications']);

    const second = await restarted(dir);
    expect(second.replay).toEqual({ replayed: 3, skipped: 0 });
    expect(await second.store.getNodes([P.girl])).toEqual([null]);
    expect(await publication(second.store, created.id)).toMatchObject({ title: 'Created through the API', version: 1 });
    expect(await observable(second.store)).toEqual(await observable(first));
    expect((await allChanges(second.store)).slice(-3).map((c) => [c.operation, c.by, c.at])).toEqual((await allChanges(first)).slice(-3).map((c) => [c.operation, c.by, c.at]));
    // Re-loading the files after the restart still leaves the deleted publication out.
    expect((await second.store.importPublications(prepared.records, prepared.reference)).withheld).toBe(1);
    await first.close();
    await second.store.close();
  });

  it('replays a creation journaled before languages were as a publication in `und`', async () => {
    const dir = freshDir();
    const first = await loaded(dir);
    await first.replayJournal();
    const entry = prepareImport([{ file: 'input', text: readFileSync(EXTRA, 'utf8') }]).records[0]!;
    const created = { ...entry, id: 'Publication:created-before-languages', title: 'Created before languages' };
    await first.importPublications([created], prepared.reference, { createOnly: true, actor: curator(1) });
    expect((await publication(first, created.id)).language).toBe(created.language);
    await first.close();
    // The line as an older kg wrote it: the same record, without a language.
    const [line] = linesOf(dir);
    const older = resealed(line!.replace(`"language":"${created.language}",`, ''));
    expect(older).not.toContain('"language"');
    writeFileSync(journalOf(dir), `${older}\n`);
    const second = await restarted(dir);
    expect(second.replay).toEqual({ replayed: 1, skipped: 0 });
    expect((await publication(second.store, created.id)).language).toBe('und');
    const und = await second.store.findPublications({ languages: ['und'] }, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
    expect(und.items.map((i) => i.node.id)).toContain(created.id);
    expect((await second.store.facets({ languages: ['und'] }, 10, ['languages'])).languages).toEqual([{ language: 'und', count: und.totalCount }]);
    await second.store.close();
  });

  it('re-applies an update whatever its expectedVersion, and skips a write whose theme the files no longer hold, naming file:line', async () => {
    const dir = freshDir();
    const extraTheme = { type: 'Theme' as const, id: 'Theme:journal-extra', slug: 'journal-extra', name: 'Journal extra', description: 'only in the first load' };
    const wider = { ...prepared.reference, themes: [...prepared.reference.themes, extraTheme] };
    const first = await loaded(dir, { reference: wider });
    await first.replayJournal();
    await first.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: extraTheme.id, decision: 'CONFIRMED', note: null });
    await first.updatePublication({ ...curator(2), id: P.iom, edit: { title: 'Edited after the extra theme' }, expectedVersion: 2 });

    const second = await restarted(dir);
    expect(second.replay).toEqual({ replayed: 1, skipped: 1 });
    expect(second.warnings).toEqual([{
      details: { journal: journalOf(dir), line: 1, op: 'setPublicationTheme' },
      message: expect.stringMatching(new RegExp(`^${escape(journalOf(dir))}:1: skipped setPublicationTheme: theme: no theme has the id "Theme:journal-extra"`)),
    }]);
    // Acknowledged at version 2; after the restart it is re-counted from the write that was skipped.
    expect(await publication(second.store, P.iom)).toMatchObject({ title: 'Edited after the extra theme', version: 2 });
    expect(linesOf(dir)).toHaveLength(2);
  });

  it('skips a torn last record, warns naming file:line, truncates it, and appends the next write cleanly', async () => {
    const dir = freshDir();
    const first = await loaded(dir);
    await first.replayJournal();
    const { linked, unlinked } = await iomThemes(first);
    await first.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: null });
    await first.setPublicationTheme({ ...curator(2), publicationId: P.iom, themeId: unlinked, decision: 'CONFIRMED', note: null });
    const good = readFileSync(journalOf(dir));
    // Half a line, as a process killed mid-write leaves it.
    const half = linesOf(dir)[1]!.slice(0, 60);
    appendFileSync(journalOf(dir), half);

    const second = await restarted(dir);
    expect(second.replay).toEqual({ replayed: 2, skipped: 0 });
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]!.details).toEqual({ journal: journalOf(dir), line: 3, bytes: 60 });
    expect(second.warnings[0]!.message).toContain(`${journalOf(dir)}:3: skipped a torn last record (it has no trailing newline)`);
    expect(readFileSync(journalOf(dir))).toEqual(good);
    expect(await themeIds(second.store, P.iom)).toEqual(expect.arrayContaining([unlinked]));
    expect(await themeIds(second.store, P.iom)).not.toContain(linked);

    await second.store.clearPublicationTheme({ ...curator(3), publicationId: P.iom, themeId: linked });
    const lines = linesOf(dir);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toMatchObject({ v: 1, op: 'clearPublicationTheme', input: { publicationId: P.iom, themeId: linked } });
    expect(readFileSync(journalOf(dir), 'utf8').endsWith('\n')).toBe(true);

    // A last line that is whole but damaged (a bad checksum) is torn too.
    writeFileSync(journalOf(dir), readFileSync(journalOf(dir), 'utf8').replace(/"themeId":"Theme:([^"]+)"\},"crc32"(?![\s\S]*crc32)/, '"themeId":"Theme:$1x"},"crc32"'));
    const third = await restarted(dir);
    expect(third.replay).toEqual({ replayed: 2, skipped: 0 });
    expect(third.warnings.map((w) => w.message)).toEqual([expect.stringContaining(`${journalOf(dir)}:3: skipped a torn last record (its checksum or JSON is bad)`)]);
    expect(linesOf(dir)).toEqual(lines.slice(0, 2));
    // The damaged clear was never replayed: the rejection stands.
    expect(await themeIds(third.store, P.iom)).not.toContain(linked);
    const fourth = await restarted(dir);
    expect(fourth.warnings).toEqual([]);
  });

  it('stops with ConfigurationError naming journal.ndjson:<line> when a record before the last is damaged, changing nothing', async () => {
    const dir = freshDir();
    const first = await loaded(dir);
    await first.replayJournal();
    const { linked, unlinked } = await iomThemes(first);
    await first.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: 'first' });
    await first.setPublicationTheme({ ...curator(2), publicationId: P.iom, themeId: unlinked, decision: 'CONFIRMED', note: 'second' });
    await first.setPublicationTheme({ ...curator(3), publicationId: P.gangs, themeId: unlinked, decision: 'CONFIRMED', note: 'third' });
    const damaged = readFileSync(journalOf(dir), 'utf8').replace('"note":"second"', '"note":"sec0nd"');
    writeFileSync(journalOf(dir), damaged);

    const store = await loaded(dir);
    const replay = store.replayJournal(recordingLog());
    await expect(replay).rejects.toThrow(ConfigurationError);
    await expect(replay).rejects.toThrow(new RegExp(`${escape(JOURNAL_FILE)}:2: damaged record`));
    expect(readFileSync(journalOf(dir), 'utf8')).toBe(damaged);
    // A record that is sound but of an unknown format stops it too, even as the last line.
    const later = freshDir();
    fs.mkdirSync(later, { recursive: true });
    writeFileSync(journalOf(later), resealed(linesOf(dir)[0]!.replace('"v":1', '"v":2')) + '\n');
    await expect((await loaded(later)).replayJournal()).rejects.toThrow(new RegExp(`${escape(JOURNAL_FILE)}:1: record format 2 is not 1`));
  });

  it('refuses a write that would pass the journal\'s bound with ResourceLimitError, and applies and writes nothing', async () => {
    const dir = freshDir();
    const probe = await loaded(dir);
    await probe.replayJournal();
    const { linked, unlinked } = await iomThemes(probe);
    await probe.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: null });
    const oneLine = statSync(journalOf(dir)).size;
    await probe.close();

    const store = await loaded(dir, { journalMaxBytes: oneLine + 20 });
    await store.replayJournal();
    const before = await observable(store);
    const write = store.setPublicationTheme({ ...curator(2), publicationId: P.iom, themeId: unlinked, decision: 'CONFIRMED', note: null });
    await expect(write).rejects.toThrow(ResourceLimitError);
    const message = ((await write.catch((err: Error) => err)) as Error).message;
    expect(message).toContain(`the curation journal ${journalOf(dir)} is full`);
    expect(message).toMatch(/Move to Neo4j \(`kg import` .*NEO4J_URI\) or raise KG_JOURNAL_MAX_BYTES/);
    expect(statSync(journalOf(dir)).size).toBe(oneLine);
    expect(await observable(store)).toEqual(before);
  });

  it('has the write on disk (fsync) before the store applies it', async () => {
    const dir = freshDir();
    const store = await loaded(dir);
    await store.replayJournal();
    const { unlinked } = await iomThemes(store);
    const versionAtSync: (number | undefined)[] = [];
    const real = fs.fsyncSync;
    const spy = jest.spyOn(fs, 'fsyncSync').mockImplementation((fd) => {
      versionAtSync.push((store.graph.getNodeAttributes(P.iom) as Publication).version);
      real(fd);
    });
    try {
      const version = (await publication(store, P.iom)).version;
      await store.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: unlinked, decision: 'CONFIRMED', note: null });
      // The directory entry of the new file, then the line: both before the version moved.
      expect(versionAtSync.length).toBeGreaterThanOrEqual(2);
      expect(new Set(versionAtSync)).toEqual(new Set([version]));
      expect((await publication(store, P.iom)).version).toBe(version + 1);
      const calls = spy.mock.calls.length;
      await store.updatePublication({ ...curator(2), id: P.iom, edit: { year: 1999 }, expectedVersion: version + 1 });
      expect(spy.mock.calls.length).toBe(calls + 1);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps no journal without a data directory, and will not write over a journal it has not replayed', async () => {
    const plain = await loaded(null);
    expect(plain.journalPath).toBeNull();
    expect(await plain.replayJournal()).toEqual({ replayed: 0, skipped: 0 });
    const { linked } = await iomThemes(plain);
    await plain.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: null });

    const dir = freshDir();
    const first = await loaded(dir);
    await first.replayJournal();
    await first.setPublicationTheme({ ...curator(1), publicationId: P.iom, themeId: linked, decision: 'REJECTED', note: null });
    const careless = await loaded(dir);
    await expect(careless.setPublicationTheme({ ...curator(2), publicationId: P.gangs, themeId: linked, decision: 'REJECTED', note: null })).rejects.toThrow(/call replayJournal\(\) before the first write/);
    expect(linesOf(dir)).toHaveLength(1);
  });

  it('journals each of 200 writes, and says what a journal append adds to one write', async () => {
    const dir = freshDir();
    const journaled = await loaded(dir);
    await journaled.replayJournal();
    const plain = await loaded(null);
    const { unlinked } = await iomThemes(plain);
    const times = { journaled: [] as number[], plain: [] as number[] };
    for (let i = 0; i < 200; i++) {
      const input = { ...curator(i % 60), publicationId: P.iom, themeId: unlinked, decision: i % 2 ? 'REJECTED' as const : 'CONFIRMED' as const, note: `write ${i}` };
      for (const [name, store] of [['plain', plain], ['journaled', journaled]] as const) {
        const started = performance.now();
        await store.setPublicationTheme(input);
        times[name].push(performance.now() - started);
      }
    }
    expect(linesOf(dir)).toHaveLength(200);
    expect(JSON.parse(linesOf(dir)[199]!).input.note).toBe('write 199');
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    process.stdout.write(`[journal] median write: ${median(times.plain).toFixed(3)} ms without the journal, ${median(times.journaled).toFixed(3)} ms with it (+${(median(times.journaled) - median(times.plain)).toFixed(3)} ms per append and fsync)\n`);
  });
});

/** Returns a journal line with its checksum recomputed, as the documented format defines it (CRC-32 of every byte before `,"crc32"`). */
function resealed(line: string): string {
  const head = line.slice(0, line.lastIndexOf(',"crc32":"'));
  return `${head},"crc32":"${(crc32(head) >>> 0).toString(16).padStart(8, '0')}"}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
