import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../src/ingest/csv.parser';
import { parseJson } from '../../src/ingest/json.parser';
import { decodeInput, detectFormat, MAX_LINE, parseInput } from '../../src/ingest/read-input';
import { MAX_JSON_DEPTH } from '../../src/ingest/json.parser';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const empty = (file: string, line = 1) => ({ file, line, field: 'file', message: 'empty file: no entries found' });

describe('parseJson', () => {
  it('reads records, splitting ";" strings and merging category into categories', () => {
    const result = parseJson(fixture('publications.json'), 'p.json');
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('json');
    const [schools, labour] = result.entries;
    expect(schools).toEqual({
      location: { file: 'p.json', line: 2, record: 1 },
      fieldLines: { id: 3, title: 4, abstract: 5, country: 6, region: 7, authors: 8, year: 9, category: 10 },
      id: 'Publication:safe-schools-west-africa',
      title: 'Safe Schools in West Africa',
      abstract: 'A study of school safety across the region.',
      countries: ['Ghana', 'Togo'],
      regions: ['Western Africa'],
      authors: ['Kofi Mensah', 'Aïcha Traoré'],
      year: '2021',
      categories: ['Education'],
      pageCategory: 'Child Protection',
    });
    expect(labour).toMatchObject({
      location: { file: 'p.json', line: 13, record: 2 },
      id: undefined, countries: [], regions: ['Worldwide'], authors: [], year: '2018',
      categories: ['Child Labour'], pageCategory: null,
    });
    expect(labour.fieldLines.category).toBe(19);
  });

  it('locates syntax errors by line, including those Node reports without a position', () => {
    const text = fixture('publications-malformed.json');
    expect(parseJson(text, 'bad.json').problems).toEqual([
      { file: 'bad.json', line: 5, field: 'file', message: 'invalid JSON: expected a double-quoted property name' },
    ]);
    // Node 20 says only "Unexpected token ']'" for a trailing comma in an array.
    expect(parseJson('[\n {"title": "T"},\n]', 'x.json').problems).toEqual([
      { file: 'x.json', line: 3, field: 'file', message: 'invalid JSON: unexpected character "]"' },
    ]);
    expect(parseJson('[\n{"a": 1}\n{"b": 2}\n]', 'x.json').problems.map((p) => p.line)).toEqual([3]);
    expect(parseJson('[\n  {"title": "T\nX"}\n]', 'x.json').problems.map((p) => p.line)).toEqual([2]);
  });

  it('reports records that are not objects and keys it does not know, on their lines', () => {
    const result = parseJson(fixture('publications-bad.json'), 'bad.json');
    expect(result.problems).toEqual([
      { file: 'bad.json', line: 8, field: 'record', message: 'record 2 is not an object' },
      expect.objectContaining({ file: 'bad.json', line: 13, field: 'publisher' }),
    ]);
    expect(result.problems[1].message).toMatch(/^record 3: unknown field "publisher"/);
    expect(result.entries.map((e) => [e.title, e.year, e.location.line])).toEqual([['Bad Year', '20x9', 2], ['Unknown Key', '2019', 9]]);
  });

  it('reports wrong value types on the key line', () => {
    const result = parseJson('[\n {\n  "title": ["T"],\n  "countries": [1],\n  "year": true\n }\n]', 'x.json');
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([[3, 'title'], [4, 'country'], [5, 'year']]);
  });

  it('reads a stated language from "language" or "lang", as written, on its key line', () => {
    const text = '[\n {"title": "A", "year": 2020,\n  "language": "pt"},\n {"title": "B",\n  "lang": "ES"},\n {"title": "C", "language": ""},\n {"title": "D"}\n]';
    const result = parseJson(text, 'x.json');
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => [e.title, e.language, e.fieldLines.language])).toEqual([['A', 'pt', 3], ['B', 'ES', 5], ['C', '', 6], ['D', undefined, undefined]]);
    expect('language' in result.entries[3]).toBe(false);
    const both = parseJson('[\n {"title": "A",\n  "language": "es",\n  "lang": "pt"},\n {"title": "B", "language": "es", "lang": "ES"},\n {"title": "C",\n  "lang": 7}\n]', 'x.json');
    expect(both.problems).toEqual([
      { file: 'x.json', line: 4, field: 'language', message: 'record 1: "language" and "lang" disagree ("es", "pt"); give one' },
      { file: 'x.json', line: 7, field: 'language', message: 'record 3: "lang" must be a string' },
    ]);
  });

  it('reports a top level that is not an array, and an empty array or file', () => {
    expect(parseJson('{"title": "T"}', 'x.json').problems).toEqual([
      { file: 'x.json', line: 1, field: 'file', message: 'expected a JSON array of publications, found object' },
    ]);
    expect(parseJson('[ ]\n', 'x.json').problems).toEqual([empty('x.json')]);
    expect(parseJson('\uFEFF  \n', 'x.json').problems).toEqual([empty('x.json')]);
  });
});

