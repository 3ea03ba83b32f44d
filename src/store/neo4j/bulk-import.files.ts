import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { IMPORT_ACTOR } from '../../domain/curation.types';
import type { ImportRunFile, PublicationRecord, ReferenceData } from '../../domain/import.types';
import { nameKey, searchKey } from '../fold';
import { recordHash } from '../record-hash';
import { publicationRow, runKey } from './publication-import.writer';

/**
 * Between the elements of an array property. The importer refuses C0 control characters other
 * than tab and line ends in any input (read-input.ts), so no value can hold this one.
 */
export const ARRAY_DELIMITER = '\u001f';

/** One CSV file of the bulk load: what it holds and how many data rows it has. */
export interface BulkFile {
  readonly kind: 'nodes' | 'relationships';
  /** The node label or the relationship type. */
  readonly name: string;
  /** The file's name inside the output folder. */
  readonly file: string;
  readonly rows: number;
}

/** What writeBulkImportFiles wrote. */
export interface BulkImportFiles {
  readonly files: readonly BulkFile[];
  /** True when a value spans lines, so the import tool needs --multiline-fields=true. */
  readonly multiline: boolean;
  readonly publications: number;
  readonly relationships: number;
}

/** When and from what the bulk load is made: the time every link and change record carries, and the source files. */
export interface BulkImportOptions {
  readonly at: string;
  readonly files: readonly ImportRunFile[];
}

type Cell = string | number | boolean | null | readonly string[];
type Column = readonly [header: string, type: 'string' | 'long' | 'double' | 'boolean' | 'string[]' | 'ID' | 'START_ID' | 'END_ID'];

/**
 * Writes, into `dir` (an existing empty folder), the node and relationship CSV files of
 * `neo4j-admin database import full` that give the graph `kg import` writes for these records on
 * an empty database: the same nodes, properties (with the same Cypher types: the driver sends a
 * JS number as a FLOAT, so year, position, score and atMs are doubles), relationships, change
 * records, graph version and one COMPLETE ImportRun. Each file has its header row and is written
 * as a stream.
 */
export async function writeBulkImportFiles(dir: string, records: readonly PublicationRecord[], reference: ReferenceData, options: BulkImportOptions): Promise<BulkImportFiles> {
  const files: BulkFile[] = [];
  let multiline = false;
  const write = async (kind: BulkFile['kind'], name: string, file: string, columns: readonly Column[], rows: Iterable<readonly Cell[]>): Promise<number> => {
    const out = createWriteStream(join(dir, file));
    // Empty strings are quoted ("" is an empty string to the import tool); null stays an empty
    // field, which the tool leaves out, as Cypher does a null property.
    const csv = stringify({ header: true, columns: columns.map(([header, type]) => headerOf(header, type)), quoted_match: /^$/, cast: { boolean: String } });
    csv.pipe(out);
    let count = 0;
    for (const row of rows) {
      const cells = row.map((cell) => (Array.isArray(cell) ? cell.join(ARRAY_DELIMITER) : cell));
      if (!multiline) multiline = cells.some((c) => typeof c === 'string' && /[\r\n]/.test(c));
      count++;
      if (!csv.write(cells)) await once(csv, 'drain');
    }
    csv.end();
    await finished(out);
    files.push({ kind, name, file, rows: count });
    return count;
  };

  await write('nodes', 'Region', 'regions.csv', [['id', 'ID'], ['name', 'string'], ['m49', 'string'], ['level', 'string'], ['searchKey', 'string']],
    reference.regions.map((r) => [r.id, r.name, r.m49, r.level, searchKey(r.name)]));
  await write('nodes', 'Country', 'countries.csv',
    [['id', 'ID'], ['iso2', 'string'], ['iso3', 'string'], ['m49', 'string'], ['name', 'string'], ['nameKey', 'string'], ['searchKey', 'string']],
    reference.countries.map((c) => [c.id, c.iso2, c.iso3, c.m49, c.name, nameKey(c.name), searchKey(c.name)]));
  await write('nodes', 'Theme', 'themes.csv', [['id', 'ID'], ['slug', 'string'], ['name', 'string'], ['description', 'string'], ['searchKey', 'string']],
    reference.themes.map((t) => [t.id, t.slug, t.name, t.description, searchKey(t.name)]));
  await write('relationships', 'PART_OF', 'part-of.csv', [['', 'START_ID'], ['', 'END_ID']], distinctPairs(reference.regionParents));
  await write('relationships', 'IN_REGION', 'in-region.csv', [['', 'START_ID'], ['', 'END_ID']], distinctPairs(reference.countryRegions));
  await write('relationships', 'BROADER', 'broader.csv', [['', 'START_ID'], ['', 'END_ID']], distinctPairs(reference.themeBroader));

  const publications = await write('nodes', 'Publication', 'publications.csv', [
    ['id', 'ID'], ['title', 'string'], ['abstract', 'string'], ['year', 'double'], ['scope', 'string'], ['sourceCategory', 'string'],
    ['language', 'string'], ['contentHash', 'string'], ['searchKey', 'string'], ['version', 'long'],
  ], mapRows(records, (r) => {
    const p = publicationRow(r, recordHash(r));
    return [p.id, p.title, p.abstract, p.year, p.scope, p.sourceCategory, p.language, p.contentHash, p.searchKey, 1] as Cell[];
  }));
  await write('nodes', 'Author', 'authors.csv', [['id', 'ID'], ['name', 'string'], ['searchKey', 'string']], authorRows(records));
  let links = 0;
  links += await write('relationships', 'AUTHORED_BY', 'authored-by.csv', [['', 'START_ID'], ['', 'END_ID'], ['position', 'double']],
    flatRows(records, (p) => (p.authors as [string, number][]).map(([author, position]) => [p.id as string, author, position])));
  links += await write('relationships', 'COVERS', 'covers.csv', [['', 'START_ID'], ['', 'END_ID']],
    flatRows(records, (p) => [...(p.countries as string[]), ...(p.regions as string[])].map((place) => [p.id as string, place])));
  links += await write('relationships', 'MENTIONS', 'mentions.csv', [['', 'START_ID'], ['', 'END_ID']],
    flatRows(records, (p) => (p.mentions as string[]).map((country) => [p.id as string, country])));
  links += await write('relationships', 'ABOUT', 'about.csv',
    [['', 'START_ID'], ['', 'END_ID'], ['score', 'double'], ['evidence', 'string[]'], ['by', 'string'], ['at', 'string']],
    flatRows(records, (p) => (p.themes as [string, number, string[]][]).map(([theme, score, evidence]) => [p.id as string, theme, score, evidence, IMPORT_ACTOR, options.at])));

  // The bookkeeping kg import writes beside the graph: one IMPORT_CREATE change per publication in
  // record order, the sequence that numbers them, the graph version and the run.
  const atMs = Date.parse(options.at);
  await write('nodes', 'Change', 'changes.csv', [
    ['seq', 'long'], ['at', 'string'], ['atMs', 'double'], ['by', 'string'], ['operation', 'string'], ['ids', 'string[]'],
    ['publicationId', 'string'], ['before', 'string'], ['after', 'string'],
  ], mapRows(records, (r, i) => [i + 1, options.at, atMs, IMPORT_ACTOR, 'IMPORT_CREATE', [r.id], r.id, null, JSON.stringify({ title: r.title, year: r.year })]));
  await write('nodes', 'ChangeSequence', 'change-sequence.csv', [['name', 'string'], ['value', 'long']], records.length ? [['changes', records.length]] : []);
  await write('nodes', 'GraphVersion', 'graph-version.csv', [['id', 'string'], ['version', 'long']], [['reference', 1], ...(records.length ? [['changes', 1] as Cell[]] : [])]);
  const key = runKey(records, records.length);
  const n = records.length;
  await write('nodes', 'ImportRun', 'import-run.csv', [
    ['id', 'string'], ['key', 'string'], ['status', 'string'], ['atomic', 'boolean'], ['fileNames', 'string[]'], ['fileHashes', 'string[]'],
    // The counters are doubles, as kg import's parameters (JS numbers) store them.
    ['batchSize', 'double'], ['total', 'double'], ['processed', 'double'], ['batchesCommitted', 'double'], ['attempts', 'double'],
    ['startedAt', 'string'], ['updatedAt', 'string'], ['finishedAt', 'string'], ['created', 'double'], ['updated', 'double'], ['unchanged', 'double'],
    ['withheld', 'double'], ['relationshipsWritten', 'double'], ['relationshipsDeleted', 'double'],
  ], [[
    `ImportRun:${options.at.replace(/[-:.]/g, '')}-${key.slice(0, 8)}`, key, 'COMPLETE', true, options.files.map((f) => f.name), options.files.map((f) => f.sha256),
    n, n, n, 1, 1, options.at, options.at, options.at, n, 0, 0, 0, links, 0,
  ]]);
  const relationships = files.filter((f) => f.kind === 'relationships').reduce((sum, f) => sum + f.rows, 0);
  return { files, multiline, publications, relationships };
}

