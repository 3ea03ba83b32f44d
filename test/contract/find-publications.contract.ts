import { readFileSync } from 'node:fs';
import type { PageKey, PublicationFilter, PublicationOrder } from '../../src/domain/query.types';
import { prepareImport } from '../../src/ingest/prepare-import';
import { EXTRA, P, StoreRef, TITLE_ASC, YEAR_ASC, YEAR_DESC, YEAR_DESC_ORDER, ids, sorted } from './contract.fixture';

/** Returns helpers that read publication lists through the port. */
function reader(store: StoreRef) {
  /** Returns every publication id of a filter and order, read one page of `first` at a time. */
  async function pageThrough(filter: PublicationFilter, order: PublicationOrder, first: number): Promise<{ ids: string[]; pages: number; totals: Set<number> }> {
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: PageKey | null = null;
    for (let pages = 1; ; pages++) {
      const page = await store().findPublications(filter, order, { first, after });
      expect(page.items.length).toBeLessThanOrEqual(first);
      totals.add(page.totalCount);
      seen.push(...page.items.map((i) => i.node.id));
      if (!page.hasNextPage) return { ids: seen, pages, totals };
      after = page.items[page.items.length - 1].key;
    }
  }
  const find = async (filter: PublicationFilter, order = YEAR_DESC_ORDER, first = 50) => {
    const page = await store().findPublications(filter, order, { first });
    return { ids: page.items.map((i) => i.node.id), totalCount: page.totalCount, page };
  };
  return { pageThrough, find };
}

