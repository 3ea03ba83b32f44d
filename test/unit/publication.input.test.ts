import { seedListingText } from '../helpers/seed';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawEntry } from '../../src/domain/import.types';
import { parseCsv } from '../../src/ingest/csv.parser';
import { parseJson } from '../../src/ingest/json.parser';
import { parseListing } from '../../src/ingest/listing.parser';
import { PublicationInput, validateEntry } from '../../src/ingest/publication.input';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const NEXT_YEAR = new Date().getFullYear() + 1;

const raw = (over: Partial<RawEntry> = {}): RawEntry => ({
  location: { file: 'x.txt', line: 10 },
  fieldLines: { title: 10, abstract: 12, country: 13, region: 15, authors: 17, year: 19, category: 21 },
  title: 'A Title',
  abstract: 'An abstract.',
  countries: ['Nepal'],
  regions: ['Asia'],
  authors: [],
  year: '2019',
  categories: [],
  pageCategory: null,
  ...over,
});
const problemsOf = (over: Partial<RawEntry>) => validateEntry(raw(over)).problems.map((p) => [p.line, p.field, p.message]);

describe('validateEntry on parsed files', () => {
  it('accepts every seed entry and turns years into numbers', () => {
    const results = parseListing(seedListingText(), 'seed.txt').entries.map(validateEntry);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    expect(results.map((r) => r.input?.year)).toEqual([2019, 2016, 2015, 2017, 2012, 2020, 2020, 2017, 2009]);
    expect(results[0].input).toMatchObject({ countries: ['Bangladesh'], regions: ['Asia', 'Pacific'], pageCategory: 'Child Trafficking' });
  });

  it('reports the year "20x9" on its own line, below the Year label', () => {
    const entries = parseListing(fixture('listing-year-20x9.txt'), 'y.txt').entries;
    expect(entries.map((e) => validateEntry(e).problems)).toEqual([[], [
      { file: 'y.txt', line: 22, field: 'year', message: `"20x9" is not a 4-digit year between 1900 and ${NEXT_YEAR}` },
    ]]);
  });

  it('reports the year 1850 on its own line, below the Year label', () => {
    const [entry] = parseListing(fixture('listing-year-1850.txt'), 'old.txt').entries;
    expect(validateEntry(entry).problems).toEqual([
      { file: 'old.txt', line: 13, field: 'year', message: `"1850" is not a 4-digit year between 1900 and ${NEXT_YEAR}` },
    ]);
  });

  it('points JSON problems at the key line and CSV problems at the record line', () => {
    const [badYear] = parseJson(fixture('publications-bad.json'), 'bad.json').entries;
    expect(validateEntry(badYear).problems.map((p) => [p.line, p.field])).toEqual([[6, 'year']]);
    const csv = parseCsv('title,abstract,countries,regions,year\nOK,A,Nepal,Asia,2019\n,A,Nepal,Asia,19x5\n', 'x.csv');
    expect(csv.entries.map((e) => validateEntry(e).problems.map((p) => [p.line, p.field, p.message]))).toEqual([[], [
      [3, 'title', 'is required'],
      [3, 'year', `"19x5" is not a 4-digit year between 1900 and ${NEXT_YEAR}`],
    ]]);
  });

  it('accepts the JSON and CSV fixtures, keeping explicit ids', () => {
    for (const result of [parseJson(fixture('publications.json'), 'p.json'), parseCsv(fixture('publications.csv'), 'p.csv')]) {
      const validated = result.entries.map(validateEntry);
      expect(validated.flatMap((v) => v.problems)).toEqual([]);
      expect(validated.map((v) => [v.input?.id, v.input?.year, v.input?.authors])).toEqual([
        ['Publication:safe-schools-west-africa', 2021, ['Kofi Mensah', 'Aïcha Traoré']],
        [undefined, 2018, []],
      ]);
    }
  });
});