describe('parseCsv', () => {
  const expectFixture = (text: string) => {
    const result = parseCsv(text, 'p.csv');
    expect(result.problems).toEqual([]);
    expect(result.format).toBe('csv');
    const [schools, labour] = result.entries;
    expect(schools).toEqual({
      location: { file: 'p.csv', line: 2, record: 1 },
      fieldLines: { id: 2, title: 2, abstract: 2, country: 2, region: 2, authors: 2, year: 2, category: 2 },
      id: 'Publication:safe-schools-west-africa',
      title: 'Safe Schools in West Africa',
      abstract: 'A study of school safety\nacross the region.',
      countries: ['Ghana', 'Togo'],
      regions: ['Western Africa'],
      authors: ['Kofi Mensah', 'Aïcha Traoré'],
      year: '2021',
      categories: ['Education'],
      pageCategory: 'Child Protection',
    });
    expect(labour).toMatchObject({
      location: { file: 'p.csv', line: 5, record: 2 },
      id: undefined, title: 'Mapping Child Labour', abstract: '', countries: [], regions: ['Worldwide'],
      authors: [], year: '2018', categories: [], pageCategory: null,
    });
  };

  it('reads case-insensitive, singular or snake_case headers, multi-line cells and ";" lists', () => {
    expectFixture(fixture('publications.csv'));
  });

  it('gives the same lines with CRLF and a BOM', () => {
    expectFixture('\uFEFF' + fixture('publications.csv').replace(/\n/g, '\r\n'));
  });

  it('reports unknown and missing header columns on line 1', () => {
    const result = parseCsv(fixture('publications-bad-header.csv'), 'h.csv');
    expect(result.problems).toEqual([
      { file: 'h.csv', line: 1, field: 'publisher', message: expect.stringMatching(/^unknown column "publisher"/) },
      { file: 'h.csv', line: 1, field: 'region', message: 'missing required column "region"' },
    ]);
    expect(result.entries).toEqual([]);
  });

  it('reads a stated language from a "Language" or "lang" column; a blank cell states none', () => {
    const result = parseCsv('title,abstract,country,region,year,LANG\nA,,Peru,,2020,Es\nB,,Peru,,2021,\n', 'x.csv');
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => [e.title, e.language, e.fieldLines.language])).toEqual([['A', 'Es', 2], ['B', undefined, 3]]);
    expect(parseCsv('title,abstract,country,region,year,Language,lang\nA,,Peru,,2020,es,es\n', 'x.csv').problems).toEqual([
      { file: 'x.csv', line: 1, field: 'language', message: 'column "lang" repeats an earlier column' },
    ]);
  });

  it('reports a row with the wrong number of cells, an unclosed quote, and empty input', () => {
    const header = 'title,abstract,countries,regions,year\n';
    expect(parseCsv(header + 'T,A,Nepal,Asia,2019\n\nT2,A2,Nepal\n', 'x.csv').problems).toEqual([
      { file: 'x.csv', line: 4, field: 'record', message: 'record 2 has 3 cells but the header has 5 columns' },
    ]);
    expect(parseCsv(header + 'T,"A,Nepal,Asia,2019\n', 'x.csv').problems.map((p) => [p.line, p.field])).toEqual([[2, 'file']]);
    expect(parseCsv('', 'x.csv').problems).toEqual([empty('x.csv')]);
    expect(parseCsv(header, 'x.csv').problems.map((p) => [p.line, p.message])).toEqual([[1, 'empty file: no entries found (only a header row)']]);
  });
});

