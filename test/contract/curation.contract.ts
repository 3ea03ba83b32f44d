import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_ACTOR, type ChangeRecord } from '../../src/domain/curation.types';
import { NotFoundError, VersionConflictError } from '../../src/domain/errors';
import type { Publication } from '../../src/domain/node.types';
import type { GraphStore } from '../../src/store/store';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, P } from './contract.fixture';
import type { ContractStore } from './store.contract';

const CURATOR = { by: 'curator-1', at: '2026-12-01T10:00:00.000Z' };
const later = (minutes: number) => ({ by: 'curator-1', at: new Date(Date.parse(CURATOR.at) + minutes * 60_000).toISOString() });

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
      for (const l of links) {
        expect(l.curator).toBeNull();
        expect(l.source).toBe(l.evidence.every((e) => e.startsWith('category: ')) ? 'CATEGORY' : 'TAGGER');
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
      expect(link).toMatchObject({ score: 1, evidence: [], source: 'CURATOR', curator: { by: 'curator-1', at: later(3).at, note: null } });
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
  });
}
