import { seedEntries } from '../helpers/seed';
import { buildGeography, geographyIndex, regionAncestry } from '../../src/ingest/m49.catalog';
import { findMentionedCountries, isWorldwide, resolveCountry, resolveRegion } from '../../src/ingest/place.resolver';
import { foldText, slugOf } from '../../src/ingest/text.normalize';


describe('text normalisation', () => {
  it('folds case, accents, curly quotes and whitespace', () => {
    expect(foldText('  Côte  d’Ivoire\n')).toBe("cote d'ivoire");
    expect(slugOf("Côte d'Ivoire")).toBe('cote-d-ivoire');
    expect(slugOf('Latin America and the Caribbean')).toBe('latin-america-and-the-caribbean');
    expect(slugOf('South-eastern Asia')).toBe('south-eastern-asia');
  });
});

describe('M49 geography', () => {
  const geo = buildGeography();
  const idx = geographyIndex();

  it('has every M49 country with an ISO code, plus Kosovo', () => {
    expect(geo.countries).toHaveLength(249);
    expect(idx.countryById.get('Country:BD')).toEqual({
      type: 'Country', id: 'Country:BD', iso2: 'BD', iso3: 'BGD', m49: '050', name: 'Bangladesh',
    });
    expect(idx.countryById.get('Country:MK')?.name).toBe('North Macedonia');
    expect(idx.countryById.get('Country:CI')?.name).toBe("Côte d'Ivoire");
    expect(idx.countryById.get('Country:XK')).toEqual({
      type: 'Country', id: 'Country:XK', iso2: 'XK', iso3: 'XKX', m49: null, name: 'Kosovo',
    });
    expect(idx.regionOfCountry.get('Country:XK')).toBe('Region:southern-europe');
  });

  it('puts Bangladesh in Southern Asia, in Asia, in the World', () => {
    expect(idx.regionOfCountry.get('Country:BD')).toBe('Region:southern-asia');
    expect(regionAncestry('Region:southern-asia')).toEqual(['Region:southern-asia', 'Region:asia', 'Region:world']);
    expect(idx.regionById.get('Region:southern-asia')).toEqual({
      type: 'Region', id: 'Region:southern-asia', name: 'Southern Asia', m49: '034', level: 'SUBREGION',
    });
    expect(idx.regionById.get('Region:world')?.level).toBe('WORLD');
  });

  it('links a country to its most specific area (an intermediate region where there is one)', () => {
    expect(idx.regionOfCountry.get('Country:BR')).toBe('Region:south-america');
    expect(regionAncestry('Region:south-america')).toEqual([
      'Region:south-america', 'Region:latin-america-and-the-caribbean', 'Region:americas', 'Region:world',
    ]);
    expect(idx.regionById.get('Region:south-america')?.level).toBe('INTERMEDIATE');
  });

  it('adds the custom regions with their PART_OF links', () => {
    const me = idx.regionById.get('Region:middle-east');
    expect(me).toEqual({ type: 'Region', id: 'Region:middle-east', name: 'Middle East', m49: null, level: 'CUSTOM' });
    expect(idx.parentsOf.get('Region:middle-east')).toEqual(['Region:western-asia', 'Region:northern-africa']);
    expect(idx.parentsOf.get('Region:south-eastern-europe')).toEqual(['Region:southern-europe', 'Region:eastern-europe']);
    expect(geo.regions.filter((r) => r.level === 'CUSTOM').length).toBeGreaterThanOrEqual(6);
    expect(new Set(geo.regions.map((r) => r.id)).size).toBe(geo.regions.length);
  });

  it('links every region but World to an existing parent', () => {
    const ids = new Set(geo.regions.map((r) => r.id));
    for (const r of geo.regions) {
      if (r.id === 'Region:world') continue;
      const parents = idx.parentsOf.get(r.id) ?? [];
      expect(parents.length).toBeGreaterThan(0);
      for (const p of parents) expect(ids.has(p)).toBe(true);
    }
    for (const [c, r] of geo.countryRegions) {
      expect(idx.countryById.has(c)).toBe(true);
      expect(ids.has(r)).toBe(true);
    }
  });
});

describe('resolveCountry', () => {
  it.each([
    ['Bangladesh', 'BD'], ['macedonia', 'MK'], ['North Macedonia', 'MK'], ['KOSOVO', 'XK'],
    ["Côte d'Ivoire", 'CI'], ["Cote d'Ivoire", 'CI'], ['cote divoire', 'CI'], ['Ivory Coast', 'CI'],
    ['Bosnia and Herzegovina', 'BA'], ['Bosnia', 'BA'], ['Syria', 'SY'], ['Syrian Arab Republic', 'SY'],
    ['Moldova', 'MD'], ['Russia', 'RU'], ['Vietnam', 'VN'], ['Viet Nam', 'VN'], ['Laos', 'LA'], ['Iran', 'IR'],
    ['Tanzania', 'TZ'], ['Bolivia', 'BO'], ['Venezuela', 'VE'], ['Czech Republic', 'CZ'], ['Turkey', 'TR'],
    ['Türkiye', 'TR'], ['UK', 'GB'], ['USA', 'US'], ['United States of America', 'US'], ['DR Congo', 'CD'],
    ['Democratic Republic of the Congo', 'CD'], ['Republic of the Congo', 'CG'], ['bd', 'BD'], ['BGD', 'BD'],
    ['xkx', 'XK'], ['  papua new guinea ', 'PG'],
  ])('%s → Country:%s', (name, iso2) => {
    expect(resolveCountry(name)?.id).toBe(`Country:${iso2}`);
  });

  it('returns null for what is not a country', () => {
    for (const name of ['Worldwide', 'Asia', 'Middle East', 'Island', 'Narnia', '']) expect(resolveCountry(name)).toBeNull();
  });
});

