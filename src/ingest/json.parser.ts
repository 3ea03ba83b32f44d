import type { InputProblem } from '../domain/errors';
import type { EntryField, RawEntry } from '../domain/import.types';
import type { ParseResult } from './parse-result';

/** Where each element of the top-level array starts, and the line of each of its own keys. */
interface RecordMark {
  line: number;
  keys: Map<string, number>;
}

class JsonSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * A JSON syntax checker that also records line numbers. JSON.parse cannot give either: Node 20
 * reports no position for some errors ("Unexpected token ']'") and never says where a value began.
 */
class JsonScanner {
  private pos = 0;
  private line = 1;
  readonly records: RecordMark[] = [];

  constructor(private readonly s: string) {}

  scan(): void {
    this.value(0);
    this.ws();
    if (this.pos < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.line, message);
  }

  private ws(): void {
    for (let c = this.s[this.pos]; c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = this.s[++this.pos]) {
      if (c === '\n') this.line++;
    }
  }

  private value(depth: number): void {
    this.ws();
    const c = this.s[this.pos];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === undefined) this.fail('unexpected end of JSON input');
    else if (!this.literal()) this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  private object(depth: number): void {
    const mark = depth === 1 ? this.records[this.records.length - 1] : undefined;
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') { this.pos++; return; }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('expected a double-quoted property name');
      const keyLine = this.line;
      const key = this.string();
      if (mark && !mark.keys.has(key)) mark.keys.set(key, keyLine);
      this.ws();
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after property name "${key}"`);
      this.pos++;
      this.value(depth + 1);
      if (this.separator('}')) return;
    }
  }

  private array(depth: number): void {
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') { this.pos++; return; }
    for (;;) {
      this.ws();
      if (depth === 0) this.records.push({ line: this.line, keys: new Map() });
      this.value(depth + 1);
      if (this.separator(']')) return;
    }
  }

  /** Consumes "," (returns false: more to come) or the closing bracket (returns true). */
  private separator(close: string): boolean {
    this.ws();
    const c = this.s[this.pos++];
    if (c === close) return true;
    if (c === ',') return false;
    this.pos--;
    return this.fail(`expected ',' or '${close}'`);
  }

  private string(): string {
    const start = this.pos++;
    for (;;) {
      const c = this.s[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') break;
      if (c < ' ') this.fail('control character (such as a raw line break) inside a string');
      this.pos += c === '\\' ? 2 : 1;
    }
    this.pos++;
    try {
      return JSON.parse(this.s.slice(start, this.pos)) as string;
    } catch {
      return this.fail('invalid escape sequence in string');
    }
  }

  private literal(): boolean {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    m.lastIndex = this.pos;
    if (!m.exec(this.s)) return false;
    this.pos = m.lastIndex;
    return true;
  }
}

/** JSON keys we read, with the entry field each one fills (pageCategory fills none). */
const KEYS: Readonly<Record<string, EntryField | null>> = {
  id: 'id', title: 'title', abstract: 'abstract', countries: 'country', regions: 'region',
  authors: 'authors', year: 'year', categories: 'category', category: 'category', pageCategory: null,
  language: 'language', lang: 'language',
};

/** Parses a JSON array of publications; returns the entries plus syntax and shape problems (never throws). */
export function parseJson(text: string, file: string): ParseResult {
  const problems: InputProblem[] = [];
  const entries: RawEntry[] = [];
  const done = (): ParseResult => ({ file, format: 'json', pageCategory: null, entries, problems });
  const fileProblem = (line: number, message: string): ParseResult => {
    problems.push({ file, line, field: 'file', message });
    return done();
  };
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return fileProblem(1, 'empty file: no entries found');

  const scanner = new JsonScanner(source);
  try {
    scanner.scan();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return fileProblem(e.line, `invalid JSON: ${e.message}`);
    throw e;
  }
  const data: unknown = JSON.parse(source);
  if (!Array.isArray(data)) {
    return fileProblem(1, `expected a JSON array of publications, found ${data === null ? 'null' : typeof data}`);
  }
  if (data.length === 0) return fileProblem(1, 'empty file: no entries found');

  data.forEach((item: unknown, index) => {
    const mark = scanner.records[index] ?? { line: 1, keys: new Map<string, number>() };
    const entry = readRecord(item, index + 1, mark, file, problems);
    if (entry) entries.push(entry);
  });
  return done();
}

/** Turns one array element into a RawEntry, or reports why it cannot be one. */
function readRecord(item: unknown, record: number, mark: RecordMark, file: string, problems: InputProblem[]): RawEntry | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push({ file, line: mark.line, field: 'record', message: `record ${record} is not an object` });
    return undefined;
  }
  const obj = item as Record<string, unknown>;
  const lineOf = (key: string): number => mark.keys.get(key) ?? mark.line;
  const bad = (key: string, expected: string): void => {
    problems.push({ file, line: lineOf(key), field: KEYS[key] ?? key, message: `record ${record}: "${key}" must be ${expected}` });
  };
  const fieldLines: Partial<Record<EntryField, number>> = {};
  for (const key of Object.keys(obj)) {
    if (!(key in KEYS)) {
      problems.push({ file, line: lineOf(key), field: key, message: `record ${record}: unknown field "${key}" (known: ${Object.keys(KEYS).join(', ')})` });
      continue;
    }
    const field = KEYS[key];
    if (field && (fieldLines[field] === undefined || lineOf(key) < fieldLines[field]!)) fieldLines[field] = lineOf(key);
  }
  const text = (key: string): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && key === 'year') return String(v);
    bad(key, key === 'year' ? 'a number or a string' : 'a string');
    return undefined;
  };
  const list = (key: string): string[] => {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    // A string holds several values separated by ";"; the empty pieces around a stray ";" are not values.
    if (typeof v === 'string') return v.split(';').map((s) => s.trim()).filter((s) => s !== '');
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    bad(key, 'a list of strings or a ";"-separated string');
    return [];
  };
  const stated = [text('language'), text('lang')].filter((v): v is string => v !== undefined);
  if (stated.length === 2 && stated[0].trim().toLowerCase() !== stated[1].trim().toLowerCase()) {
    problems.push({ file, line: lineOf('lang'), field: 'language', message: `record ${record}: "language" and "lang" disagree (${JSON.stringify(stated[0])}, ${JSON.stringify(stated[1])}); give one` });
  }
  return {
    location: { file, line: mark.line, record },
    fieldLines,
    ...(stated.length ? { language: stated[0] } : {}),
    id: text('id'),
    title: text('title') ?? '',
    abstract: text('abstract') ?? '',
    countries: list('countries'),
    regions: list('regions'),
    authors: list('authors'),
    year: text('year') ?? '',
    categories: [...new Set([...list('categories'), ...list('category')])],
    pageCategory: text('pageCategory')?.trim() || null,
  };
}
