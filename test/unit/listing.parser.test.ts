import { seedListingText } from '../helpers/seed';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseListing } from '../../src/ingest/listing.parser';
import { parseInput } from '../../src/ingest/read-input';
import { validateEntry } from '../../src/ingest/publication.input';
import { resolveEntry } from '../../src/ingest/entry.resolver';
import { createTagger } from '../../src/ingest/theme.tagger';
import { loadTaxonomy } from '../../src/ingest/taxonomy';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const seed = seedListingText();

/** The parts of an entry that do not depend on line numbers. */
const content = (text: string) =>
  parseListing(text, 'x.txt').entries.map(({ title, abstract, countries, regions, authors, year, categories, pageCategory }) =>
    ({ title, abstract, countries, regions, authors, year, categories, pageCategory }));

describe('parseListing on the seed page', () => {
  const result = parseListing(seed, 'seed-listing.txt');

  it('finds the nine entries, the page heading and no problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('listing');
    expect(result.pageCategory).toBe('Child Trafficking');
    expect(result.entries).toHaveLength(9);
    expect(result.entries.every((e) => e.pageCategory === 'Child Trafficking')).toBe(true);
  });

  it('reads titles, years and empty categories', () => {
    expect(result.entries.map((e) => e.title)).toEqual([
      'IOM Case Data Analysis Human Trafficking',
      'A Girl No More: The Changing Norms of Child Marriage in Conflict',
      'Commercial Sexual Exploitation and Trafficking of Children “In a Nutshell”',
      'The Demand-Side in Anti-Trafficking: Current Measures and Ways Forward',
      'The Way Forward in Establishing Effective Transnational Referral Mechanisms. A Report Based on Experiences in Cases of Human Trafficking in South-Eastern Europe',
      'COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Factsheet',
      'COVID-19 Impact on Trafficking in Persons - A Protection, Gender & Inclusion (PGI) Technical Guidance Note',
      'The Connection Between the Mara Salvatrucha (MS-13) and Human Trafficking',
      "Training Manual to Fight Trafficking in Children for Labour, Sexual and Other Forms of Exploitation Facilitator's Guide",
    ]);
    expect(result.entries.map((e) => Number(e.year))).toEqual([2019, 2016, 2015, 2017, 2012, 2020, 2020, 2017, 2009]);
    expect(result.entries.every((e) => e.categories.length === 0)).toBe(true);
  });

  it('reads multi-line blocks and authors', () => {
    const [first, girl, , , , , , ms13, last] = result.entries;
    expect(first.countries).toEqual(['Bangladesh']);
    expect(first.regions).toEqual(['Asia', 'Pacific']);
    expect(first.authors).toEqual([]);
    expect(first.abstract).toMatch(/^This analysis is based on IOM’s caseload/);
    expect(girl.authors).toEqual(['Jennifer Schlecht']);
    expect(girl.countries).toEqual(['Worldwide']);
    expect(ms13.authors).toEqual(['Michelle Lillie']);
    expect(last.year).toBe('2009'); // the file ends "Year\n2009" with no newline and no Category block
    expect(last.fieldLines.category).toBeUndefined();
  });

  it('records the line of the title, the abstract and each field\'s first value (not its label)', () => {
    const [first, girl] = result.entries;
    expect(first.location).toEqual({ file: 'seed-listing.txt', line: 5 });
    expect(first.fieldLines).toEqual({ title: 5, abstract: 7, country: 9, region: 11, year: 14, category: 15 });
    expect(girl.fieldLines).toEqual({ title: 17, abstract: 19, country: 21, region: 23, authors: 25, year: 27, category: 28 });
    expect(result.entries.map((e) => e.location.line)).toEqual([5, 17, 30, 42, 53, 64, 75, 86, 99]);
  });

  it('gives the same entries with CRLF, a BOM, trailing spaces and extra blank lines', () => {
    const messy = '\uFEFF' + seed
      .split('\n')
      .map((line) => line + '  ')
      .join('\r\n')
      .replace(/\r\n  \r\n/g, '\r\n\r\n\r\n'); // every blank line becomes two
    expect(messy).not.toBe(seed);
    const parsed = parseListing(messy, 'x.txt');
    expect(parsed.problems).toEqual([]);
    expect(content(messy)).toEqual(content(seed));
  });

  it('does not need the "Skip to main content" line or a trailing newline', () => {
    const bare = seed.replace(/^Skip to main content\n\n/, '');
    expect(content(bare)).toEqual(content(seed));
    expect(content(seed + '\n\n')).toEqual(content(seed));
  });
});

