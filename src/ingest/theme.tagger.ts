/**
 * Tags a publication with taxonomy themes from its title and abstract, keeping the words that
 * matched as evidence so every link can be explained.
 */
import type { ThemeLink } from '../domain/import.types';
import type { Taxonomy } from './taxonomy';
import { foldText, slugOf } from './text.normalize';

// The package ships no type declarations; this is its whole API.
const stem: (word: string) => string = require('wink-porter2-stemmer');

/** Tags one publication; see createTagger. */
export interface ThemeTagger {
  /** Theme links for a title and abstract, by score descending then id ascending. */
  tag(title: string, abstract: string): ThemeLink[];
  /** The theme a listing heading such as "Child Trafficking" names, or null. */
  themeForCategory(label: string): string | null;
}

interface Token {
  /** Folded word, possessive dropped: what exact terms compare. */
  readonly word: string;
  readonly stem: string;
  readonly start: number;
  readonly end: number;
  /** Sentence punctuation separates this token from the previous one, so no term spans the gap. */
  readonly breakBefore: boolean;
}

interface Term {
  readonly keys: readonly string[];
  readonly exact: boolean;
  readonly index: number;
}

// Porter2 leaves irregular plurals alone; without these "trafficked children" misses "trafficked child".
const IRREGULAR: Readonly<Record<string, string>> = { children: 'child', women: 'woman', men: 'man', people: 'person' };
const MAX_EVIDENCE = 10;
// Weights of the score (see scoreOf).
const TITLE_WEIGHT = 3;
const ABSTRACT_DISTINCT_CAP = 4;
const REPEAT_WEIGHT = 0.5;
const REPEAT_CAP = 4;

const FORMS = new Map<string, { word: string; stem: string }>();
const MAX_FORMS = 200_000;

/** Returns a surface word's folded form and stem, memoised: a library's vocabulary is small next to its word count. */
function wordForms(surface: string): { word: string; stem: string } {
  let forms = FORMS.get(surface);
  if (!forms) {
    const word = foldText(surface).replace(/'s$/, '').replace(/'/g, '');
    forms = { word, stem: stem(IRREGULAR[word] ?? word) };
    if (FORMS.size >= MAX_FORMS) FORMS.clear();
    FORMS.set(surface, forms);
  }
  return forms;
}

/** Splits text into words at spaces, hyphens and punctuation, keeping each word's offsets. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu)) {
    const { word, stem } = wordForms(m[0]);
    tokens.push({
      word,
      stem,
      start: m.index,
      end: m.index + m[0].length,
      breakBefore: tokens.length > 0 && hasBreak(text, last, m.index),
    });
    last = m.index + m[0].length;
  }
  return tokens;
}

/** True when text[from, to) holds sentence punctuation (. , ; : ! ? brackets, quotes). */
function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? BREAK_ASCII[c] === 1 : c === 0x201c || c === 0x201d) return true;
  }
  return false;
}

const BREAK_ASCII = new Uint8Array(128);
for (const ch of '.,;:!?()[]{}"') BREAK_ASCII[ch.charCodeAt(0)] = 1;

const keysOf = (text: string, exact: boolean): string[] => tokenize(text).map((t) => (exact ? t.word : t.stem));

/** A theme's terms, de-duplicated by their keys, longest first so the longest match wins. */
function compileTerms(terms: readonly string[], exactTerms: readonly string[]): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const [list, exact] of [[terms, false], [exactTerms, true]] as const) {
    for (const t of list) {
      const keys = keysOf(t, exact);
      const id = `${exact}:${keys.join(' ')}`;
      if (keys.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push({ keys, exact, index: out.length });
    }
  }
  return out.sort((a, b) => b.keys.length - a.keys.length || a.index - b.index);
}

interface Hit {
  readonly term: number;
  readonly surface: string;
}

/** One theme's terms that start with a given key, longest first (then in taxonomy order). */
interface ThemeTerms {
  readonly theme: number;
  readonly terms: readonly Term[];
}

/**
 * Every theme's terms by their first key (a stem, or a word for exact terms), themes in taxonomy
 * order, so one scan of a text looks each word up once for all themes.
 */
function byFirstKey(themeTerms: readonly (readonly Term[])[]): ReadonlyMap<string, readonly ThemeTerms[]> {
  const index = new Map<string, ThemeTerms[]>();
  themeTerms.forEach((terms, theme) => {
    for (const t of terms) {
      const key = t.keys[0];
      const entries = index.get(key) ?? [];
      const last = entries[entries.length - 1];
      if (last?.theme === theme) (last.terms as Term[]).push(t);
      else entries.push({ theme, terms: [t] });
      index.set(key, entries);
    }
  });
  return index;
}

const longestFirst = (a: Term, b: Term): number => b.keys.length - a.keys.length || a.index - b.index;

