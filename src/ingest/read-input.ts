import { extname } from 'node:path';
import { parseCsv } from './csv.parser';
import { parseJson } from './json.parser';
import { parseListing } from './listing.parser';
import type { InputFormat, ParseResult } from './parse-result';

const BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.json': 'json', '.csv': 'csv', '.txt': 'listing', '.md': 'listing',
};

/**
 * Returns the format to parse a file as: the explicit choice, else the extension, else a sniff of
 * the text (a leading "[" or "{" means JSON; a first line naming a title column among commas means
 * CSV; anything else is a listing page, the format the library publishes).
 */
export function detectFormat(file: string, text: string, explicit?: InputFormat): InputFormat {
  if (explicit) return explicit;
  const byExtension = BY_EXTENSION[extname(file).toLowerCase()];
  if (byExtension) return byExtension;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',') && /(^|,)\s*"?title"?\s*(,|$)/i.test(firstLine)) return 'csv';
  return 'listing';
}

/** Parses text in the given or detected format; returns entries and problems, never throws on bad input. */
export function parseInput(text: string, file: string, format?: InputFormat): ParseResult {
  switch (detectFormat(file, text, format)) {
    case 'json': return parseJson(text, file);
    case 'csv': return parseCsv(text, file);
    case 'listing': return parseListing(text, file);
  }
}