/**
 * Returns the arguments of `neo4j-admin database import full` for the files (each path is
 * `pathOf(file)`), the database name first. `--bad-tolerance=0` makes any bad row fail the
 * whole import; without `--overwrite-destination` the tool refuses a database that exists.
 */
export function neo4jAdminArguments(written: BulkImportFiles, pathOf: (file: string) => string, database = 'neo4j'): string[] {
  return [
    // The database first: every --nodes/--relationships takes a list of files, which would swallow a name after it.
    'database', 'import', 'full', database,
    '--array-delimiter=U+001F', '--bad-tolerance=0', '--skip-bad-relationships=false', '--skip-duplicate-nodes=false',
    ...(written.multiline ? ['--multiline-fields=true'] : []),
    ...written.files.map((f) => `--${f.kind}=${f.name}=${pathOf(f.file)}`),
  ];
}

function headerOf(name: string, type: Column[1]): string {
  if (type === 'START_ID' || type === 'END_ID') return `:${type}`;
  if (type === 'ID') return `${name}:ID`;
  return type === 'string' ? name : `${name}:${type}`;
}

/** Returns each author once, with the first spelling met in record order (as upsert-authors keeps it). */
function* authorRows(records: readonly PublicationRecord[]): Iterable<Cell[]> {
  const seen = new Set<string>();
  for (const r of records) {
    for (const a of r.authors) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      yield [a.id, a.name, searchKey(a.name)];
    }
  }
}

function* mapRows<T>(items: readonly T[], row: (item: T, index: number) => Cell[]): Iterable<Cell[]> {
  for (let i = 0; i < items.length; i++) yield row(items[i], i);
}

/** Returns the link rows of every record, from its parameter row (links each listed once, as create-publications gets them). */
function* flatRows(records: readonly PublicationRecord[], rows: (p: Record<string, unknown>) => Cell[][]): Iterable<Cell[]> {
  for (const r of records) yield* rows(publicationRow(r, ''));
}

/** Returns each pair once (MERGE writes a repeated link once). */
function* distinctPairs(pairs: readonly (readonly [string, string])[]): Iterable<Cell[]> {
  const seen = new Set<string>();
  for (const [a, b] of pairs) {
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield [a, b];
  }
}
