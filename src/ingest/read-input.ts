import { extname } from 'node:path';
import type { InputProblem } from '../domain/errors';
import { parseCsv } from './csv.parser';
import { parseJson } from './json.parser';
import { parseListing } from './listing.parser';
import type { InputFormat, ParseResult } from './parse-result';
import { describeForbidden, forbiddenCharAt } from './text.normalize';

/**
 * The longest line a listing page or a CSV file may hold, in characters: five abstracts' worth, room
 * for an abstract plus a thousand author names on one CSV line. JSON has no such limit (a minified
 * file is one line); its values are bounded one by one.
 */
export const MAX_LINE = 100_000;

const BY_EXTENSION: ReadonlyMap<string, InputFormat> = new Map([
  ['.json', 'json'], ['.csv', 'csv'], ['.txt', 'listing'], ['.md', 'listing'],
]);

/** Every line break the parsers count: CRLF, a lone CR (old Mac files) and LF. */
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Returns the format to parse a file as: the explicit choice, else the extension, else a sniff of
 * the text (a leading "[" or "{" means JSON; a first line naming a title column among commas means
 * CSV; anything else is a listing page, the format the library publishes).
 */
export function detectFormat(file: string, text: string, explicit?: InputFormat): InputFormat {
  if (explicit) return explicit;
  const byExtension = BY_EXTENSION.get(extname(file).toLowerCase());
  if (byExtension) return byExtension;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',') && /(^|,)\s*"?title"?\s*(,|$)/i.test(firstLine)) return 'csv';
  return 'listing';
}

/**
 * Parses text in the given or detected format; returns entries and problems, never throws on bad
 * input. Text that holds a character no library text has (NUL, U+FFFD, a control character) or, in
 * a listing or CSV file, a line longer than MAX_LINE is refused whole: its file is damaged or not
 * the format named, and parsing it would only bury that under follow-on errors.
 */
export function parseInput(text: string, file: string, format?: InputFormat): ParseResult {
  const detected = detectFormat(file, text, format);
  const problems = textProblems(text, file, detected !== 'json');
  if (problems.length) return { file, format: detected, pageCategory: null, entries: [], problems };
  switch (detected) {
    case 'json': return parseJson(text, file);
    case 'csv': return parseCsv(text, file);
    case 'listing': return parseListing(text, file);
  }
}

/**
 * Decodes a file's bytes as UTF-8 (a leading BOM dropped); returns the text and, when a byte is not
 * valid UTF-8, a problem on the line of the first bad byte. The text is then the lenient decoding
 * (U+FFFD for each bad byte), which parseInput refuses on the same line.
 */
export function decodeInput(bytes: Uint8Array, file: string): { text: string; problems: InputProblem[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problems: [] };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = lineAt(Buffer.from(bytes.buffer, bytes.byteOffset, at).toString('latin1'), at);
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      problems: [{ file, line, field: 'file', message: `not valid UTF-8: byte 0x${hex} at offset ${at}; save the file as UTF-8` }],
    };
  }
}

/** The file-level problems of a text: its first forbidden character, and (when `linesBounded`) each line past MAX_LINE. */
function textProblems(text: string, file: string, linesBounded: boolean): InputProblem[] {
  const problems: InputProblem[] = [];
  const bad = forbiddenCharAt(text);
  if (bad >= 0) {
    problems.push({ file, line: lineAt(text, bad), field: 'file', message: `holds ${describeForbidden(text, bad)}; only text files are read` });
  }
  if (!linesBounded) return problems;
  let line = 1;
  let start = 0;
  const tooLong = (end: number): void => {
    if (end - start > MAX_LINE) {
      problems.push({ file, line, field: 'line', message: `line is ${end - start} characters long; lines are at most ${MAX_LINE}` });
    }
  };
  for (const m of text.matchAll(LINE_BREAK)) {
    tooLong(m.index);
    start = m.index + m[0].length;
    line++;
  }
  tooLong(text.length);
  return problems;
}

/** Returns the 1-based line of position `index` in `text`, counting line breaks as the parsers do. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (const _ of text.slice(0, index).matchAll(LINE_BREAK)) line++;
  return line;
}

/** Returns the offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or the length. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    // Lead byte: how many continuation bytes follow, and the range the first one must lie in
    // (which excludes overlong forms, surrogates and code points past U+10FFFF).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c === 0xe0) lo = 0xa0; if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c === 0xf0) lo = 0x90; if (c === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}
