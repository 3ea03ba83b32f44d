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
    const gap = text.slice(last, m.index);
    tokens.push({
      word,
      stem,
      start: m.index,
      end: m.index + m[0].length,
      breakBefore: tokens.length > 0 && /[.,;:!?()[\]{}"\u201C\u201D]/.test(gap),
    });
    last = m.index + m[0].length;
  }
  return tokens;
}

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

/** Terms by their first key (a stem, or a word for exact terms), each list longest first, so a scan only tries terms that can start at a word. */
function byFirstKey(terms: readonly Term[]): ReadonlyMap<string, readonly Term[]> {
  const index = new Map<string, Term[]>();
  for (const t of terms) index.set(t.keys[0], [...(index.get(t.keys[0]) ?? []), t]);
  return index;
}

const NO_TERMS: readonly Term[] = [];

/** Non-overlapping term matches, scanning left to right and taking the longest term at each word. */
function findHits(text: string, tokens: readonly Token[], index: ReadonlyMap<string, readonly Term[]>): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const stemmed = index.get(tokens[i].stem) ?? NO_TERMS;
    const exact = tokens[i].word === tokens[i].stem ? NO_TERMS : index.get(tokens[i].word) ?? NO_TERMS;
    const candidates = exact.length === 0 ? stemmed : [...stemmed, ...exact].sort((a, b) => b.keys.length - a.keys.length || a.index - b.index);
    const term = candidates.find((t) =>
      t.keys.every((k, j) => {
        const tok = tokens[i + j];
        return tok !== undefined && (j === 0 || !tok.breakBefore) && (t.exact ? tok.word : tok.stem) === k;
      }),
    );
    if (!term) {
      i++;
      continue;
    }
    const last = tokens[i + term.keys.length - 1];
    hits.push({ term: term.index, surface: text.slice(tokens[i].start, last.end).replace(/\s+/g, ' ') });
    i += term.keys.length;
  }
  return hits;
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
    terms: byFirstKey(compileTerms(e.terms, e.exactTerms)),
    // A category names a theme by its name, its slug or one of its terms.
    names: new Set(
      [e.theme.name, e.theme.slug.replace(/-/g, ' '), ...e.terms].map((t) => keysOf(t, false).join(' ')),
    ),
  }));

  return {
    tag(title, abstract) {
      const titleTokens = tokenize(title);
      const abstractTokens = tokenize(abstract);
      const links: ThemeLink[] = [];
      for (const theme of themes) {
        const inTitle = findHits(title, titleTokens, theme.terms);
        const inAbstract = findHits(abstract, abstractTokens, theme.terms);
        if (inTitle.length + inAbstract.length === 0) continue;
        links.push({ id: theme.id, score: scoreOf(inTitle, inAbstract), evidence: evidenceOf([...inTitle, ...inAbstract]) });
      }
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
