import type { InputProblem } from '../domain/errors';
import type { EntryField, RawEntry } from '../domain/import.types';
import type { ParseResult } from './parse-result';
import { describeForbidden, excerpt, forbiddenCharAt, quoted } from './text.normalize';

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
 * The deepest nesting a JSON file may have: a valid file nests three deep ([{"authors": ["…"]}]),
 * and the rest is room for a clear "must be a list of strings" about a value one level too deep.
 */
export const MAX_JSON_DEPTH = 16;

/** One open object or array: its kind, and whether its first member (or its end) has been read. */
interface Frame {
  readonly kind: '{' | '[';
  started: boolean;
}

/**
 * A JSON syntax checker that also records line numbers. JSON.parse cannot give either: Node 20
 * reports no position for some errors ("Unexpected token ']'") and never says where a value began.
 * It keeps its own stack of open brackets rather than recursing, so no nesting can overflow the
 * call stack, and it stops past MAX_JSON_DEPTH.
 */
class JsonScanner {
  private pos = 0;
  private line = 1;
  private readonly open: Frame[] = [];
  readonly records: RecordMark[] = [];

  constructor(private readonly s: string) {}

  scan(): void {
    this.value();
    while (this.open.length) this.step();
    this.ws();
    if (this.pos < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.line, message);
  }

  private ws(): void {
    for (let c = this.s[this.pos]; c === ' ' || c === '\t' || c === '\n' || c === '\r'; c = this.s[++this.pos]) {
      // CRLF, a lone CR and LF each end one line, as every parser of the importer counts them.
      if (c === '\n' || (c === '\r' && this.s[this.pos + 1] !== '\n')) this.line++;
    }
  }

  /** Reads one value: a string or literal whole, or the opening bracket of an object or array. */
  private value(): void {
    this.ws();
    const c = this.s[this.pos];
    if (c === '{' || c === '[') {
      if (this.open.length >= MAX_JSON_DEPTH) {
        this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels (a publication file nests 3: [{"authors": ["…"]}])`);
      }
      this.open.push({ kind: c, started: false });
      this.pos++;
    } else if (c === '"') this.string();
    else if (c === undefined) this.fail('unexpected end of JSON input');
    else if (!this.literal()) this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  /** Reads what follows in the innermost open object or array: its end, or one more member. */
  private step(): void {
    const depth = this.open.length - 1;
    const frame = this.open[depth];
    const close = frame.kind === '{' ? '}' : ']';
    this.ws();
    if (!frame.started) {
      frame.started = true;
      if (this.s[this.pos] === close) { this.pos++; this.open.pop(); return; }
    } else {
      const c = this.s[this.pos++];
      if (c === close) { this.open.pop(); return; }
      if (c !== ',') {
        this.pos--;
        this.fail(`expected ',' or '${close}'`);
      }
      this.ws();
    }
    if (frame.kind === '[') {
      if (depth === 0) this.records.push({ line: this.line, keys: new Map() });
    } else {
      if (this.s[this.pos] !== '"') this.fail('expected a double-quoted property name');
      const keyLine = this.line;
      const key = this.string();
      const mark = depth === 1 && this.open[0].kind === '[' ? this.records[this.records.length - 1] : undefined;
      if (mark && !mark.keys.has(key)) mark.keys.set(key, keyLine);
      this.ws();
      if (this.s[this.pos] !== ':') this.fail(`expected ':' after property name ${quoted(key)}`);
      this.pos++;
    }
    this.value();
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

/** JSON keys we read, with the entry field each one fills (pageCategory fills none). A Map: a key such as "constructor" is input, not a property. */
const KEYS: ReadonlyMap<string, EntryField | null> = new Map<string, EntryField | null>([
  ['id', 'id'], ['title', 'title'], ['abstract', 'abstract'], ['countries', 'country'], ['regions', 'region'],
  ['authors', 'authors'], ['year', 'year'], ['categories', 'category'], ['category', 'category'], ['pageCategory', null],
  ['language', 'language'], ['lang', 'language'],
]);
const KEY_NAMES = [...KEYS.keys()].join(', ');

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
    problems.push({ file, line: lineOf(key), field: KEYS.get(key) ?? key, message: `record ${record}: "${key}" must be ${expected}` });
  };
  const fieldLines: Partial<Record<EntryField, number>> = {};
  for (const key of Object.keys(obj)) {
    const field = KEYS.get(key);
    if (field === undefined) {
      problems.push({ file, line: lineOf(key), field: excerpt(key, 40), message: `record ${record}: unknown field ${quoted(key)} (known: ${KEY_NAMES})` });
      continue;
    }
    if (field && (fieldLines[field] === undefined || lineOf(key) < fieldLines[field]!)) fieldLines[field] = lineOf(key);
  }
  // Own keys only: whatever the record holds, a value never comes from Object.prototype.
  const valueOf = (key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);
  /** Returns `v`, or reports the character JSON escapes ("\u0000", "\ud800") let in that no raw text may hold. */
  const clean = (key: string, v: string): string | undefined => {
    const at = forbiddenCharAt(v);
    if (at < 0) return v;
    problems.push({ file, line: lineOf(key), field: KEYS.get(key) ?? key, message: `record ${record}: "${key}" holds ${describeForbidden(v, at)}` });
    return undefined;
  };
  const text = (key: string): string | undefined => {
    const v = valueOf(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return clean(key, v);
    if (typeof v === 'number' && key === 'year') return String(v);
    bad(key, key === 'year' ? 'a number or a string' : 'a string');
    return undefined;
  };
  const list = (key: string): string[] => {
    const v = valueOf(key);
    if (v === undefined || v === null) return [];
    // A string holds several values separated by ";"; the empty pieces around a stray ";" are not values.
    if (typeof v === 'string') return clean(key, v)?.split(';').map((s) => s.trim()).filter((s) => s !== '') ?? [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return clean(key, v.join('\n')) === undefined ? [] : v as string[];
    bad(key, 'a list of strings or a ";"-separated string');
    return [];
  };
  const stated = [text('language'), text('lang')].filter((v): v is string => v !== undefined);
  if (stated.length === 2 && stated[0].trim().toLowerCase() !== stated[1].trim().toLowerCase()) {
    problems.push({ file, line: lineOf('lang'), field: 'language', message: `record ${record}: "language" and "lang" disagree (${quoted(stated[0])}, ${quoted(stated[1])}); give one` });
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