describe('detectFormat and parseInput', () => {
  it('chooses by explicit format, then extension, then content', () => {
    expect(detectFormat('a.json', 'x', 'csv')).toBe('csv');
    expect(detectFormat('a.JSON', 'x')).toBe('json');
    expect(detectFormat('a.csv', '[')).toBe('csv');
    expect(detectFormat('a.md', '[')).toBe('listing');
    expect(detectFormat('a.txt', '[')).toBe('listing');
    expect(detectFormat('-', '\uFEFF\n  [{"title": "T"}]')).toBe('json');
    expect(detectFormat('-', 'Title,Abstract,Year\nT,A,2019')).toBe('csv');
    expect(detectFormat('-', 'Child Trafficking\n\nA, B and C\n')).toBe('listing');
  });

  it('parses each format through one entry point', () => {
    expect(parseInput(fixture('publications.json'), 'p.json').entries).toHaveLength(2);
    expect(parseInput(fixture('publications.csv'), 'p.csv').entries).toHaveLength(2);
    expect(parseInput(fixture('publications.csv'), 'stdin', 'csv').format).toBe('csv');
  });
});

describe('malformed JSON and CSV (issue 19)', () => {
  const depthError = `invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels (a publication file nests 3: [{"authors": ["…"]}])`;

  it('stops nesting past MAX_JSON_DEPTH with a located error, however deep (100,000 levels; 5,000 in a 10 KB file)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseJson(deep, 'x.json').problems).toEqual([{ file: 'x.json', line: 1, field: 'file', message: depthError }]);
    const small = `[\n {"title": "T",\n  "authors": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}\n]`;
    expect(small.length).toBeLessThan(40_000);
    expect(parseJson(small, 'x.json').problems).toEqual([{ file: 'x.json', line: 3, field: 'file', message: depthError }]);
    // Within the bound, a value nested too deep is a shape problem on its key line.
    const within = `[\n {"title": "T",\n  "authors": [[["x"]]]}\n]`;
    expect(parseJson(within, 'x.json').problems).toEqual([
      { file: 'x.json', line: 3, field: 'authors', message: 'record 1: "authors" must be a list of strings or a ";"-separated string' },
    ]);
    expect(parseJson(`[${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}]`, 'x.json').problems.map((p) => p.message)).toEqual(['record 1 is not an object']);
  });

  it('reports "constructor", "__proto__" and "toString" keys as unknown fields, never as known ones', () => {
    const text = '[\n {"title": "T",\n  "constructor": 1,\n  "__proto__": {"title": "X"},\n  "toString": "s"}\n]';
    const result = parseJson(text, 'x.json');
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([[3, 'constructor'], [4, '__proto__'], [5, 'toString']]);
    expect(result.problems[0].message).toMatch(/^record 1: unknown field "constructor" \(known: id, title/);
    expect(result.entries[0]).toMatchObject({ title: 'T', countries: [], authors: [], year: '', pageCategory: null });
  });

  it('refuses a JSON escape of a character no text may hold, on its key line', () => {
    const result = parseJson('[\n {"title": "T\\u0000",\n  "authors": ["A", "\\ud800"]}\n]', 'x.json');
    expect(result.problems).toEqual([
      { file: 'x.json', line: 2, field: 'title', message: 'record 1: "title" holds a NUL character (U+0000)' },
      { file: 'x.json', line: 3, field: 'authors', message: 'record 1: "authors" holds an unpaired surrogate (U+D800)' },
    ]);
  });

  it('counts CR-only line ends in JSON', () => {
    expect(parseJson('[\r {"title": "T"},\r {"title": 1}\r]', 'x.json').problems.map((p) => p.line)).toEqual([3]);
  });

  it('cuts long keys and columns in messages and field names', () => {
    const key = 'k'.repeat(1_000_000);
    const [problem] = parseJson(`[{"${key}": 1}]`, 'x.json').problems;
    expect(problem.field).toBe(`${'k'.repeat(40)}…`);
    expect(problem.message.length).toBeLessThan(300);
    const csv = parseCsv(`title,abstract,country,region,year,${'c'.repeat(1_000)}\n`, 'x.csv').problems;
    expect(csv.map((p) => [p.line, p.field, p.message.length < 300])).toEqual([[1, `${'c'.repeat(40)}…`, true]]);
  });

  it('reports a "constructor" column as unknown', () => {
    expect(parseCsv('title,abstract,country,region,year,constructor\nT,A,Ghana,,2020,x\n', 'x.csv').problems).toEqual([
      { file: 'x.csv', line: 1, field: 'constructor', message: expect.stringMatching(/^unknown column "constructor"/) },
    ]);
  });

  it('refuses a CSV or listing line past MAX_LINE on its line, but not a minified JSON file', () => {
    const header = 'title,abstract,countries,regions,year\n';
    expect(parseInput(`${header}T,A,Ghana,,2020\n${'x'.repeat(1_000_000)},A,Ghana,,2020\n`, 'x.csv').problems).toEqual([
      { file: 'x.csv', line: 3, field: 'line', message: `line is 1000014 characters long; lines are at most ${MAX_LINE}` },
    ]);
    const minified = JSON.stringify(Array.from({ length: 2_000 }, (_, i) => ({ title: `Title ${i}`, abstract: 'An abstract of some length.'.repeat(3), countries: ['Ghana'], year: 2020 })));
    expect(minified.length).toBeGreaterThan(MAX_LINE);
    expect(parseInput(minified, 'x.json')).toMatchObject({ problems: [], entries: { length: 2_000 } });
  });

  it('decodes bytes as UTF-8, naming the line of the first invalid byte', () => {
    const good = Buffer.from('\uFEFF[\n {"title": "Zoë"}\n]', 'utf8');
    expect(decodeInput(good, 'x.json')).toEqual({ text: '[\n {"title": "Zoë"}\n]', problems: [] });
    const bad = Buffer.concat([Buffer.from('title,abstract\r\nT,A\rT2,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const decoded = decodeInput(bad, 'x.csv');
    expect(decoded.problems).toEqual([{ file: 'x.csv', line: 3, field: 'file', message: 'not valid UTF-8: byte 0xC3 at offset 23; save the file as UTF-8' }]);
    // The lenient text it returns is refused on the same line, as the CLI's own decoding is.
    expect(parseInput(decoded.text, 'x.csv').problems.map((p) => p.line)).toEqual([3]);
    expect(parseInput(bad.toString('utf8'), 'x.csv').problems.map((p) => p.line)).toEqual([3]);
    for (const bytes of [[0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(decodeInput(Buffer.from([0x41, 0x0a, ...bytes]), 'x.txt').problems.map((p) => p.line)).toEqual([2]);
    }
  });

  it('keeps csv-parse messages short and located', () => {
    const [problem] = parseCsv(`title,abstract,countries,regions,year\nT,A${'x'.repeat(500_000)}"B,Ghana,,2020\n`, 'x.csv').problems;
    expect(problem).toMatchObject({ file: 'x.csv', line: 2, field: 'file' });
    expect(problem.message.length).toBeLessThan(400);
  });
});
