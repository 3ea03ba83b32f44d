import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_ACTOR, type ChangeRecord } from '../../src/domain/curation.types';
import { IdTakenError, NotFoundError, VersionConflictError } from '../../src/domain/errors';
import type { PublicationRecord } from '../../src/domain/import.types';
import { prepareEntry, taggingWith } from '../../src/ingest/prepare-entry';
import { themesOfPublication } from '../../src/ingest/entry.resolver';
import { prepareImport, referenceData } from '../../src/ingest/prepare-import';
import type { Publication } from '../../src/domain/node.types';
import type { GraphStore } from '../../src/store/store';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, P } from './contract.fixture';
import type { ContractStore } from './store.contract';

const CURATOR = { by: 'curator-1', at: '2026-12-01T10:00:00.000Z' };
/** A curator's new publication, checked and tagged by the importer (as createPublication does). */
function newRecord(title = 'Child marriage after the floods in Sindh', authors = ['Ana Torres', 'Curator Newauthor']): PublicationRecord {
  const { record, problems } = prepareEntry({
    location: { file: 'input', line: 1 }, fieldLines: {},
    title, abstract: 'A made-up study of child marriage and trafficking after the 2022 floods.',
    countries: ['Pakistan'], regions: [], authors, year: '2023', categories: [], pageCategory: null,
  });
  if (!record) throw new Error(`the new entry is invalid: ${JSON.stringify(problems)}`);
  return record;
}

const later = (minutes: number) => ({ by: 'curator-1', at: new Date(Date.parse(CURATOR.at) + minutes * 60_000).toISOString() });

/** The records the importer makes of files, as `kg import` would write them. */
async function recordsOf(files: readonly string[]): Promise<PublicationRecord[]> {
  return prepareImport(files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))).records;
}

async function publication(store: GraphStore, id: string): Promise<Publication> {
  const [node] = await store.getNodes([id]);
  if (!node || node.type !== 'Publication') throw new Error(`${id} is not a publication`);
  return node;
}

async function themeIds(store: GraphStore, id: string): Promise<string[]> {
  return ((await store.themesOf([id])).get(id) ?? []).map((l) => l.theme.id);
}

async function allChanges(store: GraphStore): Promise<ChangeRecord[]> {
  const out: ChangeRecord[] = [];
  let after: number | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await store.changes({ after, first: 100, types: [] });
    out.push(...page.items);
    if (!page.hasNextPage) return out;
    after = page.items[page.items.length - 1]!.seq;
  }
  throw new Error('the change feed did not end');
}

/**
 * The graph version the store vouches for, waiting (at most 5 s) while it vouches for none: the
 * embedded store always knows it, the Neo4j adapter once its background read has seen the graph.
 */
