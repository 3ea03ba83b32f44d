import { parse } from 'csv-parse/sync';
import type { InputProblem } from '../domain/errors';
import type { EntryField, RawEntry } from '../domain/import.types';
import type { ParseResult } from './parse-result';
import { excerpt, quoted } from './text.normalize';

type Column = EntryField | 'pageCategory';

/** Header names (lower-cased, without spaces, "_" or "-") and the column each one means; a Map, so a "constructor" column is unknown. */
const HEADERS: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['id', 'id'], ['title', 'title'], ['abstract', 'abstract'],
  ['countries', 'country'], ['country', 'country'], ['regions', 'region'], ['region', 'region'],
  ['authors', 'authors'], ['author', 'authors'], ['year', 'year'],
  ['categories', 'category'], ['category', 'category'], ['pagecategory', 'pageCategory'],
  ['language', 'language'], ['lang', 'language'],
]);
const REQUIRED: readonly Column[] = ['title', 'abstract', 'country', 'region', 'year'];
const HEADER_NAMES = 'id, title, abstract, countries, regions, authors, year, categories, pageCategory, language';

interface CsvRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** Returns the 1-based line a record starts on: csv-parse reports the line it ends on. */
function startLine(row: CsvRow): number {
  const body = row.raw.replace(/^\n+/, '').replace(/\n$/, '');
  return Math.max(1, row.info.lines - (body.match(/\n/g)?.length ?? 0));
}

/** Splits a multi-valued cell on ";"; empty pieces around a stray ";" are not values. */
function splitCell(cell: string | undefined): string[] {
  return (cell ?? '').split(';').map((v) => v.trim()).filter((v) => v !== '');
}

/** Parses CSV with a header row; returns the entries plus header, shape and syntax problems (never throws). */
export function parseCsv(text: string, file: string): ParseResult {
  const problems: InputProblem[] = [];
  const entries: RawEntry[] = [];
  const done = (): ParseResult => ({ file, format: 'csv', pageCategory: null, entries, problems });
  const problem = (line: number, field: string, message: string): void => {
    problems.push({ file, line, field, message });
  };

  let rows: CsvRow[];
  try {
    // Line breaks are unified first: with CRLF input csv-parse counts "\r" and "\n" as two lines.
    const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    rows = parse(source, {
      info: true, raw: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true,
    }) as unknown as CsvRow[];
  } catch (e) {
    const lines = (e as { lines?: unknown }).lines;
    const line = typeof lines === 'number' && lines >= 1 ? lines : 1;
    // csv-parse quotes the offending field in some messages, which may be a megabyte long.
    problem(line, 'file', `invalid CSV: ${excerpt(String((e as Error).message), 300)}`);
    return done();
  }
  if (rows.length === 0) {
    problem(1, 'file', 'empty file: no entries found');
    return done();
  }

  const header = rows[0];
  const headerLine = startLine(header);
  const columns: (Column | undefined)[] = [];
  const seen = new Set<Column>();
  for (const name of header.record) {
    const column = HEADERS.get(name.trim().toLowerCase().replace(/[\s_-]/g, ''));
    columns.push(column);
    if (!column) problem(headerLine, excerpt(name.trim(), 40) || 'header', `unknown column ${quoted(name.trim())} (known: ${HEADER_NAMES})`);
    else if (seen.has(column)) problem(headerLine, column, `column ${quoted(name.trim())} repeats an earlier column`);
    else seen.add(column);
  }
  for (const column of REQUIRED) {
    if (!seen.has(column)) problem(headerLine, column, `missing required column "${column}"`);
  }
  if (problems.length > 0) return done(); // rows cannot be read reliably against a broken header
  if (rows.length === 1) {
    problem(headerLine, 'file', 'empty file: no entries found (only a header row)');
    return done();
  }

  rows.slice(1).forEach((row, index) => {
    const line = startLine(row);
    if (row.record.length !== columns.length) {
      problem(line, 'record', `record ${index + 1} has ${row.record.length} cells but the header has ${columns.length} columns`);
      return;
    }
    const cells: Partial<Record<Column, string>> = {};
    const fieldLines: Partial<Record<EntryField, number>> = {};
    columns.forEach((column, i) => {
      if (!column) return;
      cells[column] = row.record[i];
      if (column !== 'pageCategory') fieldLines[column] = line;
    });
    entries.push({
      location: { file, line, record: index + 1 },
      fieldLines,
      id: cells.id?.trim() || undefined,
      title: cells.title ?? '',
      abstract: cells.abstract ?? '',
      countries: splitCell(cells.country),
      regions: splitCell(cells.region),
      authors: splitCell(cells.authors),
      year: cells.year ?? '',
      categories: splitCell(cells.category),
      pageCategory: cells.pageCategory?.trim() || null,
      ...(cells.language?.trim() ? { language: cells.language } : {}),
    });
  });
  return done();
}