describe('validateEntry rules', () => {
  it('trims strings and de-duplicates authors, keeping the first spelling', () => {
    const { input, problems } = validateEntry(raw({
      title: '  A Title ', abstract: ' Text ', countries: [' Nepal '], year: ' 2019 ',
      authors: ['Kofi Mensah', ' kofi  mensah ', 'Aïcha Traoré'], pageCategory: ' Child Trafficking ',
    }));
    expect(problems).toEqual([]);
    expect(input).toMatchObject({
      title: 'A Title', abstract: 'Text', countries: ['Nepal'], year: 2019,
      authors: ['Kofi Mensah', 'Aïcha Traoré'], pageCategory: 'Child Trafficking',
    });
    expect(input).not.toHaveProperty('id');
  });

  it('requires a title of at most 500 characters', () => {
    expect(problemsOf({ title: '   ' })).toEqual([[10, 'title', 'is required']]);
    expect(problemsOf({ title: 'x'.repeat(501) })).toEqual([[10, 'title', 'must be at most 500 characters (it has 501)']]);
    expect(problemsOf({ title: 'x'.repeat(500) })).toEqual([]);
  });

  it('lets the abstract be empty but not longer than 20000 characters', () => {
    expect(problemsOf({ abstract: '' })).toEqual([]);
    expect(problemsOf({ abstract: 'x'.repeat(20001) })).toEqual([[12, 'abstract', 'must be at most 20000 characters (it has 20001)']]);
  });

  it('requires a 4-digit year from 1900 to next year', () => {
    const message = (y: string) => `"${y}" is not a 4-digit year between 1900 and ${NEXT_YEAR}`;
    expect(problemsOf({ year: String(NEXT_YEAR) })).toEqual([]);
    expect(problemsOf({ year: '1900' })).toEqual([]);
    expect(problemsOf({ year: String(NEXT_YEAR + 1) })).toEqual([[19, 'year', message(String(NEXT_YEAR + 1))]]);
    expect(problemsOf({ year: '1899' })).toEqual([[19, 'year', message('1899')]]);
    expect(problemsOf({ year: '2019.0' })).toEqual([[19, 'year', message('2019.0')]]);
    expect(problemsOf({ year: '2019 2020' })).toEqual([[19, 'year', message('2019 2020')]]);
    // No Year block at all: the problem goes on the entry's own line.
    expect(validateEntry(raw({ year: '', fieldLines: { title: 10 } })).problems).toEqual([
      { file: 'x.txt', line: 10, field: 'year', message: 'is required' },
    ]);
  });

  it('requires a country or a region, and non-empty names', () => {
    expect(problemsOf({ countries: [] })).toEqual([]);
    expect(problemsOf({ regions: [] })).toEqual([]);
    expect(problemsOf({ countries: [], regions: [] })).toEqual([[13, 'country', 'at least one country or region is required']]);
    expect(problemsOf({ countries: ['Nepal', ' '] })).toEqual([[13, 'country', 'country 2 is empty']]);
    expect(problemsOf({ regions: [''] })).toEqual([[15, 'region', 'region 1 is empty']]);
    const none = validateEntry(raw({ countries: [], regions: [], fieldLines: { title: 3, region: 9 } }));
    expect(none.problems.map((p) => [p.line, p.field])).toEqual([[9, 'country']]);
  });

  it('limits authors to non-empty names of at most 200 characters', () => {
    expect(problemsOf({ authors: ['Jane Doe', ''] })).toEqual([[17, 'authors', 'author 2 is empty']]);
    expect(problemsOf({ authors: ['y'.repeat(201)] })).toEqual([[17, 'authors', `author 1 ("${'y'.repeat(40)}...") is longer than 200 characters`]]);
    expect(problemsOf({ authors: ['y'.repeat(200)] })).toEqual([]);
  });

  it('checks the shape of an explicit id', () => {
    expect(problemsOf({ id: 'Publication:girl-no-more-2016' })).toEqual([]);
    expect(problemsOf({ id: 'Publication:Girl_No_More' })).toEqual([
      [10, 'id', '"Publication:Girl_No_More" does not match Publication:<lower-case-slug>'],
    ]);
    expect(problemsOf({ id: '-x', fieldLines: { id: 4 } })).toEqual([[4, 'id', '"-x" does not match Publication:<lower-case-slug>']]);
  });

  it('builds one input class for every format', () => {
    const input = PublicationInput.from(raw({ title: ' T ', authors: ['A', 'A'] }));
    expect(input).toBeInstanceOf(PublicationInput);
    expect([input.title, input.authors]).toEqual(['T', ['A']]);
  });
});
