/**
 * The text analysis of Neo4j's fulltext indexes, reproduced so the memory store matches the same
 * words: Lucene's StandardTokenizer (Unicode UAX#29 word boundaries, here from ICU through
 * Intl.Segmenter, corrected where Lucene's grammar differs), Lucene's per-character lower-casing,
 * and, for entity names, the `standard-folding` analyzer's ASCII folding and English stop words.
 */

/** A term and the position Lucene gives it (stop words keep their slot, so phrases stay aligned). */
export interface Token {
  readonly term: string;
  readonly position: number;
}

/** The stop words of Lucene's EnglishAnalyzer, which `standard-folding` drops. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not',
  'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'word' });
// Lucene emits every ideograph and hiragana as its own token, where ICU groups them by dictionary.
const SINGLE_CHARS = /[\p{Script=Han}\p{Script=Hiragana}]/u;
// Lucene keeps a run of South-East Asian letters whole, where ICU splits it by dictionary.
const SOUTH_EAST_ASIAN = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}]+$/u;
const SCRIPT_RUNS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}]+|[^\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}]+/gu;
// Lucene tokenizes emoji, which ICU marks as not word-like.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

// In ASCII text the word-boundary rules come down to this: runs of letters, digits and "_", joined
// across one of : . ' between letters or one of . , ; ' between digits (checked against Lucene
// on the corpus and 200,000 random strings). It is many times faster than the segmenter.
const ASCII_TOKEN = /[A-Za-z0-9_]+(?:(?:(?<=[A-Za-z])[:.'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

// White space that no word-boundary rule joins across (U+FEFF is left out: it is a format character).
const SPACES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Lucene cuts a longer token into pieces of this many UTF-16 units. */
const MAX_TOKEN_LENGTH = 255;

/** Returns the raw tokens of a text as Lucene's StandardTokenizer cuts it (case kept). */
export function standardTokens(text: string): string[] {
  const out: string[] = [];
  if (ASCII.test(text)) out.push(...asciiTokens(text));
  else for (const chunk of text.split(SPACES)) if (chunk) out.push(...(ASCII.test(chunk) ? asciiTokens(chunk) : segmentTokens(chunk)));
  return out.some((t) => t.length > MAX_TOKEN_LENGTH) ? out.flatMap(cutLong) : out;
}

function cutLong(token: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < token.length; i += MAX_TOKEN_LENGTH) pieces.push(token.slice(i, i + MAX_TOKEN_LENGTH));
  return pieces;
}

function asciiTokens(text: string): string[] {
  return (text.match(ASCII_TOKEN) ?? []).filter((token) => /[A-Za-z0-9]/.test(token));
}

function segmentTokens(text: string): string[] {
  const out: string[] = [];
  let lastEnd = -1;
  let lastSouthEastAsian = false;
  for (const { segment, index, isWordLike } of SEGMENTER.segment(text)) {
    const adjacent = index === lastEnd;
    lastEnd = index + segment.length;
    if (!isWordLike) {
      lastSouthEastAsian = false;
      if (EMOJI.test(segment)) out.push(segment);
      continue;
    }
    // Lucene emits no token for a run of connectors alone ("__"), which ICU calls a word.
    for (const run of (segment.match(SCRIPT_RUNS) ?? []).filter((r) => /[\p{L}\p{N}]/u.test(r))) {
      const southEastAsian = SOUTH_EAST_ASIAN.test(run);
      if (southEastAsian && lastSouthEastAsian && adjacent) out[out.length - 1] += run;
      else if (SINGLE_CHARS.test(run)) out.push(...splitSingles(run));
      else out.push(run);
      lastSouthEastAsian = southEastAsian;
    }
  }
  return out;
}

function splitSingles(run: string): string[] {
  const out: string[] = [];
  let rest = '';
  for (const ch of run) {
    if (SINGLE_CHARS.test(ch)) {
      if (rest) out.push(rest);
      rest = '';
      out.push(ch);
    } else rest += ch;
  }
  if (rest) out.push(rest);
  return out;
}

/** Returns a term lower-cased one code point at a time, as Lucene's LowerCaseFilter does (İ → i, Σ → σ always). */
export function luceneLower(term: string): string {
  return ASCII.test(term) ? term.toLowerCase() : term.replace(/\u0130/g, 'i').replace(/\u03a3/g, 'σ').toLowerCase();
}

/** Returns the terms of the `standard-no-stop-words` analyzer (publication titles and abstracts). */
export function standardTerms(text: string): string[] {
  // Lower-casing first is the same (letter case never moves a word boundary, and per code point
  // nothing changes length once İ is mapped) and much cheaper than per token.
  return standardTokens(luceneLower(text));
}

// What ASCIIFoldingFilter makes of the letters (lower-cased) that are not a base letter plus marks.
const FOLD_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i', ħ: 'h', ĳ: 'ij', ĸ: 'q', ŀ: 'l',
  ŉ: 'n', ŋ: 'n', ŧ: 't', ſ: 's', ƒ: 'f', ə: 'a', ɛ: 'e', ǆ: 'dz', ǉ: 'lj', ǌ: 'nj', ǳ: 'dz', ƀ: 'b', ɨ: 'i',
  ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬆ: 'st',
  '\u2018': "'", '\u2019': "'", '\u201b': "'", '\uff07': "'", '\uff0e': '.',
};
const FOLD_EXTRA_RE = new RegExp(`[${Object.keys(FOLD_EXTRA).join('')}]`, 'gu');

/** Returns a lower-cased term with accents folded away as ASCIIFoldingFilter folds Latin letters ("côte" → "cote", "straße" → "strasse"). */
export function asciiFold(term: string): string {
  if (ASCII.test(term)) return term;
  return term
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(FOLD_EXTRA_RE, (ch) => FOLD_EXTRA[ch] ?? ch)
    .replace(/[\uff10-\uff19\uff41-\uff5a]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Returns the tokens of the `standard-folding` analyzer (entity names): folded, lower-cased, stop words dropped, positions kept. */
export function foldingTokens(text: string): Token[] {
  const out: Token[] = [];
  standardTokens(luceneLower(text)).forEach((lower, position) => {
    const term = asciiFold(lower);
    if (!ENGLISH_STOP_WORDS.has(term)) out.push({ term, position });
  });
  return out;
}

/** Returns the `standard-no-stop-words` tokens of a text with their positions. */
export function standardPositions(text: string): Token[] {
  return standardTerms(text).map((term, position) => ({ term, position }));
}

/**
 * Returns the words of free text as the fulltext query takes them (split at white space, words
 * without a letter or digit dropped), or null when none is left: then there is no text at all.
 */
export function queryWords(text: string | null | undefined): string[] | null {
  const words = (text ?? '').split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length ? words : null;
}

/** Returns whether `phrase` (analyzed query tokens) occurs in `field` (analyzed field tokens) with the same relative positions. */
export function containsPhrase(field: readonly Token[], phrase: readonly Token[]): boolean {
  if (phrase.length === 0) return false;
  const at = new Map<number, string>(field.map((t) => [t.position, t.term]));
  const first = phrase[0];
  return field.some((start) => start.term === first.term
    && phrase.every((t) => at.get(start.position + t.position - first.position) === t.term));
}