describe('parseListing on a small page', () => {
  const result = parseListing(fixture('listing-small.txt'), 'small.txt');

  it('accepts label aliases with colons and splits values on ";"', () => {
    expect(result.problems).toEqual([]);
    expect(result.pageCategory).toBe('Child Protection');
    const [schools, labour] = result.entries;
    expect(schools).toMatchObject({
      title: 'Safe Schools in West Africa',
      countries: ['Ghana', "Côte d'Ivoire", 'Togo'],
      regions: ['Western Africa'],
      authors: ['Kofi Mensah', 'Aïcha Traoré'],
      year: '2021',
      categories: ['Education'],
      fieldLines: { title: 5, abstract: 7, country: 9, region: 12, authors: 14, year: 16, category: 18 },
    });
    expect(labour.abstract).toBe('First paragraph of the abstract.\nSecond paragraph.');
    expect(labour.location.line).toBe(20);
    expect(labour.fieldLines.abstract).toBe(22);
  });

  it('has no heading when the first title is followed straight by its abstract', () => {
    const text = 'Only Paper\n\nIts abstract.\nCountry\nNepal\nRegion\nAsia\nYear\n2019\n';
    const parsed = parseListing(text, 'x.txt');
    expect(parsed.pageCategory).toBeNull();
    expect(parsed.entries.map((e) => [e.title, e.abstract, e.pageCategory])).toEqual([['Only Paper', 'Its abstract.', null]]);
  });

  it('keeps single-word place names as values, however many there are', () => {
    const text = 'Paper\n\nAbstract.\nCountry\nBangladesh\nIndia\nNepal\nRegion\nAsia\nPacific\nOceania\nYear\n2019\n';
    const parsed = parseListing(text, 'x.txt');
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0].countries).toEqual(['Bangladesh', 'India', 'Nepal']);
    expect(parsed.entries[0].regions).toEqual(['Asia', 'Pacific', 'Oceania']);
  });
});

describe('parseListing problems', () => {
  it('reports labels that come before any title', () => {
    const parsed = parseListing(fixture('listing-no-title.txt'), 'no-title.txt');
    expect(parsed.problems).toEqual([
      { file: 'no-title.txt', line: 1, field: 'title', message: 'entry has no title: block label "Country" comes before any title' },
    ]);
    expect(parsed.entries.map((e) => [e.title, e.location.line])).toEqual([['Real Title', 8]]);
  });

  it('reports an unknown block label on its line', () => {
    const parsed = parseListing(fixture('listing-unknown-label.txt'), 'unknown.txt');
    expect(parsed.problems).toEqual([{
      file: 'unknown.txt', line: 10, field: 'label',
      message: 'unknown block label "Language" (known labels: Country, Region, Authors, Year, Category)',
    }]);
    // The unknown block's value is dropped, not added to Region.
    expect(parsed.entries[0].regions).toEqual(['Worldwide']);
    expect(parsed.entries[0].year).toBe('2019');
  });

  it('flags label-shaped lines with a colon, after the abstract, or after the year', () => {
    const lines = (text: string) => parseListing(text, 'x.txt').problems.map((p) => [p.line, p.field]);
    expect(lines('T\n\nA.\nCountry\nNepal\nPublisher:\nUNICEF\nYear\n2019\n')).toEqual([[6, 'label']]);
    expect(lines('T\n\nA.\nFormat\nPDF\nCountry\nNepal\nYear\n2019\n')).toEqual([[4, 'label']]);
    expect(lines('T\n\nA.\nCountry\nNepal\nYear\n2019\nEdition\nSecond\n')).toEqual([[8, 'label']]);
  });

  it('reports an empty file, or one with only boilerplate', () => {
    const empty = { file: 'e.txt', line: 1, field: 'file', message: 'empty file: no entries found' };
    expect(parseListing(fixture('listing-empty.txt'), 'e.txt')).toEqual({
      file: 'e.txt', format: 'listing', pageCategory: null, entries: [], problems: [empty],
    });
    expect(parseListing('Skip to main content\n\nChild Trafficking\n', 'e.txt').problems).toEqual([empty]);
  });

  it('reports a mid-page entry whose title and abstract are missing', () => {
    const text = 'T\n\nA.\nCountry\nNepal\nYear\n2019\nCategory\n\nCountry\nIndia\nYear\n2018\n\nNext\n\nB.\nRegion\nAsia\nYear\n2017\n';
    const parsed = parseListing(text, 'x.txt');
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([[10, 'country']]);
    expect(parsed.problems[0].message).toMatch(/belongs to no entry/);
    expect(parsed.entries.map((e) => [e.title, e.countries])).toEqual([['T', ['Nepal']], ['Next', []]]);
  });

  it('reports a mid-page abstract with no title before it', () => {
    const abstract = 'This abstract lost its title. '.repeat(20).trim();
    const text = `T\n\nA.\nCountry\nNepal\nYear\n2019\nCategory\n\n${abstract}\nCountry\nIndia\nYear\n2018\n`;
    const parsed = parseListing(text, 'x.txt');
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([[10, 'title']]);
    expect(parsed.entries).toHaveLength(1);
  });

  it('reports a title with no abstract', () => {
    const parsed = parseListing('T\n\nA.\nYear\n2019\n\nLonely Title\nCountry\nIndia\nYear\n2018\n', 'x.txt');
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([[7, 'abstract']]);
  });
});

