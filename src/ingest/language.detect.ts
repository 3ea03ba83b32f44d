/**
 * Detects the language of a library entry from its title and abstract (issue 17).
 *
 * The detector is eld (Efficient Language Detector) with its "small" n-gram database, chosen by
 * `npm run bench:language` (bench/language-detect.ts) against tinyld, franc and franc-min on the
 * evaluation set in test/fixtures/tagger-eval: it was the only one right on every title alone
 * (tinyld 90-96 %, franc 78-97 %, franc-min 97 %), as right as any on longer text, and the fastest
 * (about 30 µs a title and 130 µs a whole entry; tinyld 200-1,000). The medium and large databases scored the same as small;
 * extra-small missed 2 of 29 English titles. Loading the small one takes about 0.4 s and 60 MB.
 *
 * It is not restricted to a list of languages: all of eld's 60 stay candidates. Restricting to the
 * languages the library holds (en, es, fr, pt, plus ar, ru, zh, de, it, nl) changed nothing on
 * whole titles, and only helped on two- or three-word fragments, which MIN_LETTERS and MIN_MARGIN
 * leave undetermined anyway; but it turned Ukrainian into Russian, Turkish and Polish into German
 * and Catalan into Spanish, each with a confident score. An entry in a language the library has not
 * held before should get its own code, not a wrong one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UNDETERMINED_LANGUAGE } from '../domain/language.codes';

/** ISO 639-1 code, or `und` when the text is too short, mixed, or the detector is unsure. */
export type LanguageCode = string;

/** `und`, as the domain spells it (src/domain/language.codes.ts). */
export const UNDETERMINED = UNDETERMINED_LANGUAGE;

/**
 * Fewer letters than this say too little to tell a language. On the first 1-4 words of the
 * evaluation set's titles, 7-8 % of eld's answers under 15 letters were wrong even with the lead
 * MIN_MARGIN asks, and at most 1.4 % from 15 letters on (the sweep in `npm run bench:language`).
 */
const MIN_LETTERS = 15;
/**
 * How far the best language's score (0-1) must be ahead of the runner-up's. Below it the text reads
 * as either ("Informe anual" is Spanish and Portuguese); 0.02 keeps every whole title of the
 * evaluation set and drops most fragments eld got wrong.
 */
const MIN_MARGIN = 0.02;
/** A part of the text (a title, one side of a bilingual "A / B" title, a sentence) votes in the mixed-language check from this many letters. */
const MIN_PART_LETTERS = 20;
/**
 * When parts confidently in languages other than the whole's hold more than this share of the
 * voting letters, the entry is mixed: `und`. An English title over a Spanish abstract stays
 * Spanish (the title holds well under 30 % of the letters); two abstracts, or a sentence in each
 * language, are mixed.
 */
const MAX_OTHER_SHARE = 0.3;

/** The part of eld's API used here (its package ships types only for the `import` condition). */
interface EldResult {
  readonly language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
  newInstance(): Eld;
}

/**
 * eld is an ES module whose package.json exports its entry points under the `import` condition
 * only, so `require('eld/small')` fails even on a Node that can require() ES modules (20.19+,
 * 22.12+). Requiring the entry file by its path works: the node_modules folders are searched in the
 * order require() uses. The static entry carries its database, so detection is synchronous from
 * the first call; loading it takes about half a second, hence the lazy load on first use.
 */
function loadEld(): Eld {
  const entry = path.join('eld', 'src', 'entries', 'static.small.js');
  for (const dir of require.resolve.paths('eld') ?? []) {
    const file = path.join(dir, entry);
    if (existsSync(file)) return (require(file) as { eld: Eld }).eld.newInstance();
  }
  throw new Error(`language detection needs the eld package: ${entry} was not found in any node_modules folder`);
}

let detector: Eld | undefined;

const letterCount = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

/** eld's best language and its lead over the runner-up, or null when eld has no answer. */
function best(text: string): { lang: string; margin: number } | null {
  detector ??= loadEld();
  const result = detector.detect(text);
  if (!result.language) return null;
  let first = 0;
  let second = 0;
  for (const score of Object.values(result.getScores())) {
    if (score > first) [first, second] = [score, first];
    else if (score > second) second = score;
  }
  return { lang: result.language, margin: first - second };
}

/** The title's sides (bilingual titles read "English / Español") and the abstract's sentences and paragraphs. */
function partsOf(title: string, abstract: string): string[] {
  return [...title.split(/\s+[/|]\s+/u), ...abstract.split(/(?<=[.!?])\s+|\n+/u)];
}

/** The language an entry is written in: ISO 639-1, or `und`. Synchronous; a few hundred microseconds an entry. */
export function detectLanguage(title: string, abstract: string): LanguageCode {
  const text = `${title}\n${abstract}`.trim();
  if (letterCount(text) < MIN_LETTERS) return UNDETERMINED;
  const whole = best(text);
  if (!whole || whole.margin < MIN_MARGIN || !/^[a-z]{2}$/.test(whole.lang)) return UNDETERMINED;

  let voting = 0;
  let other = 0;
  for (const part of partsOf(title, abstract)) {
    const letters = letterCount(part);
    if (letters < MIN_PART_LETTERS) continue;
    const found = best(part);
    if (!found || found.margin < MIN_MARGIN) continue;
    voting += letters;
    if (found.lang !== whole.lang) other += letters;
  }
  return other > MAX_OTHER_SHARE * voting ? UNDETERMINED : whole.lang;
}
