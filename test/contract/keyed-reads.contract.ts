import { P, StoreRef, counted, ids } from './contract.fixture';

/** Checks the batched reads keyed by publication, anchor, author, region and theme ids. */
export function describeKeyedReads(store: StoreRef): void {
  describe('from publications', () => {
    it('gives authors in listed order and an entry for every key', async () => {
      const authors = await store().authorsOf([P.nigeria, P.covidFacts, 'Publication:unknown', P.nigeria]);
      expect([...authors.keys()]).toEqual([P.nigeria, P.covidFacts, 'Publication:unknown']);
      expect(ids(authors.get(P.nigeria))).toEqual(['Author:chidi-okafor', 'Author:ana-torres']);
      expect(authors.get(P.covidFacts)).toEqual([]);
      expect(authors.get('Publication:unknown')).toEqual([]);
    });

    it('gives covered places (countries, then regions, by name) and mentioned countries', async () => {
      const covers = await store().placesOf([P.iom, P.gangs, P.ms13, 'Publication:unknown'], 'COVERS');
      expect(ids(covers.get(P.iom))).toEqual(['Country:BD', 'Region:asia', 'Region:oceania']);
      expect(ids(covers.get(P.gangs))).toEqual(['Country:SV', 'Country:HN', 'Region:central-america']);
      expect(ids(covers.get(P.ms13))).toEqual(['Region:world']);
      expect(covers.get('Publication:unknown')).toEqual([]);
      const mentions = await store().placesOf([P.wayForward, P.iom], 'MENTIONS');
      expect(ids(mentions.get(P.wayForward))).toEqual(['AL', 'BA', 'BG', 'HR', 'XK', 'MD', 'ME', 'MK', 'RO', 'RS'].map((c) => `Country:${c}`));
      expect(mentions.get(P.iom)).toEqual([]);
    });

    it('gives themes by score desc then id, with evidence', async () => {
      const themes = await store().themesOf([P.iom, P.covidFacts, 'Publication:unknown']);
      expect(ids(themes.get(P.iom)?.map((t) => t.theme))).toEqual(['Theme:human-trafficking', 'Theme:case-management', 'Theme:child-trafficking', 'Theme:displacement-and-refugees']);
      // covid-19 and human-trafficking tie on score; the theme id breaks the tie.
      expect(ids(themes.get(P.covidFacts)?.map((t) => t.theme))).toEqual(['Theme:covid-19', 'Theme:human-trafficking', 'Theme:child-trafficking']);
      expect(themes.get(P.iom)?.[2]).toMatchObject({ score: 0.5, evidence: ['category: Child Trafficking'] });
      expect(themes.get('Publication:unknown')).toEqual([]);
    });

    it('ranks related publications: the two COVID-19 documents are each other\'s best match', async () => {
      const related = await store().relatedOf([P.covidFacts, P.covidGuide, P.gangs, 'Publication:unknown'], 3);
      const facts = related.get(P.covidFacts) ?? [];
      expect(facts.map((r) => [r.publication.id, r.score])).toEqual([[P.covidGuide, 3.5], [P.ms13, 2.5], [P.demand, 2.5]]);
      expect(ids(facts[0].sharedThemes)).toEqual(['Theme:child-trafficking', 'Theme:covid-19', 'Theme:human-trafficking']);
      expect(ids(facts[0].sharedPlaces)).toEqual(['Region:world']);
      expect(related.get(P.covidGuide)?.[0]).toMatchObject({ publication: { id: P.covidFacts }, score: 3.5 });
      // Only what shares something: MS-13 shares the gangs theme, Guatemala the covered Central America.
      expect(related.get(P.gangs)?.map((r) => [r.publication.id, r.score, ids(r.sharedThemes), ids(r.sharedPlaces)])).toEqual([
        [P.ms13, 1, ['Theme:gangs'], []],
        [P.guatemala, 0.5, [], ['Region:central-america']],
      ]);
      expect(related.get('Publication:unknown')).toEqual([]);
      expect((await store().relatedOf([P.covidFacts], 1)).get(P.covidFacts)).toHaveLength(1);
    });
  });

  describe('from anchors of every kind', () => {
    const anchors = ['Theme:child-marriage', 'Theme:human-trafficking', 'Country:GH', 'Country:BD', 'Region:southern-asia', 'Region:asia', 'Author:chidi-okafor', 'Theme:unknown', 'Publication:x', 'junk'];

    it('gives the first publications (year desc, id) and the total', async () => {
      const slices = await store().publicationsOf(anchors, 2);
      expect([...slices.keys()]).toEqual(anchors);
      const view = (id: string) => [slices.get(id)?.totalCount, ids(slices.get(id)?.items)];
      expect(view('Theme:child-marriage')).toEqual([3, [P.guatemala, P.girl]]);
      expect(view('Theme:human-trafficking')[0]).toBe(8); // ABOUT directly: narrower themes do not count
      expect(view('Country:GH')).toEqual([0, []]);
      expect(view('Country:BD')).toEqual([1, [P.iom]]);
      expect(view('Region:southern-asia')).toEqual([1, [P.iom]]);
      expect(view('Region:asia')).toEqual([4, [P.thailand, P.iom]]);
      expect(view('Author:chidi-okafor')).toEqual([3, [P.nigeria, P.thailand]]);
      for (const id of ['Theme:unknown', 'Publication:x', 'junk']) expect(slices.get(id)).toEqual({ items: [], totalCount: 0 });
      const withMentions = await store().publicationsOf(['Country:GH'], 5, { includeMentions: true });
      expect(ids(withMentions.get('Country:GH')?.items)).toEqual([P.nigeria]);
    });

    it('counts the themes of each anchor\'s publications', async () => {
      const counts = await store().themeCountsOf(anchors);
      expect(counted(counts.get('Author:chidi-okafor'))).toEqual([
        ['Theme:forced-labour', 2], ['Theme:referral-mechanisms', 2], ['Theme:child-marriage', 1], ['Theme:covid-19', 1], ['Theme:human-trafficking', 1],
      ]);
      expect(counted(counts.get('Theme:child-marriage')).slice(0, 3)).toEqual([['Theme:child-marriage', 3], ['Theme:child-trafficking', 2], ['Theme:displacement-and-refugees', 2]]);
      expect(counted(counts.get('Region:southern-asia'))).toEqual([
        ['Theme:case-management', 1], ['Theme:child-trafficking', 1], ['Theme:displacement-and-refugees', 1], ['Theme:human-trafficking', 1],
      ]);
      expect(counts.get('Country:GH')).toEqual([]);
      expect(counts.get('junk')).toEqual([]);
      const mentioned = await store().themeCountsOf(['Country:GH'], { includeMentions: true });
      expect(counted(mentioned.get('Country:GH'))).toEqual([['Theme:human-trafficking', 1], ['Theme:referral-mechanisms', 1]]);
    });

    it('gives each anchor\'s publications per year', async () => {
      const trends = await store().trendOf(anchors);
      expect(trends.get('Theme:child-marriage')).toEqual([{ year: 2016, count: 2 }, { year: 2019, count: 1 }]);
      expect(trends.get('Author:chidi-okafor')).toEqual([{ year: 2019, count: 1 }, { year: 2021, count: 2 }]);
      expect(trends.get('Region:asia')).toEqual([2015, 2016, 2019, 2021].map((year) => ({ year, count: 1 })));
      expect(trends.get('Country:BD')).toEqual([{ year: 2019, count: 1 }]);
      expect(trends.get('Country:GH')).toEqual([]);
      expect(trends.get('Publication:x')).toEqual([]);
    });
  });

  describe('authors, places and themes', () => {
    it('gives co-authors by shared publications', async () => {
      const co = await store().coauthorsOf(['Author:chidi-okafor', 'Author:ana-torres', 'Author:jennifer-schlecht', 'Author:unknown'], 5);
      expect(counted(co.get('Author:chidi-okafor'))).toEqual([['Author:ana-torres', 2], ['Author:mai-tran', 1]]);
      expect(counted(co.get('Author:ana-torres'))).toEqual([['Author:chidi-okafor', 2], ['Author:luis-mendoza', 1]]);
      expect(co.get('Author:jennifer-schlecht')).toEqual([]);
      expect(co.get('Author:unknown')).toEqual([]);
      expect(counted((await store().coauthorsOf(['Author:chidi-okafor'], 1)).get('Author:chidi-okafor'))).toEqual([['Author:ana-torres', 2]]);
    });

    it('counts a theme\'s countries, with mentions on request, and its regions over their subtrees', async () => {
      const countries = await store().countryCountsOf(['Theme:child-marriage', 'Theme:human-trafficking', 'Theme:unknown']);
      expect(counted(countries.get('Theme:child-marriage'))).toEqual([['Country:GT', 1]]);
      expect(counted(countries.get('Theme:human-trafficking'))).toEqual([['Country:BD', 1], ['Country:NG', 1]]);
      expect(countries.get('Theme:unknown')).toEqual([]);
      const mentions = await store().countryCountsOf(['Theme:child-marriage'], { includeMentions: true });
      expect(counted(mentions.get('Theme:child-marriage'))).toEqual([['Country:GT', 1], ['Country:JO', 1], ['Country:LB', 1]]);
      const regions = await store().regionCountsOf(['Theme:human-trafficking', 'Theme:child-marriage', 'Theme:unknown']);
      expect(counted(regions.get('Theme:human-trafficking'))).toEqual([
        ['Region:world', 8], ['Region:africa', 1], ['Region:asia', 1], ['Region:oceania', 1], ['Region:southern-asia', 1],
        ['Region:sub-saharan-africa', 1], ['Region:western-africa', 1],
      ]);
      expect(counted(regions.get('Theme:child-marriage'))).toContainEqual(['Region:middle-east', 1]);
      expect(counted(regions.get('Theme:child-marriage'))).toContainEqual(['Region:northern-africa', 1]);
      expect(regions.get('Theme:unknown')).toEqual([]);
    });

    it('walks the M49 tree: chains, parents, children and countries', async () => {
      const chains = await store().regionChainOf(['Country:BD', 'Country:HN', 'Region:southern-asia', 'Region:middle-east', 'Region:world', 'Theme:gangs']);
      expect(ids(chains.get('Country:BD'))).toEqual(['Region:southern-asia', 'Region:asia', 'Region:world']);
      expect(ids(chains.get('Country:HN'))).toEqual(['Region:central-america', 'Region:latin-america-and-the-caribbean', 'Region:americas', 'Region:world']);
      expect(ids(chains.get('Region:southern-asia'))).toEqual(['Region:asia', 'Region:world']);
      expect(ids(chains.get('Region:middle-east'))).toEqual(['Region:northern-africa', 'Region:western-asia', 'Region:africa', 'Region:asia', 'Region:world']);
      expect(chains.get('Region:world')).toEqual([]);
      expect(chains.get('Theme:gangs')).toEqual([]);
      const parents = await store().parentsOf(['Region:middle-east', 'Region:southern-asia', 'Region:world']);
      expect([...parents].map(([id, list]) => [id, ids(list)])).toEqual([
        ['Region:middle-east', ['Region:northern-africa', 'Region:western-asia']], ['Region:southern-asia', ['Region:asia']], ['Region:world', []],
      ]);
      const children = await store().childrenOf(['Region:world', 'Region:western-asia', 'Region:southern-asia']);
      expect(ids(children.get('Region:world'))).toEqual(['Region:africa', 'Region:americas', 'Region:asia', 'Region:europe', 'Region:oceania']);
      expect(ids(children.get('Region:western-asia'))).toEqual(['Region:gulf-states', 'Region:mena', 'Region:middle-east']);
      expect(children.get('Region:southern-asia')).toEqual([]);
      const direct = await store().countriesOf(['Region:southern-asia', 'Region:asia', 'Region:middle-east'], false);
      expect(ids(direct.get('Region:southern-asia'))).toEqual(['AF', 'BD', 'BT', 'IN', 'IR', 'MV', 'NP', 'PK', 'LK'].map((c) => `Country:${c}`));
      expect(direct.get('Region:asia')).toEqual([]);
      const deep = await store().countriesOf(['Region:asia', 'Region:central-america', 'Region:middle-east'], true);
      expect(deep.get('Region:asia')).toHaveLength(50);
      expect(ids(deep.get('Region:asia'))).toEqual(expect.arrayContaining(['Country:BD', 'Country:TH', 'Country:JO']));
      expect(ids(deep.get('Region:central-america'))).toEqual(['BZ', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA'].map((c) => `Country:${c}`));
      expect(deep.get('Region:middle-east')).toEqual([]);
    });

    it('gives broader and narrower themes', async () => {
      const broader = await store().broaderOf(['Theme:child-trafficking', 'Theme:child-marriage', 'Theme:gangs']);
      expect([...broader].map(([id, list]) => [id, ids(list)])).toEqual([
        ['Theme:child-trafficking', ['Theme:human-trafficking']], ['Theme:child-marriage', ['Theme:gender-based-violence']], ['Theme:gangs', []],
      ]);
      const narrower = await store().narrowerOf(['Theme:human-trafficking', 'Theme:gangs']);
      expect(ids(narrower.get('Theme:human-trafficking'))).toEqual(['Theme:child-trafficking']);
      expect(narrower.get('Theme:gangs')).toEqual([]);
    });

    it('gives co-occurring themes with count, jaccard and lift', async () => {
      const related = await store().relatedThemesOf(['Theme:covid-19', 'Theme:unknown'], 4);
      // COVID-19 has 3 publications, human trafficking 8 (ABOUT directly), child trafficking 10,
      // forced labour 2, displacement 4; all 14 publications make N.
      const sizes = await store().publicationsOf(['Theme:covid-19', 'Theme:human-trafficking'], 0);
      expect([sizes.get('Theme:covid-19')?.totalCount, sizes.get('Theme:human-trafficking')?.totalCount]).toEqual([3, 8]);
      expect(related.get('Theme:covid-19')?.map((r) => [r.theme.id, r.count, r.jaccard, r.lift])).toEqual([
        ['Theme:human-trafficking', 2, 0.2222, 1.1667], // 2 / (3 + 8 - 2); 2 * 14 / (3 * 8)
        ['Theme:child-trafficking', 2, 0.1818, 0.9333], // 2 / (3 + 10 - 2); 2 * 14 / (3 * 10)
        ['Theme:forced-labour', 1, 0.25, 2.3333], // 1 / (3 + 2 - 1); 14 / (3 * 2)
        ['Theme:displacement-and-refugees', 1, 0.1667, 1.1667], // 1 / (3 + 4 - 1); 14 / (3 * 4)
      ]);
      expect(related.get('Theme:unknown')).toEqual([]);
    });
  });
}