async function vouchedVersion(store: GraphStore, unlike?: string): Promise<string> {
  const until = Date.now() + 5000;
  for (;;) {
    const version = store.graphVersion();
    if (version !== null && version !== unlike) return version;
    if (Date.now() > until) throw new Error(`no graph version other than ${unlike ?? 'none'} within 5 s (last: ${version})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Every read where a publication–theme link shows, for one pair: whether the publication is seen
 * with the theme, and the counts the link adds to (compared before and after a decision).
 */
async function linkState(store: GraphStore, pub: string, theme: string) {
  const author = ((await store.authorsOf([pub])).get(pub) ?? [])[0]!.id;
  const found = await store.findPublications({ themes: [theme] }, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
  const facets = await store.facets({}, 100);
  const matrix = await store.themeMatrix([theme], null, 'REGION', {});
  const graph = await store.themeGraph({}, 1);
  const paths = await store.paths(pub, theme, { maxHops: 1, first: 5, via: [] });
  const around = await store.neighborhood([theme], { depth: 1, limit: 500, types: [] });
  return {
    themesOf: (await themeIds(store, pub)).includes(theme),
    publicationsOf: ((await store.publicationsOf([theme], 100)).get(theme)?.items ?? []).some((p) => p.id === pub),
    findPublications: found.items.some((i) => i.node.id === pub),
    paths: paths.length > 0,
    neighborhood: around.nodes.some((n) => n.node.id === pub),
    counts: {
      found: found.totalCount,
      facets: facets.themes.find((c) => c.node.id === theme)?.count ?? 0,
      authorThemes: ((await store.themeCountsOf([author])).get(author) ?? []).find((c) => c.node.id === theme)?.count ?? 0,
      themeGraph: graph.nodes.find((n) => n.node.id === theme)?.count ?? 0,
      matrix: matrix.rowTotals[0] ?? 0,
    },
  };
}

type LinkState = Awaited<ReturnType<typeof linkState>>;

/** What a pair's reads look like once the link is gone (`delta` −1) or added (+1), from `base`. */
function expectedState(base: LinkState, seen: boolean, delta: number): LinkState {
  return {
    themesOf: seen, publicationsOf: seen, findPublications: seen, paths: seen, neighborhood: seen,
    counts: {
      found: base.counts.found + delta, facets: base.counts.facets + delta, authorThemes: base.counts.authorThemes + delta,
      themeGraph: base.counts.themeGraph + delta, matrix: base.counts.matrix + delta,
    },
  };
}

/**
 * The write contract: curation writes, provenance, versions, re-import after curation and the
 * change feed, asserted only through the port, on the seed page plus contract-extra.txt.
 */
export function describeCurationContract(name: string, makeStore: () => Promise<ContractStore>): void {
  describe(`GraphStore curation contract: ${name}`, () => {
    let target: ContractStore;
    let store: GraphStore;
    let dir: string;
    let firstSeq: number;
    let linked: LinkState;
    beforeAll(async () => {
      target = await makeStore();
      store = target.store;
      await target.reset();
      await target.load([seedListingPath(), EXTRA]);
      dir = mkdtempSync(join(tmpdir(), 'kg-curation-'));
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store?.close();
    });

    it('imports publications at version 1, each with an IMPORT_CREATE change', async () => {
      const pub = await publication(store, P.gangs);
      expect(pub.version).toBe(1);
      const page = await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
      expect(page.items.map((i) => i.node.version)).toEqual(page.items.map(() => 1));
      const changes = await allChanges(store);
      expect(changes).toHaveLength(14);
      firstSeq = changes[0]!.seq;
      expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => firstSeq + i));
      expect(new Set(changes.map((c) => c.ids[0]))).toEqual(new Set(Object.values(P)));
      const gangs = changes.find((c) => c.ids[0] === P.gangs)!;
      expect(gangs).toMatchObject({ by: IMPORT_ACTOR, operation: 'IMPORT_CREATE', ids: [P.gangs], before: null, after: { title: pub.title, year: 2018 } });
      expect(Date.parse(gangs.at)).toBeGreaterThan(Date.now() - 600_000);
      expect(new Set(changes.map((c) => c.at)).size).toBe(1);
    });

    it('gives every link its provenance: TAGGER from the text, CATEGORY from the source category', async () => {
      const links = (await store.themesOf([P.gangs, P.ms13])).get(P.gangs)!;
      expect(links.length).toBeGreaterThan(0);
      const imported = (await allChanges(store)).find((c) => c.ids[0] === P.gangs)!;
      for (const l of links) {
        expect(l.curator).toBeNull();
        expect(l.source).toBe(l.evidence.every((e) => e.startsWith('category: ')) ? 'CATEGORY' : 'TAGGER');
        // Written by the import, at its time (the IMPORT_CREATE's).
        expect({ by: l.by, at: l.at }).toEqual({ by: IMPORT_ACTOR, at: imported.at });
      }
      const ms13 = (await store.themesOf([P.ms13])).get(P.ms13)!;
      const fromCategory = ms13.find((l) => l.evidence.every((e) => e.startsWith('category: ')));
      if (fromCategory) expect(fromCategory.source).toBe('CATEGORY');
    });

    it('REJECTED hides a link from every read; the decision and the tagger\'s judgement are kept', async () => {
      const before = (await store.themesOf([P.gangs])).get(P.gangs)!.find((l) => l.theme.id === 'Theme:gangs')!;
      expect(before).toBeDefined();
      linked = await linkState(store, P.gangs, 'Theme:gangs');
      expect(linked).toMatchObject({ themesOf: true, publicationsOf: true, findPublications: true, paths: true, neighborhood: true });
      const result = await store.setPublicationTheme({ ...CURATOR, publicationId: P.gangs, themeId: 'Theme:gangs', decision: 'REJECTED', note: 'about recruitment, not gangs as such' });
      expect(result.publication).toMatchObject({ id: P.gangs, version: 2 });
      expect(result.change).toEqual({
        seq: firstSeq + 14, ...CURATOR, operation: 'SET_THEME', ids: [P.gangs, 'Theme:gangs'],
        before: { decision: null, about: true }, after: { decision: 'REJECTED', about: false, note: 'about recruitment, not gangs as such' },
      });
      // P.gangs covers one region of the matrix (the Americas), so each count drops by one.
      expect(await linkState(store, P.gangs, 'Theme:gangs')).toEqual(expectedState(linked, false, -1));
      expect((await publication(store, P.gangs)).version).toBe(2);
    });

    it('clearing the decision returns the link to the tagger\'s judgement', async () => {
      const result = await store.clearPublicationTheme({ ...later(1), publicationId: P.gangs, themeId: 'Theme:gangs' });
      expect(result.publication.version).toBe(3);
      expect(result.change).toMatchObject({ operation: 'CLEAR_THEME', ids: [P.gangs, 'Theme:gangs'], before: { decision: 'REJECTED', about: false }, after: { decision: null, about: true } });
      const link = (await store.themesOf([P.gangs])).get(P.gangs)!.find((l) => l.theme.id === 'Theme:gangs')!;
      expect(link.source).toBe('TAGGER');
      expect(link.curator).toBeNull();
      expect(link.score).toBeGreaterThan(0);
      expect(link.evidence.length).toBeGreaterThan(0);
      expect(await linkState(store, P.gangs, 'Theme:gangs')).toEqual(linked);
      // With no decision left, clearing again changes nothing.
      const again = await store.clearPublicationTheme({ ...later(2), publicationId: P.gangs, themeId: 'Theme:gangs' });
      expect(again.change).toBeNull();
      expect(again.publication.version).toBe(3);
    });

    it('CONFIRMED makes a link the curator\'s: a new one at score 1, or the tagger\'s with its evidence', async () => {
      expect(await themeIds(store, P.gangs)).not.toContain('Theme:covid-19');
      const unlinked = await linkState(store, P.gangs, 'Theme:covid-19');
      const added = await store.setPublicationTheme({ ...later(3), publicationId: P.gangs, themeId: 'Theme:covid-19', decision: 'CONFIRMED', note: null });
      expect(added.change).toMatchObject({ operation: 'SET_THEME', before: { decision: null, about: false }, after: { decision: 'CONFIRMED', about: true, note: null } });
      const link = (await store.themesOf([P.gangs])).get(P.gangs)!.find((l) => l.theme.id === 'Theme:covid-19')!;
      expect(link).toMatchObject({ score: 1, evidence: [], source: 'CURATOR', curator: { by: 'curator-1', at: later(3).at, note: null }, by: 'curator-1', at: later(3).at });
      expect(await linkState(store, P.gangs, 'Theme:covid-19')).toEqual(expectedState(unlinked, true, +1));

      const tagged = (await store.themesOf([P.gangs])).get(P.gangs)!.find((l) => l.theme.id === 'Theme:gangs')!;
      await store.setPublicationTheme({ ...later(4), publicationId: P.gangs, themeId: 'Theme:gangs', decision: 'CONFIRMED', note: 'checked' });
      const confirmed = (await store.themesOf([P.gangs])).get(P.gangs)!.find((l) => l.theme.id === 'Theme:gangs')!;
      expect(confirmed).toMatchObject({ score: tagged.score, evidence: tagged.evidence, source: 'CURATOR', curator: { by: 'curator-1', at: later(4).at, note: 'checked' } });
      expect((await publication(store, P.gangs)).version).toBe(5);
    });

    it('refuses unknown ids by argument, writing nothing', async () => {
      const count = (await allChanges(store)).length;
      await expect(store.setPublicationTheme({ ...CURATOR, publicationId: 'Publication:nope', themeId: 'Theme:gangs', decision: 'REJECTED', note: null }))
        .rejects.toMatchObject({ constructor: NotFoundError, argument: 'publication' });
      await expect(store.setPublicationTheme({ ...CURATOR, publicationId: P.gangs, themeId: 'Theme:nope', decision: 'REJECTED', note: null }))
        .rejects.toMatchObject({ constructor: NotFoundError, argument: 'theme' });
      await expect(store.clearPublicationTheme({ ...CURATOR, publicationId: P.gangs, themeId: 'Theme:nope' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.updatePublication({ ...CURATOR, id: 'Publication:nope', edit: { title: 'x' }, expectedVersion: 1 }))
        .rejects.toMatchObject({ constructor: NotFoundError, argument: 'id' });
      expect((await allChanges(store)).length).toBe(count);
      expect((await publication(store, P.gangs)).version).toBe(5);
    });

    it('updates a publication partially, checking its version', async () => {
      const old = await publication(store, P.guatemala);
      await expect(store.updatePublication({ ...later(5), id: P.guatemala, edit: { title: 'x' }, expectedVersion: 7 }))
        .rejects.toMatchObject({ constructor: VersionConflictError, id: P.guatemala, expectedVersion: 7, currentVersion: 1 });
      const result = await store.updatePublication({ ...later(6), id: P.guatemala, edit: { title: 'Child marriage and forced labour on Guatemalan farms', year: 2019 }, expectedVersion: 1 });
      expect(result.publication).toEqual({ ...old, title: 'Child marriage and forced labour on Guatemalan farms', version: 2 });
      expect(result.change).toMatchObject({
        operation: 'UPDATE_PUBLICATION', ids: [P.guatemala],
        before: { title: old.title }, after: { title: 'Child marriage and forced labour on Guatemalan farms' },
      });
      const hits = await store.search('Guatemalan farms', ['Publication'], 5);
      expect(hits[0]?.node.id).toBe(P.guatemala);
      const suggestions = await store.suggest('Child marriage and forced labour on', ['Publication'], 5);
      expect(suggestions.map((s) => s.label)).toContain('Child marriage and forced labour on Guatemalan farms');
      expect(suggestions.map((s) => s.label)).not.toContain(old.title);
      // The same values again: nothing changes, but the version is still checked.
      const same = await store.updatePublication({ ...later(7), id: P.guatemala, edit: { title: 'Child marriage and forced labour on Guatemalan farms' }, expectedVersion: 2 });
      expect(same).toEqual({ publication: result.publication, change: null });
      await expect(store.updatePublication({ ...later(7), id: P.guatemala, edit: {}, expectedVersion: 1 })).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('of two conflicting updates sent at once, exactly one wins and the other gets the conflict', async () => {
      const { version } = await publication(store, P.thailand);
      const settled = await Promise.allSettled([
        store.updatePublication({ ...later(8), id: P.thailand, edit: { abstract: 'First curator\'s abstract.' }, expectedVersion: version }),
        store.updatePublication({ ...later(8), id: P.thailand, edit: { abstract: 'Second curator\'s abstract.' }, expectedVersion: version }),
      ]);
      const won = settled.filter((s) => s.status === 'fulfilled');
      const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(VersionConflictError);
      expect(lost[0]!.reason.currentVersion).toBe(version + 1);
      const stored = await publication(store, P.thailand);
      expect(stored.version).toBe(version + 1);
      expect(stored.abstract).toBe((won[0] as PromiseFulfilledResult<{ publication: Publication }>).value.publication.abstract);
    });

    it('a re-import of the same entries changes nothing, and keeps every decision and edit', async () => {
      const count = (await allChanges(store)).length;
      await target.load([seedListingPath(), EXTRA]);
      expect((await allChanges(store)).length).toBe(count);
      expect((await publication(store, P.guatemala)).title).toBe('Child marriage and forced labour on Guatemalan farms');
      const links = (await store.themesOf([P.gangs])).get(P.gangs)!;
      expect(links.find((l) => l.theme.id === 'Theme:covid-19')?.source).toBe('CURATOR');
      expect(links.find((l) => l.theme.id === 'Theme:gangs')?.curator?.note).toBe('checked');
    });

    it('a re-import of edited entries keeps curated fields and decisions, and records what it changed', async () => {
      const marriage = await linkState(store, P.guatemala, 'Theme:child-marriage');
      expect(marriage.themesOf).toBe(true);
      await store.setPublicationTheme({ ...later(9), publicationId: P.guatemala, themeId: 'Theme:child-marriage', decision: 'REJECTED', note: null });
      const before = await publication(store, P.guatemala);
      const count = (await allChanges(store)).length;
      // The source now has a longer abstract for Guatemala, and a new year for the gangs study.
      const edited = readFileSync(EXTRA, 'utf8')
        .replace('Every figure in it is made up.', 'Every figure in it is made up, and child marriage is named twice: child marriage.')
        .replace(/(Gang Recruitment of Children in Honduras and El Salvador[\s\S]*?Year\n)2018/, '$12019');
      const file = join(dir, 'contract-extra-edited.txt');
      writeFileSync(file, edited);
      await target.load([seedListingPath(), file]);

      const after = await publication(store, P.guatemala);
      expect(after.title).toBe('Child marriage and forced labour on Guatemalan farms'); // curated: kept
      expect(after.abstract).toMatch(/named twice: child marriage\.$/); // not curated: the source's
      expect(after.version).toBe(before.version + 1);
      expect(await linkState(store, P.guatemala, 'Theme:child-marriage')).toMatchObject({ themesOf: false, publicationsOf: false, findPublications: false, paths: false, neighborhood: false }); // still rejected
      const gangs = await publication(store, P.gangs);
      expect(gangs.year).toBe(2019);
      const links = (await store.themesOf([P.gangs])).get(P.gangs)!;
      expect(links.find((l) => l.theme.id === 'Theme:covid-19')?.source).toBe('CURATOR');

      const changes = (await allChanges(store)).slice(count);
      expect(changes.map((c) => [c.operation, c.ids[0], c.by])).toEqual(expect.arrayContaining([
        ['IMPORT_UPDATE', P.guatemala, IMPORT_ACTOR], ['IMPORT_UPDATE', P.gangs, IMPORT_ACTOR],
      ]));
      expect(changes).toHaveLength(2);
      expect(changes.find((c) => c.ids[0] === P.guatemala)).toMatchObject({ before: { abstract: before.abstract }, after: { abstract: after.abstract } });
      expect(changes.find((c) => c.ids[0] === P.gangs)).toMatchObject({ before: { year: 2018 }, after: { year: 2019 } });
      expect(Object.keys(changes.find((c) => c.ids[0] === P.gangs)!.after!)).toEqual(['year']);

      // Clearing the rejection restores the tagger's link from the new import.
      await store.clearPublicationTheme({ ...later(10), publicationId: P.guatemala, themeId: 'Theme:child-marriage' });
      const restored = (await store.themesOf([P.guatemala])).get(P.guatemala)!.find((l) => l.theme.id === 'Theme:child-marriage')!;
      expect(restored.source).toBe('TAGGER');
      expect(restored.evidence.length).toBeGreaterThan(0);
    });

    it('pages the change feed in sequence order, filtered by node type, and gives each publication its history', async () => {
      const all = await allChanges(store);
      expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
      expect(new Set(all.map((c) => c.seq)).size).toBe(all.length);
      const first = await store.changes({ after: null, first: 5, types: [] });
      expect(first.items).toEqual(all.slice(0, 5));
      expect(first.hasNextPage).toBe(true);
      const next = await store.changes({ after: first.items[4]!.seq, first: 5, types: [] });
      expect(next.items).toEqual(all.slice(5, 10));
      const tail = await store.changes({ after: all[all.length - 2]!.seq, first: 5, types: [] });
      expect(tail).toEqual({ items: [all[all.length - 1]], hasNextPage: false });
      const themed = await store.changes({ after: null, first: 100, types: ['Theme'] });
      expect(themed.items).toEqual(all.filter((c) => c.ids.some((id) => id.startsWith('Theme:'))));
      expect(themed.items.every((c) => c.operation === 'SET_THEME' || c.operation === 'CLEAR_THEME')).toBe(true);
      expect((await store.changes({ after: null, first: 100, types: ['Author'] })).items).toEqual([]);

      const history = await store.historyOf([P.gangs, 'Publication:unknown'], 3);
      expect(history.get('Publication:unknown')).toEqual([]);
      const mine = all.filter((c) => c.ids.includes(P.gangs)).reverse();
      expect(history.get(P.gangs)).toEqual(mine.slice(0, 3));
      expect(mine[mine.length - 1]!.operation).toBe('IMPORT_CREATE');
    });

    it('creates a publication (createOnly) as its actor, at version 1, and refuses a taken id writing nothing', async () => {
      const record = newRecord();
      const count = (await allChanges(store)).length;
      const summary = await store.importPublications([record], referenceData(), { createOnly: true, actor: later(20) });
      expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0, withheld: 0 });
      const created = await publication(store, record.id);
      expect(created).toMatchObject({ title: record.title, year: 2023, version: 1 });
      expect(await themeIds(store, record.id)).toEqual(expect.arrayContaining(['Theme:child-marriage']));
      expect(((await store.authorsOf([record.id])).get(record.id) ?? []).map((a) => a.name)).toEqual(['Ana Torres', 'Curator Newauthor']);
      const [change] = (await allChanges(store)).slice(count);
      expect(change).toMatchObject({ ...later(20), operation: 'CREATE_PUBLICATION', ids: [record.id], before: null, after: { title: record.title, year: 2023 } });

      await expect(store.importPublications([record], referenceData(), { createOnly: true, actor: later(21) })).rejects.toBeInstanceOf(IdTakenError);
      await expect(store.importPublications([{ ...newRecord(), id: P.gangs }], referenceData(), { createOnly: true, actor: later(21) })).rejects.toThrow(/input\.id: a publication with the id "Publication:gang-recruitment/);
      expect((await allChanges(store)).length).toBe(count + 1);
      expect((await publication(store, P.gangs)).title).toBe('Gang Recruitment of Children in Honduras and El Salvador');
    });

    it('merges authors: links move (one per publication), duplicates go, versions go up, and imports of any spelling land on the merged author', async () => {
      const a = newRecord('Merge study A', ['Merge Target', 'Merge Dup One']);
      const b = newRecord('Merge study B', ['Merge Dup One', 'Merge Dup Two']);
      const c = newRecord('Merge study C', ['Ana Torres', 'Merge Dup Two']);
      await store.importPublications([a, b, c], referenceData(), { actor: later(40) });
      const [into, one, two] = ['Author:merge-target', 'Author:merge-dup-one', 'Author:merge-dup-two'];
      const versions = (await store.getNodes([a.id, b.id, c.id])).map((n) => (n as Publication).version!);

      await expect(store.mergeAuthors({ ...later(41), into: 'Author:nobody', from: [one] })).rejects.toMatchObject({ argument: 'into' });
      await expect(store.mergeAuthors({ ...later(41), into, from: [one, 'Author:nobody'] })).rejects.toMatchObject({ argument: 'from' });
      await expect(store.mergeAuthors({ ...later(41), into, from: [into] })).rejects.toMatchObject({ argument: 'from', code: 'BAD_USER_INPUT' });
      expect(await store.getNodes([one])).toEqual([expect.objectContaining({ name: 'Merge Dup One' })]);

      const merged = await store.mergeAuthors({ ...later(42), into, from: [one, two] });
      expect(merged.author).toEqual({ type: 'Author', id: into, name: 'Merge Target', aliases: ['Merge Dup One', 'Merge Dup Two'] });
      expect(merged.publications).toEqual([a.id, b.id, c.id].sort());
      expect(merged.change).toMatchObject({ ...later(42), operation: 'MERGE_AUTHORS', ids: [into, one, two, ...[a.id, b.id, c.id].sort()], after: { id: into, name: 'Merge Target', aliases: ['Merge Dup One', 'Merge Dup Two'] } });
      expect(await store.getNodes([into, one, two])).toEqual([merged.author, null, null]);
      const authors = await store.authorsOf([a.id, b.id, c.id]);
      expect(authors.get(a.id)!.map((x) => x.id)).toEqual([into]);
      expect(authors.get(b.id)!.map((x) => x.id)).toEqual([into]);
      expect(authors.get(c.id)!.map((x) => x.id)).toEqual(['Author:ana-torres', into]);
      expect(((await store.publicationsOf([into], 10)).get(into)!.items.map((p) => p.id)).sort()).toEqual([a.id, b.id, c.id].sort());
      expect((await store.getNodes([a.id, b.id, c.id])).map((n) => (n as Publication).version)).toEqual(versions.map((v) => v + 1));
      expect((await store.coauthorsOf(['Author:ana-torres'], 100)).get('Author:ana-torres')!.map((co) => co.node.id)).toContain(into);

      // The same entries again change nothing; a new one naming a merged spelling links to the merged author.
      const again = await store.importPublications([a, b, c], referenceData(), { actor: later(43) });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const d = newRecord('Merge study D', ['Merge Dup Two', 'Merge Target']);
      await store.importPublications([d], referenceData(), { actor: later(44) });
      expect((await store.authorsOf([d.id])).get(d.id)!.map((x) => x.id)).toEqual([into]);
      expect(await store.getNodes([two])).toEqual([null]);

      // Merging the merged author on keeps the chain: every old spelling lands on the newest.
      const e = newRecord('Merge study E', ['Merge Final']);
      await store.importPublications([e], referenceData(), { actor: later(45) });
      const final = await store.mergeAuthors({ ...later(46), into: 'Author:merge-final', from: [into] });
      expect(final.author.aliases).toEqual(['Merge Target', 'Merge Dup One', 'Merge Dup Two']);
      const f = newRecord('Merge study F', ['Merge Dup One']);
      await store.importPublications([f], referenceData(), { actor: later(47) });
      expect((await store.authorsOf([f.id])).get(f.id)!.map((x) => x.id)).toEqual(['Author:merge-final']);
    });

    it('defines themes (upsertTheme) that imports keep, and retags without overriding a curator', async () => {
      const theme = 'Theme:referral-pathways';
      const definition = { id: theme, slug: 'referral-pathways', name: 'Referral pathways', description: 'How victims are referred to help.', broader: 'Theme:human-trafficking', terms: ['referral mechanism'], exactTerms: [] };
      await expect(store.upsertTheme({ ...later(50), definition: { ...definition, broader: 'Theme:nope' } })).rejects.toMatchObject({ argument: 'input.broader' });
      const made = await store.upsertTheme({ ...later(51), definition });
      expect(made).toMatchObject({ created: true, theme: { type: 'Theme', id: theme, name: 'Referral pathways' } });
      expect(made.change).toMatchObject({ operation: 'UPSERT_THEME', ids: [theme, 'Theme:human-trafficking'], before: null, after: { slug: 'referral-pathways', terms: ['referral mechanism'] } });
      expect((await store.upsertTheme({ ...later(52), definition })).change).toBeNull();
      expect(await store.themeDefinitions()).toEqual([definition]);
      expect((await store.listThemes()).map((t) => t.id)).toContain(theme);
      expect((await store.broaderOf([theme])).get(theme)!.map((t) => t.id)).toEqual(['Theme:human-trafficking']);
      // An admin's edit of a theme from data/taxonomy.yaml survives a re-import of the files.
      const gangs = { id: 'Theme:gangs', slug: 'gangs', name: 'Gangs and armed groups', description: 'Organised groups that recruit or exploit children.', broader: null, terms: ['gang', 'mara salvatrucha'], exactTerms: ['maras'] };
      const edited = await store.upsertTheme({ ...later(53), definition: gangs });
      expect(edited.created).toBe(false);
      expect(edited.change!.before).toMatchObject({ name: 'Gangs' });
      await target.load([seedListingPath(), EXTRA]);
      expect((await store.getNodes(['Theme:gangs']))[0]).toMatchObject({ name: 'Gangs and armed groups' });
      expect((await store.broaderOf(['Theme:gangs'])).get('Theme:gangs')).toEqual([]);

      // Retag: what the tagger says with the new definition, except what a curator decided.
      const { tagger } = taggingWith(await store.themeDefinitions());
      const page = await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
      const expected = page.items.map((i) => i.node).filter((p) => themesOfPublication(tagger, p.title, p.abstract, p.sourceCategory, p.language).some((l) => l.id === theme)).map((p) => p.id).sort();
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const [rejected, ...others] = expected;
      await store.setPublicationTheme({ ...later(54), publicationId: rejected!, themeId: theme, decision: 'REJECTED', note: 'not about referral' });
      const versions = new Map((await store.getNodes(others)).map((n) => [n!.id, (n as Publication).version!]));
      await expect(store.retag({ ...later(55), themes: ['Theme:nope'], judge: () => [] })).rejects.toMatchObject({ argument: 'themes' });
      const result = await store.retag({ ...later(56), themes: [theme], judge: (p) => themesOfPublication(tagger, p.title, p.abstract, p.sourceCategory, p.language) });
      expect(result).toMatchObject({ checked: page.totalCount, linked: others.length, unlinked: 0, kept: 1 });
      expect(result.changes.map((c) => [c.operation, c.ids, c.before, c.after, c.by])).toEqual(others.map((id) => ['RETAG', [id, theme], { themes: [] }, { themes: [theme] }, 'curator-1']));
      expect(((await store.publicationsOf([theme], 100)).get(theme)!.items.map((p) => p.id)).sort()).toEqual(others);
      expect((await store.getNodes(others)).map((n) => (n as Publication).version)).toEqual(others.map((id) => versions.get(id)! + 1));
      const link = (await store.themesOf([others[0]!])).get(others[0]!)!.find((l) => l.theme.id === theme)!;
      expect(link).toMatchObject({ source: 'TAGGER', evidence: [expect.stringMatching(/referral mechanism/i)], by: 'curator-1', at: later(56).at });
      // Nothing changes the second time; clearing the rejection brings back the tagger's link.
      expect((await store.retag({ ...later(57), themes: [theme], judge: (p) => themesOfPublication(tagger, p.title, p.abstract, p.sourceCategory, p.language) })).changes).toEqual([]);
      await store.clearPublicationTheme({ ...later(58), publicationId: rejected!, themeId: theme });
      expect(await themeIds(store, rejected!)).toContain(theme);
    });

    it('deletes a publication with its links and lone authors, keeps its history, and re-imports leave it out', async () => {
      const id = P.ms13;
      const before = await publication(store, id);
      const authors = (await store.authorsOf([id])).get(id) ?? [];
      const slices = await store.publicationsOf(authors.map((a) => a.id), 100);
      const lone = authors.filter((a) => slices.get(a.id)!.totalCount === 1).map((a) => a.id);
      const kept = authors.filter((a) => slices.get(a.id)!.totalCount > 1).map((a) => a.id);
      const total = (await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 1 })).totalCount;
      const count = (await allChanges(store)).length;

      await expect(store.deletePublication({ ...later(30), id, expectedVersion: before.version! + 1 })).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store.deletePublication({ ...later(30), id: 'Publication:unknown', expectedVersion: 1 })).rejects.toMatchObject({ argument: 'id' });
      expect(await store.getNodes([id])).toEqual([before]);

      const result = await store.deletePublication({ ...later(31), id, expectedVersion: before.version! });
      expect(result.publication).toEqual(before);
      expect(result.change).toMatchObject({ ...later(31), operation: 'DELETE_PUBLICATION', ids: [id], before: { title: before.title, year: before.year }, after: null });
      expect(await store.getNodes([id, ...lone, ...kept])).toEqual([null, ...lone.map(() => null), ...kept.map((k) => expect.objectContaining({ id: k }))]);
      expect((await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 1 })).totalCount).toBe(total - 1);
      expect((await store.publicationsOf(['Theme:gangs'], 100)).get('Theme:gangs')!.items.map((p) => p.id)).not.toContain(id);
      expect((await store.neighborhood(['Theme:gangs'], { depth: 1, limit: 500, types: [] })).nodes.map((n) => n.node.id)).not.toContain(id);
      expect((await store.search('Mara Salvatrucha', ['Publication'], 10)).map((h) => h.node.id)).not.toContain(id);
      const history = (await store.historyOf([id], 100)).get(id)!;
      expect(history[0]).toEqual(result.change);
      expect(history[history.length - 1]!.operation).toBe('IMPORT_CREATE');
      await expect(store.deletePublication({ ...later(32), id, expectedVersion: before.version! })).rejects.toBeInstanceOf(NotFoundError);

      // The next import of the same source page leaves the deleted entry out, and says so.
      const summary = await store.importPublications(await recordsOf([seedListingPath(), EXTRA]), referenceData(), {});
      expect(summary).toMatchObject({ created: 0, withheld: 1 });
      expect(await store.getNodes([id])).toEqual([null]);
      // (The earlier test's edits of two other entries are reverted by this import; nothing touches the deleted one.)
      expect((await allChanges(store)).slice(count + 1).filter((c) => c.ids.includes(id))).toEqual([]);

      // A curator may create it again: the newer decision wins, and imports update it from then on.
      const [again] = (await recordsOf([seedListingPath()])).filter((r) => r.id === id);
      await store.importPublications([again!], referenceData(), { createOnly: true, actor: later(33) });
      expect(await publication(store, id)).toMatchObject({ title: before.title, version: 1 });
      expect((await store.importPublications(await recordsOf([seedListingPath(), EXTRA]), referenceData(), {})).withheld).toBe(0);
    });

    it('records an import as a run when asked, with its files and what it did, newest first', async () => {
      const records = await recordsOf([seedListingPath(), EXTRA]);
      const files = [{ name: 'page.txt', sha256: 'a'.repeat(64) }, { name: 'contract-extra.txt', sha256: 'b'.repeat(64) }];
      const earlier = (await store.importRuns(100)).length;
      const summary = await store.importPublications(records, referenceData(), { run: { files } });
      const [run] = await store.importRuns(1);
      expect(run).toMatchObject({
        status: 'COMPLETE', atomic: true, files, total: records.length, processed: records.length, batchesCommitted: 1, attempts: 1,
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged, withheld: summary.withheld,
        relationshipsWritten: summary.relationshipsWritten, relationshipsDeleted: summary.relationshipsDeleted,
      });
      expect(run.id).toMatch(/^ImportRun:/);
      expect(run.finishedAt).toBe(run.startedAt);
      // A dry run, or an import not asked to, records none.
      await store.importPublications(records, referenceData(), { run: { files }, dryRun: true });
      await store.importPublications(records, referenceData(), {});
      const runs = await store.importRuns(100);
      expect(runs).toHaveLength(earlier + 1);
      expect(runs[0]).toEqual(run);
      expect(await store.importRuns(10, 'INCOMPLETE')).toEqual([]);
      expect(await store.importRuns(0)).toEqual([]);
    });

    it('moves its graph version with every write, and vouches for no old one once a write has started', async () => {
      const before = await vouchedVersion(store);
      // Reads leave it alone.
      await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 5 });
      expect(await vouchedVersion(store)).toBe(before);
      const writing = store.setPublicationTheme({ ...later(40), publicationId: P.thailand, themeId: 'Theme:gangs', decision: 'CONFIRMED', note: null });
      await writing;
      // Right after the write returns, the old version is never vouched for again.
      expect(store.graphVersion()).not.toBe(before);
      const after = await vouchedVersion(store, before);
      await store.clearPublicationTheme({ ...later(41), publicationId: P.thailand, themeId: 'Theme:gangs' });
      expect(store.graphVersion()).not.toBe(after);
      expect(await vouchedVersion(store, after)).not.toBe(before);
    });
  });
}
