import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, type InputProblem } from '../../src/domain/errors';
import { MAX_LIST_ITEMS } from '../../src/ingest/publication.input';
import { MAX_LINE } from '../../src/ingest/read-input';
import { seedListingText } from './seed';

/**
 * The seeded input generator of issue 19's importer fuzz: mutations of the seed listing page, a
 * small JSON file and a small CSV file. test/unit/ingest-fuzz.test.ts runs 1,000 of them through
 * the prepare step; test/integration/import-fuzz.int.test.ts imports a sample into the real Neo4j.
 * The same seed gives the same inputs on every machine.
 */
/** mulberry32: a tiny deterministic PRNG; the same seed gives the same inputs on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Format = 'listing' | 'json' | 'csv';

/** One mutation: applied to the text (before encoding) or to the bytes (after). */
interface Mutation {
  readonly name: string;
  readonly weight: number;
  readonly text?: (s: string, f: Format, r: Rand) => string;
  readonly bytes?: (b: Buffer, f: Format, r: Rand) => Buffer;
}

export class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number { return Math.floor(this.next() * n); }
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  pick<T>(list: readonly T[]): T { return list[this.int(list.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

const LABEL_LINE = /^(Country|Countries|Region|Regions|Authors?|Year|Category|Categories)$/;
const PROTO_WORDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__proto__:', 'Constructor', 'isPrototypeOf'];
const BAD_UTF8: readonly number[][] = [[0xff], [0xfe], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

const lines = (s: string): string[] => s.split('\n');
const insertAt = (s: string, i: number, piece: string): string => s.slice(0, i) + piece + s.slice(i);
const insertLine = (s: string, r: Rand, line: string): string => {
  const ls = lines(s);
  ls.splice(r.int(ls.length + 1), 0, line);
  return ls.join('\n');
};
/** Indexes of the lines that carry labels: listing labels, JSON keys, or the CSV header. */
const labelLines = (ls: string[], f: Format): number[] => {
  if (f === 'csv') return [0];
  const shape = f === 'json' ? /^\s*"[^"]+"\s*:/ : LABEL_LINE;
  return ls.flatMap((l, i) => (shape.test(l.trim()) || shape.test(l) ? [i] : []));
};
const names = (n: number, r: Rand): string[] => Array.from({ length: n }, (_, i) => `${r.pick(['Ana', 'Kofi', 'Li', 'Jean-Luc', 'Zoë'])} ${r.pick(['Mensah', 'Traoré', 'Ng', 'O’Brien'])} ${i}`);
const hugeString = (r: Rand): string => r.pick(['x', 'é', ' ', ';', ',', '"', 'ab ']).repeat(r.range(150_000, 1_100_000));
const nested = (depth: number, r: Rand): string => (r.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Replaces a random "key": value on its own line of a JSON file with `key: replacement`. */
const jsonValue = (s: string, r: Rand, key: string | null, replacement: string): string => {
  const ls = lines(s);
  const at = ls.flatMap((l, i) => (/^\s*"[^"]+"\s*:/.test(l) ? [i] : []));
  if (!at.length) return s;
  const i = r.pick(at);
  const [, indent, own] = /^(\s*)"([^"]+)"/.exec(ls[i])!;
  ls[i] = `${indent}"${key ?? own}": ${replacement}${ls[i].trimEnd().endsWith(',') ? ',' : ''}`;
  return ls.join('\n');
};
/** Replaces a random cell of a random data row of a CSV file (a naive split: quoted commas make it messier, which is fine). */
const csvCell = (s: string, r: Rand, value: string): string => {
  const ls = lines(s);
  const i = ls.length > 1 ? r.range(1, ls.length - 1) : 0;
  const cells = ls[i].split(',');
  cells[r.int(cells.length)] = value;
  ls[i] = cells.join(',');
  return ls.join('\n');
};
/** Puts a value where each format keeps one: under a listing label, as a JSON value, in a CSV cell. */
const putValue = (s: string, f: Format, r: Rand, value: string, jsonLiteral = JSON.stringify(value)): string => {
  if (f === 'json') return jsonValue(s, r, null, jsonLiteral);
  if (f === 'csv') return csvCell(s, r, value);
  const ls = lines(s);
  const at = labelLines(ls, f);
  if (!at.length) return insertLine(s, r, value);
  ls.splice(r.pick(at) + 1, 0, value);
  return ls.join('\n');
};

const MUTATIONS: readonly Mutation[] = [
  { name: 'flip bits', weight: 10, bytes: (b, _f, r) => { const c = Buffer.from(b); for (let k = r.range(1, 8); k > 0 && c.length; k--) c[r.int(c.length)] ^= 1 << r.int(8); return c; } },
  { name: 'truncate', weight: 6, bytes: (b, _f, r) => b.subarray(0, r.int(b.length + 1)) },
  { name: 'remove a label', weight: 6, text: (s, f, r) => { const ls = lines(s); const at = labelLines(ls, f); if (at.length) ls.splice(r.pick(at), 1); return ls.join('\n'); } },
  { name: 'duplicate a label', weight: 6, text: (s, f, r) => { const ls = lines(s); const at = labelLines(ls, f); if (at.length) { const i = r.pick(at); ls.splice(i + r.int(2), 0, ls[i]); } return ls.join('\n'); } },
  { name: 'huge value', weight: 1.5, text: (s, f, r) => putValue(s, f, r, hugeString(r)) },
  { name: '1 MB line', weight: 1.5, text: (s, _f, r) => insertLine(s, r, r.pick(['a', ';', ',', '[', '{', ' x']).repeat(r.range(MAX_LINE + 1, 1_050_000))) },
  { name: 'many ";" values', weight: 2, text: (s, f, r) => putValue(s, f, r, Array.from({ length: r.pick([200, 1_001, 20_000, 92_000]) }, (_, i) => `v${i}`).join(';')) },
  { name: 'binary junk', weight: 6, bytes: (b, _f, r) => { const at = r.int(b.length + 1); const junk = Buffer.from(Array.from({ length: r.range(1, 512) }, () => r.int(256))); return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]); } },
  { name: 'BOM', weight: 4, text: (s, _f, r) => (r.chance(0.7) ? '\uFEFF'.repeat(r.range(1, 2)) + s : insertAt(s, r.int(s.length + 1), '\uFEFF')) },
  { name: 'CR-only line ends', weight: 4, text: (s) => s.replace(/\r?\n/g, '\r') },
  { name: 'CRLF line ends', weight: 3, text: (s) => s.replace(/\r?\n/g, '\r\n') },
  { name: 'invalid UTF-8', weight: 6, bytes: (b, _f, r) => { const at = r.int(b.length + 1); return Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(BAD_UTF8)), b.subarray(at)]); } },
  { name: 'NUL', weight: 5, text: (s, _f, r) => insertAt(s, r.int(s.length + 1), '\0'.repeat(r.range(1, 3))) },
  { name: 'control character', weight: 2, text: (s, _f, r) => insertAt(s, r.int(s.length + 1), String.fromCharCode(r.pick([1, 2, 7, 8, 0x1b, 0x1f]))) },
  { name: 'U+FFFD or lone surrogate', weight: 2, text: (s, _f, r) => insertAt(s, r.int(s.length + 1), r.pick(['\uFFFD', '\uD800', '\uDC00'])) },
  { name: '__proto__/constructor line', weight: 8, text: (s, f, r) => {
    const word = r.pick(PROTO_WORDS);
    if (f === 'json') return r.chance(0.5) ? jsonValue(s, r, word, JSON.stringify(r.pick(['x', 'Ghana']))) : jsonValue(s, r, null, JSON.stringify(word));
    if (f === 'csv') return r.chance(0.5) ? s.replace(/^[^,\n]*/, word) : csvCell(s, r, word);
    return r.chance(0.5) ? putValue(s, f, r, word) : insertLine(s, r, word);
  } },
  { name: 'deep JSON nesting', weight: 4, text: (s, f, r) => {
    const depth = r.pick([4, 17, 100, 5_000, 100_000]);
    if (f !== 'json' || r.chance(0.2)) return r.chance(0.5) && f === 'json' ? nested(depth, r) : insertLine(s, r, nested(Math.min(depth, 5_000), r));
    return jsonValue(s, r, null, nested(depth, r));
  } },
  { name: 'huge author list', weight: 2, text: (s, f, r) => {
    const list = names(r.pick([MAX_LIST_ITEMS, MAX_LIST_ITEMS + 1, 5_000, 100_000]), r);
    if (f === 'json') return jsonValue(s, r, 'authors', JSON.stringify(r.chance(0.7) ? list : list.join('; ')));
    if (f === 'csv') return csvCell(s, r, list.slice(0, 3_000).join('; '));
    const ls = lines(s);
    const at = ls.findIndex((l) => l === 'Year');
    ls.splice(at < 0 ? ls.length : at, 0, 'Authors', ...list.slice(0, 20_000));
    return ls.join('\n');
  } },
  { name: 'shuffle lines', weight: 5, text: (s, _f, r) => {
    const ls = lines(s);
    for (let k = r.chance(0.3) ? ls.length : r.range(1, 4); k > 0; k--) {
      const i = r.int(ls.length);
      const j = r.int(ls.length);
      [ls[i], ls[j]] = [ls[j], ls[i]];
    }
    return ls.join('\n');
  } },
  { name: 'duplicate lines', weight: 5, text: (s, _f, r) => { const ls = lines(s); const i = r.int(ls.length); const n = r.range(1, 12); ls.splice(i, 0, ...ls.slice(i, i + n)); return ls.join('\n'); } },
  { name: 'delete lines', weight: 5, text: (s, _f, r) => { const ls = lines(s); ls.splice(r.int(ls.length), r.range(1, 6)); return ls.join('\n'); } },
  { name: 'empty or blank', weight: 1, text: (_s, _f, r) => r.pick(['', ' ', '\n\n', '\uFEFF', '\t\r\n']) },
  { name: 'JSON escapes of forbidden characters', weight: 2, text: (s, f, r) => {
    const escape = r.pick(['\\u0000', '\\ud800', '\\ufffd', '\\u001b']);
    return f === 'json' ? jsonValue(s, r, null, `"A\\n${escape} title"`) : insertLine(s, r, escape);
  } },
  { name: 'long title', weight: 2, text: (s, f, r) => {
    const title = `T${'itle '.repeat(r.range(90, 4_500))}`;
    if (f === 'json') return jsonValue(s, r, 'title', JSON.stringify(title));
    if (f === 'csv') return csvCell(s, r, title);
    return insertLine(s, r, `\n${title}`);
  } },
  { name: 'long abstract', weight: 2, text: (s, f, r) => {
    const abstract = 'Words of an abstract. '.repeat(r.range(800, 4_000));
    if (f === 'json') return jsonValue(s, r, 'abstract', JSON.stringify(abstract));
    if (f === 'csv') return csvCell(s, r, abstract);
    return insertLine(s, r, abstract);
  } },
];
const TOTAL_WEIGHT = MUTATIONS.reduce((n, m) => n + m.weight, 0);