/** Checks findPublications: every order, every filter alone and combined, keyset paging and totals. */
export function describeFindPublications(store: StoreRef): void {
  const { pageThrough, find } = reader(store);
  describe('findPublications', () => {
    it.each([
      ['YEAR DESC', { field: 'YEAR', direction: 'DESC' }, YEAR_DESC],
      ['YEAR ASC', { field: 'YEAR', direction: 'ASC' }, YEAR_ASC],
      ['TITLE ASC', { field: 'TITLE', direction: 'ASC' }, TITLE_ASC],
      ['TITLE DESC', { field: 'TITLE', direction: 'DESC' }, [...TITLE_ASC].reverse()],
      ['RELEVANCE without text (YEAR DESC)', { field: 'RELEVANCE', direction: 'DESC' }, YEAR_DESC],
    ] as [string, PublicationOrder, string[]][])('orders everything by %s, and keyset pages visit each once', async (_label, order, expected) => {
      const all = await find({}, order);
      expect(all).toMatchObject({ ids: expected, totalCount: 14 });
      expect(all.page.hasNextPage).toBe(false);
      const paged = await pageThrough({}, order, 3);
      expect(paged).toEqual({ ids: expected, pages: 5, totals: new Set([14]) });
    });

    it.each([
      ['YEAR DESC', { field: 'YEAR', direction: 'DESC' }],
      ['TITLE ASC', { field: 'TITLE', direction: 'ASC' }],
      ['YEAR ASC', { field: 'YEAR', direction: 'ASC' }],
      ['TITLE DESC', { field: 'TITLE', direction: 'DESC' }],
    ] as [string, PublicationOrder][])('reads a %s page with its authors, places and themes in one round trip, as the keyed reads answer them', async (_label, order) => {
      const s = store();
      const plain = await s.findPublications({}, order, { first: 7 });
      expect(plain.related).toBeUndefined();
      const { result: page, roundTrips } = await s.track(() => s.findPublications({}, order, { first: 7 }, { authors: true, covers: true, mentions: true, themes: true }));
      expect(roundTrips).toBe(1);
      expect(page.items).toEqual(plain.items);
      const pageIds = page.items.map((i) => i.node.id);
      expect(pageIds).toHaveLength(7);
      expect([...page.related!.authors!]).toEqual([...(await s.authorsOf(pageIds))]);
      expect([...page.related!.covers!]).toEqual([...(await s.placesOf(pageIds, 'COVERS'))]);
      expect([...page.related!.mentions!]).toEqual([...(await s.placesOf(pageIds, 'MENTIONS'))]);
      expect([...page.related!.themes!]).toEqual([...(await s.themesOf(pageIds))]);
      // Only what was asked for.
      const some = await s.findPublications({ themes: ['Theme:gangs'] }, order, { first: 3 }, { themes: true });
      expect(Object.keys(some.related!)).toEqual(['themes']);
      expect([...some.related!.themes!.keys()]).toEqual(some.items.map((i) => i.node.id));
    });

    it('keys a page by its sort value and id, and stops exactly at the end', async () => {
      const page = await store().findPublications({}, YEAR_DESC_ORDER, { first: 2 });
      expect(page.items.map((i) => i.key)).toEqual([{ sort: 2021, id: P.nigeria }, { sort: 2021, id: P.thailand }]);
      const title = await store().findPublications({}, { field: 'TITLE', direction: 'ASC' }, { first: 1 });
      expect(title.items[0].key).toEqual({ sort: 'A Girl No More: The Changing Norms of Child Marriage in Conflict', id: P.girl });
      const last = await store().findPublications({}, YEAR_DESC_ORDER, { first: 1, after: { sort: 2012, id: P.wayForward } });
      expect(last).toMatchObject({ totalCount: 14, hasNextPage: false });
      expect(last.items.map((i) => i.node.id)).toEqual([P.training]);
      expect(await store().findPublications({}, YEAR_DESC_ORDER, { first: 5, after: { sort: 2009, id: P.training } })).toEqual({ items: [], totalCount: 14, hasNextPage: false });
    });

    it.each([
      ['a theme, with its narrower themes', { themes: ['Theme:human-trafficking'] }, sorted(YEAR_DESC.filter((id) => ![P.gangs, P.guatemala, P.thailand].includes(id)))],
      ['a theme', { themes: ['Theme:gangs'] }, [P.ms13, P.gangs]],
      ['any of several countries', { countries: ['Country:HN', 'Country:TH'] }, [P.gangs, P.thailand]],
      ['a country only mentioned', { countries: ['Country:GH'] }, []],
      ['a country, mentions included', { countries: ['Country:GH'], includeMentions: true }, [P.nigeria]],
      ['a subregion, through a covered country', { regions: ['Region:southern-asia'] }, [P.iom]],
      ['a region: sub-regions, their countries and custom regions PART_OF them', { regions: ['Region:asia'] }, [P.nutshell, P.middleEast, P.thailand, P.iom]],
      ['a custom region', { regions: ['Region:middle-east'] }, [P.middleEast]],
      ['a region reached through a custom region', { regions: ['Region:africa'] }, [P.nigeria, P.middleEast]],
      ['an author', { authors: ['Author:chidi-okafor'] }, [P.nigeria, P.guatemala, P.thailand]],
      ['a year range, inclusive', { yearFrom: 2019, yearTo: 2020 }, [P.guatemala, P.covidFacts, P.covidGuide, P.iom]],
      ['a scope', { scopes: ['REGIONAL'] }, [P.middleEast]],
      ['text with a hyphen', { text: 'MS-13' }, [P.ms13]],
      ['text with every word required', { text: 'forced labour' }, [P.guatemala, P.thailand]],
      ['text made only of punctuation (ignored)', { text: '&& !!' }, sorted(YEAR_DESC)],
      ['a theme and a region', { themes: ['Theme:child-marriage'], regions: ['Region:americas'] }, [P.guatemala]],
      ['a theme, text and a year', { themes: ['Theme:human-trafficking'], text: 'COVID-19', yearFrom: 2020 }, [P.covidFacts, P.covidGuide]],
      ['an author and a country that do not meet', { authors: ['Author:mai-tran'], countries: ['Country:BD'] }, []],
    ] as [string, PublicationFilter, string[]][])('filters by %s', async (_label, filter, expected) => {
      const result = await find(filter);
      expect(sorted(result.ids)).toEqual(sorted(expected));
      expect(result.totalCount).toBe(expected.length);
    });

    it('counts the whole filtered set on every page, whatever the page size', async () => {
      const paged = await pageThrough({ themes: ['Theme:child-trafficking'] }, { field: 'TITLE', direction: 'DESC' }, 4);
      expect(paged.totals).toEqual(new Set([10]));
      expect(paged.ids).toHaveLength(10);
      expect(new Set(paged.ids).size).toBe(10);
    });

    it('orders text matches by relevance, best first, and pages through them', async () => {
      const order: PublicationOrder = { field: 'RELEVANCE', direction: 'DESC' };
      const all = await find({ text: 'COVID-19' }, order);
      expect(sorted(all.ids)).toEqual(sorted([P.thailand, P.covidFacts, P.covidGuide]));
      const scores = all.page.items.map((i) => i.key.sort as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect((await pageThrough({ text: 'COVID-19' }, order, 1)).ids).toEqual(all.ids);
    });
  });
}

/** Checks where a publication without a year goes; it adds one, so it must run last. */
export function describeUndatedPublication(store: StoreRef): void {
  const { pageThrough, find } = reader(store);
  describe('with a publication that has no year', () => {
    const UNDATED = 'Publication:undated-contract-entry';
    beforeAll(async () => {
      const prepared = prepareImport([{ file: EXTRA, text: readFileSync(EXTRA, 'utf8') }]);
      const base = prepared.records.find((r) => r.id === P.middleEast)!;
      await store().importPublications([{ ...base, id: UNDATED, title: 'Undated Contract Entry', year: null }], prepared.reference);
    });

    it.each([
      ['DESC', [...YEAR_DESC, UNDATED], { sort: 2009, id: P.training }],
      ['ASC', [...YEAR_ASC, UNDATED], { sort: 2021, id: P.thailand }],
    ] as const)('sorts it last by YEAR %s, also across pages', async (direction, expected, beforeLast) => {
      const order: PublicationOrder = { field: 'YEAR', direction };
      expect((await find({}, order)).ids).toEqual(expected);
      expect((await pageThrough({}, order, 2)).ids).toEqual(expected);
      const last = await store().findPublications({}, order, { first: 5, after: beforeLast });
      expect(last.items.map((i) => i.key)).toEqual([{ sort: null, id: UNDATED }]);
      expect(await store().findPublications({}, order, { first: 5, after: last.items[0].key })).toEqual({ items: [], totalCount: 15, hasNextPage: false });
    });

    it('keeps it out of year ranges and trends, and lists it last for its anchors', async () => {
      expect((await find({ yearFrom: 1900 })).totalCount).toBe(14);
      expect((await store().trendOf(['Region:middle-east'])).get('Region:middle-east')).toEqual([{ year: 2016, count: 1 }]);
      const slice = (await store().publicationsOf(['Region:middle-east'], 5)).get('Region:middle-east');
      expect(slice).toMatchObject({ totalCount: 2 });
      expect(ids(slice?.items)).toEqual([P.middleEast, UNDATED]);
    });
  });
}
