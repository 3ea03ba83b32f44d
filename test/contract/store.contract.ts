import type { Publication } from '../../src/domain/node.types';
import type { GraphStore } from '../../src/store/store';
import { seedListingPath } from '../helpers/seed';
import { EXTRA, P, ids } from './contract.fixture';
import { describeExploration } from './explore.contract';
import { describeFindPublications, describeUndatedPublication } from './find-publications.contract';
import { describeKeyedReads } from './keyed-reads.contract';
import { describeLanguages } from './languages.contract';
import { describeMultilingualSearch } from './multilingual-search.contract';
import { describeWorkBudget } from './work-budget.contract';

/** What a store adapter hands the contract: the store, a way to empty it and a way to import files into it. */
export interface ContractStore {
  store: GraphStore;
  reset(): Promise<void>;
  load(files: string[]): Promise<void>;
}

/**
 * The behaviour every GraphStore adapter must have, asserted only through the port, on the seed
 * listing page plus test/fixtures/contract-extra.txt. `makeStore` is called once per suite.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<ContractStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let target: ContractStore;
    let store: GraphStore;
    beforeAll(async () => {
      target = await makeStore();
      store = target.store;
      await target.reset();
      await target.load([seedListingPath(), EXTRA]);
    });
    afterAll(() => store?.close());

    it('getNodes answers in the order asked, with null for unknown ids', async () => {
      const nodes = await store.getNodes(['Theme:gangs', 'Nothing:here', 'Country:BD', 'Theme:missing', 'Theme:gangs']);
      expect(nodes.map((n) => n?.id ?? null)).toEqual(['Theme:gangs', null, 'Country:BD', null, 'Theme:gangs']);
      expect(nodes[2]).toEqual({ type: 'Country', id: 'Country:BD', iso2: 'BD', iso3: 'BGD', m49: '050', name: 'Bangladesh' });
      const [pub] = (await store.getNodes([P.ms13])) as Publication[];
      expect(pub).toMatchObject({ type: 'Publication', year: 2017, scope: 'GLOBAL', sourceCategory: 'Child Trafficking' });
      expect(await store.getNodes([])).toEqual([]);
    });

    it('lists themes and regions in their orders', async () => {
      expect(ids(await store.listThemes())).toEqual([
        'Theme:case-management', 'Theme:child-labour', 'Theme:child-marriage', 'Theme:child-trafficking',
        'Theme:commercial-sexual-exploitation', 'Theme:covid-19', 'Theme:demand-side-measures', 'Theme:displacement-and-refugees',
        'Theme:forced-labour', 'Theme:gangs', 'Theme:gender-based-violence', 'Theme:human-trafficking',
        'Theme:referral-mechanisms', 'Theme:training-and-capacity-building',
      ]);
      const regions = await store.listRegions();
      expect(ids(regions.slice(0, 6))).toEqual(['Region:world', 'Region:africa', 'Region:americas', 'Region:asia', 'Region:europe', 'Region:oceania']);
      const rank = ['WORLD', 'REGION', 'SUBREGION', 'INTERMEDIATE', 'CUSTOM'];
      const ranks = regions.map((r) => rank.indexOf(r.level));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(ids(regions.filter((r) => r.level === 'CUSTOM'))).toEqual([
        'Region:asia-pacific', 'Region:gulf-states', 'Region:horn-of-africa', 'Region:mena', 'Region:middle-east',
        'Region:sahel', 'Region:south-eastern-europe', 'Region:western-balkans',
      ]);
    });

    it('lists countries with publications by name, optionally with mentions or all of them', async () => {
      expect(ids(await store.listCountries({ all: false }))).toEqual(['Country:BD', 'Country:SV', 'Country:GT', 'Country:HN', 'Country:NG', 'Country:TH']);
      const mentioned = ids(await store.listCountries({ all: false, includeMentions: true }));
      expect(mentioned).toHaveLength(19);
      expect(mentioned.slice(0, 6)).toEqual(['Country:AL', 'Country:BD', 'Country:BA', 'Country:BG', 'Country:HR', 'Country:SV']);
      const all = await store.listCountries({ all: true });
      expect(all.length).toBeGreaterThan(240);
      expect(all.find((c) => c.id === 'Country:CI')).toMatchObject({ name: "Côte d'Ivoire", iso3: 'CIV' });
    });

    it('pages authors by name and filters them by a case-insensitive substring', async () => {
      const first = await store.listAuthors({ first: 4 });
      expect(ids(first.items.map((i) => i.node))).toEqual(['Author:ana-torres', 'Author:chidi-okafor', 'Author:jennifer-schlecht', 'Author:luis-mendoza']);
      expect(first).toMatchObject({ totalCount: 6, hasNextPage: true });
      const rest = await store.listAuthors({ first: 4, after: first.items[3].key });
      expect(ids(rest.items.map((i) => i.node))).toEqual(['Author:mai-tran', 'Author:michelle-lillie']);
      expect(rest).toMatchObject({ totalCount: 6, hasNextPage: false });
      const an = await store.listAuthors({ first: 10 }, 'AN');
      expect(ids(an.items.map((i) => i.node))).toEqual(['Author:ana-torres', 'Author:mai-tran']);
      expect(an.totalCount).toBe(2);
    });

    it('finds a country by id, ISO code or name, ignoring case and accents', async () => {
      for (const lookup of [{ id: 'Country:BD' }, { iso: 'BD' }, { iso: 'bgd' }, { name: 'bangladesh' }, { name: ' BANGLADESH ' }]) {
        expect((await store.findCountry(lookup))?.id).toBe('Country:BD');
      }
      expect((await store.findCountry({ name: "cote d'ivoire" }))?.id).toBe('Country:CI');
      expect((await store.findCountry({ name: 'Côte d’Ivoire' }))?.id).toBe('Country:CI');
      for (const lookup of [{ name: 'Atlantis' }, { id: 'Country:ZZ' }, { iso: 'B' }, {}]) expect(await store.findCountry(lookup)).toBeNull();
    });

    it('searches names and texts, filtered by type, by score then id', async () => {
      expect(ids((await store.search('MS-13', ['Publication'], 5)).map((h) => h.node))).toEqual([P.ms13]);
      expect(ids((await store.search('cote', ['Country'], 5)).map((h) => h.node))).toEqual(['Country:CI']);
      expect(ids((await store.search('chidi', [], 5)).map((h) => h.node))).toEqual(['Author:chidi-okafor']);
      expect(ids((await store.search('covid', ['Theme'], 5)).map((h) => h.node))).toEqual(['Theme:covid-19']);
      const asia = await store.search('asia', ['Region'], 3);
      expect(asia).toHaveLength(3);
      expect(asia[0].node.id).toBe('Region:asia');
      for (let i = 1; i < asia.length; i++) {
        const [a, b] = [asia[i - 1], asia[i]];
        expect(a.score > b.score || (a.score === b.score && a.node.id < b.node.id)).toBe(true);
      }
      expect(asia.every((h) => h.node.type === 'Region')).toBe(true);
      expect(await store.search('!!', [], 5)).toEqual([]);
    });

    it('answers the readiness ping within its time', async () => {
      const t0 = Date.now();
      await expect(store.ping(1_000)).resolves.toBeUndefined();
      expect(Date.now() - t0).toBeLessThan(1_000);
    });

    describeFindPublications(() => store);
    describeKeyedReads(() => store);
    describeExploration(() => store);
    describeWorkBudget(() => store);
    // These add publications, so they run last.
    describeUndatedPublication(() => store);
    describeLanguages(() => store);
    describeMultilingualSearch(() => store);
  });
}
