import { ResponseTooLargeError, TimeoutError } from '../../src/domain/errors';
import type { GraphStore } from '../../src/store/store';
import { countObjects } from '../../src/store/work-meter';
import { P, StoreRef } from './contract.fixture';

/** Every read method of the port (the compiler checks that CALLS has one call for each); ping, a readiness check, the API keys and graphVersion (no store work) are held to no budget; writes are not reads. */
type ReadMethod = Exclude<keyof GraphStore, 'kind' | 'track' | 'close' | 'graphVersion' | 'importPublications' | 'connectionUse' | 'ping' | 'apiKeys' | 'idempotency' | 'setPublicationTheme' | 'clearPublicationTheme' | 'updatePublication' | 'deletePublication' | 'mergeAuthors' | 'upsertTheme' | 'retag'>;

const themes = ['Theme:gangs', 'Theme:child-marriage', 'Theme:unknown'];
const regions = ['Region:asia', 'Region:middle-east', 'Region:unknown'];
const publications = [P.iom, P.middleEast, 'Publication:unknown'];
const anchors = ['Theme:gangs', 'Country:BD', 'Region:asia', 'Author:chidi-okafor', 'Theme:unknown'];
const authors = ['Author:chidi-okafor', 'Author:ana-torres', 'Author:unknown'];

/** One call per read method, each with several keys; with the objects its answer holds on the contract's data. */
const CALLS: Record<ReadMethod, [objects: number, call: (s: GraphStore) => Promise<unknown>]> = {
  // 3 nodes; the unknown id is null and counts nothing.
  getNodes: [3, (s) => s.getNodes(['Theme:gangs', 'Country:BD', P.ms13, 'Theme:unknown'])],
  // The import's first 5 records; then one IMPORT_CREATE each for two of the three publications.
  changes: [5, (s) => s.changes({ after: null, first: 5, types: [] })],
  themeDefinitions: [0, (s) => s.themeDefinitions()],
  historyOf: [2, (s) => s.historyOf(publications, 3)],
  findPublications: [5, (s) => s.findPublications({ text: 'trafficking' }, { field: 'RELEVANCE', direction: 'DESC' }, { first: 5 })],
  listThemes: [14, (s) => s.listThemes()],
  listRegions: [38, (s) => s.listRegions()],
  listCountries: [19, (s) => s.listCountries({ all: false, includeMentions: true })],
  listAuthors: [2, (s) => s.listAuthors({ first: 10 }, 'an')],
  findCountry: [1, (s) => s.findCountry({ iso: 'BGD' })],
  search: [4, (s) => s.search('asia', ['Region', 'Theme'], 4)],
  authorsOf: [1, (s) => s.authorsOf(publications)],
  placesOf: [4, (s) => s.placesOf(publications, 'COVERS')],
  themesOf: [7, (s) => s.themesOf(publications)],
  relatedOf: [6, (s) => s.relatedOf(publications, 3)],
  publicationsOf: [9, (s) => s.publicationsOf(anchors, 3, { includeMentions: true })],
  themeCountsOf: [21, (s) => s.themeCountsOf(anchors)],
  trendOf: [9, (s) => s.trendOf(anchors)],
  coauthorsOf: [4, (s) => s.coauthorsOf(authors, 3)],
  countryCountsOf: [5, (s) => s.countryCountsOf(themes, { includeMentions: true })],
  regionCountsOf: [13, (s) => s.regionCountsOf(themes)],
  regionChainOf: [9, (s) => s.regionChainOf(['Country:BD', ...regions])],
  parentsOf: [3, (s) => s.parentsOf(regions)],
  childrenOf: [6, (s) => s.childrenOf(regions)],
  countriesOf: [50, (s) => s.countriesOf(regions, true)],
  broaderOf: [1, (s) => s.broaderOf(themes)],
  narrowerOf: [0, (s) => s.narrowerOf(themes)],
  relatedThemesOf: [5, (s) => s.relatedThemesOf(themes, 3)],
  // Paths count one each, whatever their length.
  paths: [2, (s) => s.paths('Theme:gangs', 'Country:BD', { maxHops: 6, first: 5, via: [] })],
  // Nodes plus edges.
  neighborhood: [115, (s) => s.neighborhood(['Theme:covid-19', 'Region:world'], { depth: 2, limit: 50, types: [] })],
  // Themes, places and every cell (zero cells included); totals are numbers and count nothing.
  themeMatrix: [11, (s) => s.themeMatrix(['Theme:gangs', 'Theme:child-marriage'], ['Country:BD', 'Region:asia', 'Region:world'], 'REGION', {})],
  // Every list's elements. Languages are left out: how many the seed texts have depends on the
  // detector's tuning (languages.contract.ts counts them on both stores, work-meter.test.ts as objects).
  facets: [22, (s) => s.facets({ text: 'trafficking' }, 3, ['themes', 'countries', 'regions', 'authors', 'years', 'scopes'])],
  themeGraph: [21, (s) => s.themeGraph({ regions }, 1)],
  suggest: [3, (s) => s.suggest('child', [], 3)],
  counts: [0, (s) => s.counts()],
  // The contract's data is imported without a run record.
  importRuns: [0, (s) => s.importRuns(10)],
};