/** Returns the first of the candidates (longest first) that matches the tokens from position i on. */
function matchAt(tokens: readonly Token[], i: number, candidates: readonly Term[]): Term | undefined {
  return candidates.find((t) =>
    t.keys.every((k, j) => {
      const tok = tokens[i + j];
      return tok !== undefined && (j === 0 || !tok.breakBefore) && (t.exact ? tok.word : tok.stem) === k;
    }),
  );
}

/**
 * Each theme's non-overlapping term matches, as if every theme scanned the text on its own: left to
 * right, taking that theme's longest term at each word and resuming after it.
 */
function findHits(text: string, tokens: readonly Token[], index: ReadonlyMap<string, readonly ThemeTerms[]>, themes: number): Hit[][] {
  const hits: Hit[][] = Array.from({ length: themes }, () => []);
  const nextFree = new Array<number>(themes).fill(0);
  for (let i = 0; i < tokens.length; i++) {
    const stemmed = index.get(tokens[i].stem);
    const exact = tokens[i].word === tokens[i].stem ? undefined : index.get(tokens[i].word);
    if (!stemmed && !exact) continue;
    for (const { theme, terms } of stemmed ?? []) {
      if (i < nextFree[theme]) continue;
      const alsoExact = exact?.find((e) => e.theme === theme)?.terms;
      record(i, theme, alsoExact ? [...terms, ...alsoExact].sort(longestFirst) : terms);
    }
    for (const { theme, terms } of exact ?? []) {
      if (i < nextFree[theme] || stemmed?.some((e) => e.theme === theme)) continue;
      record(i, theme, terms);
    }
  }
  return hits;

  function record(i: number, theme: number, candidates: readonly Term[]): void {
    const term = matchAt(tokens, i, candidates);
    if (!term) return;
    const last = tokens[i + term.keys.length - 1];
    hits[theme].push({ term: term.index, surface: text.slice(tokens[i].start, last.end).replace(/\s+/g, ' ') });
    nextFree[theme] = i + term.keys.length;
  }
}

/**
 * raw = 3·(distinct terms in the title) + min(distinct terms in the abstract, 4)
 *     + 0.5·min(repeated abstract matches, 4); score = raw / (raw + 2), to 3 decimals.
 * A title match alone gives 0.6, one abstract mention 0.333; more, and more varied, evidence
 * approaches but never reaches 1, and the caps stop a long abstract from outweighing the title.
 */
function scoreOf(title: readonly Hit[], abstract: readonly Hit[]): number {
  const titleDistinct = new Set(title.map((h) => h.term)).size;
  const abstractDistinct = new Set(abstract.map((h) => h.term)).size;
  const repeats = abstract.length - abstractDistinct;
  const raw =
    TITLE_WEIGHT * titleDistinct +
    Math.min(abstractDistinct, ABSTRACT_DISTINCT_CAP) +
    REPEAT_WEIGHT * Math.min(repeats, REPEAT_CAP);
  return Math.round((raw / (raw + 2)) * 1000) / 1000;
}

/**
 * Distinct surface forms in order of first appearance, at most 10. Forms that differ only in case,
 * accents or punctuation ("COVID-19"/"Covid-19", "demand-side"/"‘demand-side’") count as one.
 */
function evidenceOf(hits: readonly Hit[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const h of hits) {
    const key = foldText(h.surface).replace(/[^\p{L}\p{N}]+/gu, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h.surface);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

/** Builds a tagger over a loaded taxonomy; the terms are compiled once. */
export function createTagger(taxonomy: Taxonomy): ThemeTagger {
  const themes = taxonomy.entries.map((e) => ({
    id: e.theme.id,
    // A category names a theme by its name, its slug or one of its terms.
    names: new Set(
      [e.theme.name, e.theme.slug.replace(/-/g, ' '), ...e.terms].map((t) => keysOf(t, false).join(' ')),
    ),
  }));
  const index = byFirstKey(taxonomy.entries.map((e) => compileTerms(e.terms, e.exactTerms)));

  return {
    tag(title, abstract) {
      const inTitle = findHits(title, tokenize(title), index, themes.length);
      const inAbstract = findHits(abstract, tokenize(abstract), index, themes.length);
      const links: ThemeLink[] = [];
      themes.forEach((theme, i) => {
        if (inTitle[i].length + inAbstract[i].length === 0) return;
        links.push({ id: theme.id, score: scoreOf(inTitle[i], inAbstract[i]), evidence: evidenceOf([...inTitle[i], ...inAbstract[i]]) });
      });
      return links.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    themeForCategory(label) {
      const key = keysOf(label, false).join(' ');
      if (!key) return null;
      const bySlug = themes.find((t) => t.id === `Theme:${slugOf(label)}`);
      return (bySlug ?? themes.find((t) => t.names.has(key)))?.id ?? null;
    },
  };
}