describe('parseInput', () => {
  it('routes .txt files to the listing parser', () => {
    expect(parseInput(seed, 'page.txt').entries).toHaveLength(9);
    expect(parseInput(seed, 'page', 'listing').format).toBe('listing');
  });
});

describe('line numbers of bad values', () => {
  it('names the line of the value itself: the second country, not the Country label', () => {
    const page = 'Heading\n\nLost Places\n\nA report about nowhere.\nCountry\nNepal\nAtlantis\nRegion\nAsia\nYear\n2020\n';
    const { entries } = parseListing(page, 'p.txt');
    expect(entries[0].valueLines).toMatchObject({ country: [7, 8], region: [10], year: [12] });
    const { input } = validateEntry(entries[0]);
    expect(resolveEntry(input!, createTagger(loadTaxonomy())).problems).toEqual([
      { file: 'p.txt', line: 8, field: 'country', message: expect.stringMatching(/unknown country "Atlantis"/) },
    ]);
  });
});

describe('malformed pages (issue 19)', () => {
  const lineOf = (text: string, line: string): number => text.split('\n').indexOf(line) + 1;

  // The fuzz run's 92,000 values overflowed its stack; here, in Jest, push(...values) needed about 150,000.
  it('reads a line of 150,000 ";"-separated values without overflowing the stack, each on its line', () => {
    const values = Array.from({ length: 150_000 }, (_, i) => `v${i}`);
    const page = seed.replace('Bangladesh', values.join(';'));
    const { entries, problems } = parseListing(page, 'p.txt');
    expect(problems).toEqual([]);
    expect(entries[0].countries).toHaveLength(150_000);
    expect(entries[0].countries.at(-1)).toBe('v149999');
    expect(new Set(entries[0].valueLines?.country)).toEqual(new Set([9]));
  });

  it('takes lines reading "constructor" or "__proto__" as text, not as labels', () => {
    for (const word of ['constructor', '__proto__', '__proto__:', 'toString']) {
      const { entries, problems } = parseListing(seed.replace('Country\nBangladesh', `${word}\nBangladesh`), 'p.txt');
      expect(problems).toEqual([]);
      expect(entries).toHaveLength(9);
      // Not a label: the line and the country after it run on in the abstract, and the entry has no country.
      expect(entries[0].abstract.endsWith(`against victims. ${word} Bangladesh`)).toBe(true);
      expect(entries[0].countries).toEqual([]);
      expect(parseListing(seed.replace('Bangladesh', word), 'p.txt').entries[0].countries).toEqual([word]);
    }
    expect(parseListing(seed.replace('Country\nBangladesh', 'Constructor\nBangladesh'), 'p.txt').problems).toEqual([
      { file: 'p.txt', line: 8, field: 'label', message: 'unknown block label "Constructor" (known labels: Country, Region, Authors, Year, Category)' },
    ]);
  });

  it('echoes at most a short excerpt of a huge title in its messages', () => {
    const title = 'T'.repeat(300);
    const page = `${title}\n\nAn abstract.\nYear\n2019\nYear\n2020\n`;
    const [problem] = parseListing(page, 'p.txt').problems;
    expect(problem).toMatchObject({ line: 6, field: 'year' });
    expect(problem.message).toBe(`duplicate block label "Year" in entry "${'T'.repeat(60)}…"`);
  });

  it('refuses NUL, U+FFFD and control characters, and lines past MAX_LINE, on their lines (parseInput)', () => {
    const nul = seed.replace('Bangladesh', 'Bangla\0desh');
    expect(parseInput(nul, 'p.txt')).toMatchObject({ entries: [], problems: [{ file: 'p.txt', line: 9, field: 'file', message: 'holds a NUL character (U+0000); only text files are read' }] });
    const fffd = seed.replace('Asia', 'As\uFFFDia');
    expect(parseInput(fffd, 'p.txt').problems).toEqual([
      { file: 'p.txt', line: lineOf(seed, 'Asia'), field: 'file', message: 'holds a replacement character (U+FFFD), left where bytes that are not valid UTF-8 were decoded; only text files are read' },
    ]);
    expect(parseInput(seed.replace('2019', '20\x1b19'), 'p.txt').problems.map((p) => [p.line, p.message])).toEqual([[lineOf(seed, '2019'), 'holds a control character (U+001B); only text files are read']]);
    const long = seed.replace('Bangladesh', 'x'.repeat(1_100_000));
    expect(parseInput(long, 'p.txt').problems).toEqual([
      { file: 'p.txt', line: 9, field: 'line', message: 'line is 1100000 characters long; lines are at most 100000' },
    ]);
  });

  it('counts CR-only and CRLF line ends alike, and drops a leading BOM', () => {
    const cr = seed.replace(/\n/g, '\r');
    const crlf = `\uFEFF${seed.replace(/\n/g, '\r\n')}`;
    expect(content(cr)).toEqual(content(seed));
    expect(content(crlf)).toEqual(content(seed));
    expect(parseInput(cr.replace('Bangladesh', 'Bangla\0desh'), 'p.txt').problems.map((p) => p.line)).toEqual([9]);
  });
});