function pickMutation(r: Rand): Mutation {
  let x = r.next() * TOTAL_WEIGHT;
  for (const m of MUTATIONS) {
    x -= m.weight;
    if (x < 0) return m;
  }
  return MUTATIONS[MUTATIONS.length - 1];
}

export interface FuzzInput {
  readonly n: number;
  readonly file: string;
  readonly format: Format;
  readonly mutations: readonly string[];
  readonly bytes: Buffer;
}

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
export const BASES: Readonly<Record<Format, { file: string; text: string }>> = {
  listing: { file: 'fuzz-listing.txt', text: seedListingText() },
  json: { file: 'fuzz.json', text: fixture('publications.json') },
  csv: { file: 'fuzz.csv', text: fixture('publications.csv') },
};

/** Returns the n-th input of the seeded run: a base, then one to three mutations (text ones first, then byte ones). */
export function makeInput(n: number, r: Rand): FuzzInput {
  const format = r.pick<Format>(['listing', 'listing', 'json', 'csv']);
  const base = BASES[format];
  const chosen = Array.from({ length: r.range(1, 3) }, () => pickMutation(r));
  let text = base.text;
  for (const m of chosen) if (m.text) text = m.text(text, format, r);
  let bytes: Buffer = Buffer.from(text, 'utf8');
  for (const m of chosen) if (m.bytes) bytes = m.bytes(bytes, format, r);
  return { n, file: base.file, format, mutations: chosen.map((m) => m.name), bytes };
}

/** The same rules as the importer's, written again here so that the test does not trust the code it checks. */
export const FORBIDDEN = /[\0-\x08\x0e-\x1f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const lineCount = (text: string): number => text.split(/\r\n|\r|\n/).length;

/** Returns every way a problem fails to name its place: file, a line within the text, a field, a short message. */
export function problemFaults(p: InputProblem, file: string, maxLine: number): string[] {
  const faults: string[] = [];
  if (p.file !== file) faults.push(`file is ${JSON.stringify(p.file)}`);
  if (!Number.isInteger(p.line) || p.line < 1 || p.line > maxLine) faults.push(`line is ${p.line} (text has ${maxLine - 1} lines)`);
  if (typeof p.field !== 'string' || p.field === '' || p.field.length > 61) faults.push(`field is ${JSON.stringify(String(p.field).slice(0, 80))}`);
  if (!p.message) faults.push('message is empty');
  const shown = formatProblem(p);
  if (!shown.startsWith(`${file}:${p.line}: `)) faults.push(`printed without file:line: ${shown.slice(0, 120)}`);
  if (shown.length > 1_000) faults.push(`printed ${shown.length} characters long (input echoed whole?)`);
  return faults;
}