describe('resolveRegion and isWorldwide', () => {
  it.each([
    ['Pacific', 'Region:oceania'], ['Oceania', 'Region:oceania'], ['Asia', 'Region:asia'], ['Americas', 'Region:americas'],
    ['Africa', 'Region:africa'], ['Europe', 'Region:europe'], ['Worldwide', 'Region:world'], ['Global', 'Region:world'],
    ['Latin America', 'Region:latin-america-and-the-caribbean'], ['Southern Asia', 'Region:southern-asia'],
    ['sub-saharan africa', 'Region:sub-saharan-africa'], ['South-East Asia', 'Region:south-eastern-asia'],
    ['Central America', 'Region:central-america'], ['Middle East', 'Region:middle-east'],
    ['South-Eastern Europe', 'Region:south-eastern-europe'], ['Balkans', 'Region:south-eastern-europe'],
    ['Western Balkans', 'Region:western-balkans'], ['MENA', 'Region:mena'], ['Sahel', 'Region:sahel'],
    ['Horn of Africa', 'Region:horn-of-africa'], ['034', 'Region:southern-asia'],
  ])('%s → %s', (label, id) => {
    expect(resolveRegion(label)?.id).toBe(id);
  });

  it('keeps M49 levels and marks custom regions', () => {
    expect(resolveRegion('Central America')?.level).toBe('INTERMEDIATE');
    expect(resolveRegion('Middle East')?.level).toBe('CUSTOM');
    expect(resolveRegion('Atlantis')).toBeNull();
  });

  it('recognises the labels for the whole world', () => {
    for (const l of ['Worldwide', 'global', ' WORLD ', 'International']) expect(isWorldwide(l)).toBe(true);
    for (const l of ['Asia', 'Worldwide Fund', '']) expect(isWorldwide(l)).toBe(false);
  });
});

describe('findMentionedCountries', () => {
  const entries = seedEntries();

  it('reads the nine seed entries', () => {
    expect(entries).toHaveLength(9);
  });

  it('finds exactly the ten SEE countries of the referral-mechanism report, in order', () => {
    const see = entries.find((e) => e.title.includes('Transnational Referral Mechanisms'))!;
    const found = findMentionedCountries(see.abstract);
    expect(found.map((m) => m.id)).toEqual(
      ['AL', 'BA', 'BG', 'HR', 'XK', 'MK', 'MD', 'ME', 'RO', 'RS'].map((c) => `Country:${c}`),
    );
    expect(found.map((m) => m.matched)).toEqual([
      'Albania', 'Bosnia and Herzegovina', 'Bulgaria', 'Croatia', 'Kosovo', 'Macedonia', 'Moldova', 'Montenegro', 'Romania', 'Serbia',
    ]);
  });

  it('finds no country in the other eight seed abstracts or in any seed title', () => {
    for (const e of entries) {
      expect(findMentionedCountries(e.title)).toEqual([]);
      if (!e.title.includes('Transnational Referral Mechanisms')) expect(findMentionedCountries(e.abstract)).toEqual([]);
    }
  });

  it('takes the longest name, whole words only', () => {
    const ids = (t: string): string[] => findMentionedCountries(t).map((m) => m.id);
    expect(ids('Work in Papua New Guinea and Guinea-Bissau')).toEqual(['Country:PG', 'Country:GW']);
    expect(ids('Nigeria, then Niger, then the Niger Delta')).toEqual(['Country:NG', 'Country:NE']);
    expect(ids('Sudan and South Sudan')).toEqual(['Country:SD', 'Country:SS']);
    expect(ids('from the Democratic Republic of the Congo')).toEqual(['Country:CD']);
    expect(ids('Bosnia-Herzegovina, Bosnia and Herzegovina')).toEqual(['Country:BA']);
  });

  it('is case-sensitive on proper nouns but accent-insensitive, and reports the text as written', () => {
    expect(findMentionedCountries('a turkey, a chad and a guinea pig in jordan')).toEqual([]);
    expect(findMentionedCountries('girls from Côte d’Ivoire and Cote d\'Ivoire')).toEqual([
      { id: 'Country:CI', matched: 'Côte d’Ivoire' },
    ]);
    expect(findMentionedCountries('Türkiye and Turkey')).toEqual([{ id: 'Country:TR', matched: 'Türkiye' }]);
  });

  it('ignores acronyms and over-general alternative spellings', () => {
    expect(findMentionedCountries('The UK, USA, SEE and AT; an Island; Thai food; Emirates flights')).toEqual([]);
  });
});