/** Returns what the call rejected with (failing when it did not). */
const rejectionOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then((value) => { throw new Error(`expected a rejection, got ${JSON.stringify(value)}`); }, (err: unknown) => err);

const sleepUntil = async (time: number): Promise<void> => {
  while (Date.now() <= time) await new Promise((resolve) => setTimeout(resolve, Math.max(1, time - Date.now() + 1)));
};

/**
 * Checks that `track(fn, budget)` holds one work budget per unit on every store: no call starts
 * past the deadline, no answer passes the object cap, and objects are counted the same everywhere.
 */
export function describeWorkBudget(store: StoreRef): void {
  describe('work budget', () => {
    it('starts no call once the deadline has passed: TimeoutError, and no round trip', async () => {
      const unit = await store().track(async () => rejectionOf(store().listThemes()), { deadline: Date.now() - 1, timeoutMs: 250 });
      expect(unit.result).toBeInstanceOf(TimeoutError);
      expect(unit.result).toMatchObject({ code: 'TIMEOUT', message: 'the request ran past its time budget of 250 ms; nothing more was read for it' });
      expect(unit).toMatchObject({ roundTrips: 0, objects: 0 });
      // Without timeoutMs the message still says what happened.
      const bare = await store().track(async () => rejectionOf(store().getNodes(['Theme:gangs'])), { deadline: Date.now() - 1 });
      expect(bare.result).toMatchObject({ code: 'TIMEOUT', message: 'the request ran past its deadline; nothing more was read for it' });
      expect(bare.roundTrips).toBe(0);
    });

    it('lets calls run before the deadline and refuses the first one after it', async () => {
      const deadline = Date.now() + 200;
      const unit = await store().track(async () => {
        const before = await store().listThemes();
        await sleepUntil(deadline);
        return { before, after: await rejectionOf(store().listRegions()) };
      }, { deadline, timeoutMs: 200 });
      expect(unit.result.before).toHaveLength(14);
      expect(unit.result.after).toBeInstanceOf(TimeoutError);
      expect(unit).toMatchObject({ roundTrips: 1, objects: 14 });
    });

    it('answers within a future deadline exactly as without one', async () => {
      const work = () => Promise.all([store().listThemes(), store().getNodes(['Country:BD', 'Theme:nope']), store().facets({}, 2)]);
      const free = await store().track(work);
      const held = await store().track(work, { deadline: Date.now() + 60_000, timeoutMs: 60_000, maxObjects: 1_000 });
      expect(held).toEqual(free);
      expect(held.result[0]).toHaveLength(14);
      expect(held.objects).toBe(14 + 1 + countObjects(held.result[2]));
    });

    it('throws ResponseTooLargeError from the call whose answer passes maxObjects, then from every later call without a round trip', async () => {
      const unit = await store().track(async () => {
        const first = await rejectionOf(store().listThemes());
        const later = await rejectionOf(store().getNodes(['Theme:gangs']));
        return { first, later };
      }, { maxObjects: 10 });
      expect(unit.result.first).toBeInstanceOf(ResponseTooLargeError);
      expect(unit.result.first).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 10, actual: 14, unit: 'objects' });
      expect(unit.result.later).toBeInstanceOf(ResponseTooLargeError);
      expect(unit.result.later).toMatchObject({ limit: 10, actual: 14 });
      // listThemes ran (one round trip on either store); getNodes never did.
      expect(unit).toMatchObject({ roundTrips: 1, objects: 14 });
    });

    it('allows exactly maxObjects, and fails the call that passes it', async () => {
      const unit = await store().track(async () => {
        const themes = await store().listThemes();
        const more = await rejectionOf(store().findCountry({ iso: 'BD' }));
        return { themes, more };
      }, { maxObjects: 14 });
      expect(unit.result.themes).toHaveLength(14);
      expect(unit.result.more).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 14, actual: 15 });
      expect(unit).toMatchObject({ roundTrips: 2, objects: 15 });
    });

    it('keeps the budgets of concurrent units apart', async () => {
      const [capped, free] = await Promise.all([
        store().track(() => rejectionOf(store().listCountries({ all: true })), { maxObjects: 5 }),
        store().track(() => store().listCountries({ all: true }), { maxObjects: 1_000 }),
      ]);
      expect(capped.result).toBeInstanceOf(ResponseTooLargeError);
      expect(free.result.length).toBeGreaterThan(240);
      expect(free.objects).toBe(free.result.length);
      expect(capped.objects).toBe(free.objects);
    });

    it.each(Object.entries(CALLS))('counts the objects of %s the same on every store', async (_name, [objects, call]) => {
      const unit = await store().track(() => call(store()));
      expect(unit.objects).toBe(countObjects(unit.result));
      expect(unit.objects).toBe(objects);
    });

    it('adds the objects of every call of a unit', async () => {
      const calls = Object.values(CALLS);
      const unit = await store().track(() => Promise.all(calls.map(([, call]) => call(store()))));
      expect(unit.objects).toBe(calls.reduce((sum, [objects]) => sum + objects, 0));
      expect((unit.result[0] as ({ id: string } | null)[]).map((n) => n?.id ?? null)).toEqual(['Theme:gangs', 'Country:BD', P.ms13, null]);
    });
  });
}
