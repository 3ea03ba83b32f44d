/**
 * Tags a publication with taxonomy themes from its title and abstract, keeping the words that
 * matched, as written, as evidence so every link can be explained.
 *
 * Each language's terms are matched with that language's Snowball stemmer (snowball-stemmers:
 * English is Porter2), accents folded after stemming. A text in a language the taxonomy has terms
 * for is matched against that language's terms; any other text (`und`, or a language without
 * terms) against every language's. docs/tagger.md explains the guards against false matches.
 */
import { newStemmer, type Stemmer } from 'snowball-stemmers';
import type { ThemeLink } from '../domain/import.types';
import { isTermLanguage, TERM_LANGUAGES, type Taxonomy, type TermLanguage } from './taxonomy';
import { foldAccents, foldText, slugOf } from './text.normalize';

/** Tags one publication; see createTagger. */
export interface ThemeTagger {
  /**
   * Theme links for a title and abstract, by score descending then id ascending. `language` is
   * the text's ISO 639-1 code; without one, or for a language the taxonomy has no terms in, the
   * text is matched against every language's terms.
   */
  tag(title: string, abstract: string, language?: string): ThemeLink[];
  /** The theme a listing heading such as "Child Trafficking" names, or null. */
  themeForCategory(label: string): string | null;
}

interface Token {
  /** Folded word, possessive and elision dropped: what exact terms compare. */
  readonly word: string;
  readonly stem: string;
  readonly start: number;
  readonly end: number;
  /** Sentence punctuation separates this token from the previous one, so no term spans the gap. */
  readonly breakBefore: boolean;
  /** Every letter a capital, at least two letters (an acronym as written: GBV, TIP). */
  readonly allCaps: boolean;
  /** A capital first letter, not at a sentence start and not all capitals (a name, in running text). */
  readonly nameLike: boolean;
  /** The first word of a sentence (or of the text). */
  readonly sentenceStart: boolean;
}

interface Term {
  readonly keys: readonly string[];
  readonly exact: boolean;
  /** Written in capitals without digits (GBV): matches only words written in capitals. */
  readonly capitals: boolean;
  /** The term's own words, folded: a text word equal to one matched as written, not through a stem. */
  readonly words: readonly string[];
  /** One word written in lower case ("gang"): a name in running text ("Dr Li Gang") is not it. */
  readonly commonWord: boolean;
  /** A context term (taxonomy `contextTerms`): counts only where another theme's term places the entry in the field. */
  readonly context: boolean;
  /** Unique within the tagger (across languages), for counting distinct terms. */
  readonly index: number;
}

const STEMMER_NAMES: Readonly<Record<TermLanguage, string>> = { en: 'english', es: 'spanish', fr: 'french', pt: 'portuguese' };
const STEMMERS: Readonly<Record<TermLanguage, Stemmer>> = Object.fromEntries(
  TERM_LANGUAGES.map((l) => [l, newStemmer(STEMMER_NAMES[l])]),
) as Record<TermLanguage, Stemmer>;

// Porter2 leaves irregular plurals alone; without these "trafficked children" misses "trafficked child".
// Maps, not objects: the word "constructor" in an abstract must not find Object.prototype's.
const IRREGULAR: Readonly<Partial<Record<TermLanguage, ReadonlyMap<string, string>>>> = {
  en: new Map([['children', 'child'], ['women', 'woman'], ['men', 'man'], ['people', 'person']]),
};
// French elision: l'orientation, d'enfants, qu'un. The article is dropped, the word is kept.
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019](?=\p{L})/iu;
const MAX_EVIDENCE = 10;
// Weights of the score (see scoreOf).
const TITLE_WEIGHT = 3;
const ABSTRACT_DISTINCT_CAP = 4;
const REPEAT_WEIGHT = 0.5;
const REPEAT_CAP = 4;

const FORMS = new Map<string, { word: string; stem: string }>();
const MAX_FORMS = 200_000;

/** Returns a surface word's folded form and stem in a language, memoised: a library's vocabulary is small next to its word count. */
function wordForms(surface: string, language: TermLanguage): { word: string; stem: string } {
  const key = `${language}\u0000${surface}`;
  let forms = FORMS.get(key);
  if (!forms) {
    const lower = surface.toLowerCase().replace(/\u2019/g, "'").replace(/'s$/, '').replace(/'/g, '');
    const word = foldText(lower);
    const irregular = IRREGULAR[language]?.get(word);
    // Snowball's Spanish, French and Portuguese rules read accented suffixes, so the stem is taken
    // before the accents are folded.
    forms = { word, stem: foldAccents(STEMMERS[language].stem(irregular ?? lower)) };
    if (FORMS.size >= MAX_FORMS) FORMS.clear();
    FORMS.set(key, forms);
  }
  return forms;
}

/** Splits text into words at spaces, hyphens and punctuation, keeping each word's offsets. */
function tokenize(text: string, language: TermLanguage): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  let sentenceEnd = true;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu)) {
    let surface = m[0];
    let start = m.index;
    const elided = language === 'fr' ? ELISION.exec(surface) : null;
    if (elided) {
      start += elided[0].length;
      surface = surface.slice(elided[0].length);
    }
    const between = tokens.length > 0 ? hasBreak(text, last, m.index) : 0;
    if (between >= 2) sentenceEnd = true;
    const { word, stem } = wordForms(surface, language);
    const letters = surface.replace(/[^\p{L}]/gu, '');
    const allCaps = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    const initial = surface.charAt(0);
    tokens.push({
      word,
      stem,
      start,
      end: m.index + m[0].length,
      breakBefore: between === 1 || between === 2,
      allCaps,
      nameLike: !sentenceEnd && !allCaps && initial !== initial.toLowerCase(),
      sentenceStart: sentenceEnd,
    });
    sentenceEnd = false;
    last = m.index + m[0].length;
  }
  return titleCase(text, tokens) ? tokens.map((t) => (t.nameLike ? { ...t, nameLike: false } : t)) : tokens;
}

/**
 * True for Title Case text ("Youth Gangs and Trafficked Children"), where capitals say nothing
 * about names: most words of four letters or more start with one.
 */
function titleCase(text: string, tokens: readonly Token[]): boolean {
  let long = 0;
  let capitalised = 0;
  for (const t of tokens) {
    const surface = text.slice(t.start, t.end);
    if (surface.length < 4) continue;
    long++;
    if (surface.charAt(0) !== surface.charAt(0).toLowerCase()) capitalised++;
  }
  return long > 0 && capitalised / long >= 0.6;
}

/**
 * 0 when text[from, to) holds no sentence punctuation; 1 for a clause break (, ; : brackets,
 * quotes); 2 for a sentence end (. ! ? followed by a space or the end); 3 for a line break alone,
 * which starts a sentence for capitals but lets a term run on.
 */
function hasBreak(text: string, from: number, to: number): 0 | 1 | 2 | 3 {
  let found: 0 | 1 | 2 | 3 = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && (i + 1 >= to || text.charCodeAt(i + 1) <= 32)) return 2;
    if (c < 128 ? BREAK_ASCII[c] === 1 : c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb) found = 1;
    else if (c === 10 && found === 0) found = 3;
  }
  return found;
}

const BREAK_ASCII = new Uint8Array(128);
for (const ch of '.,;:!?()[]{}"') BREAK_ASCII[ch.charCodeAt(0)] = 1;

const keysOf = (text: string, language: TermLanguage, exact: boolean): string[] =>
  tokenize(text, language).map((t) => (exact ? t.word : t.stem));

/** Capitals and no digit: an acronym such as GBV or VBG, which must be written in capitals to count. */
const isAcronym = (term: string): boolean => !/\p{N}/u.test(term) && /\p{L}{2}/u.test(term) && term === term.toUpperCase() && term !== term.toLowerCase();

/** One language's matcher: its terms by first key, its negations and the words never matched by stem. */
interface LanguageMatcher {
  readonly language: TermLanguage;
  readonly index: ReadonlyMap<string, readonly ThemeTerms[]>;
  /** One-word negations, folded ("not", "ni"): they reach the term right after them (negated()). */
  readonly negationWords: ReadonlySet<string>;
  /** Denials of several words as folded word lists ("not related to"): they reach to the end of the sentence (deniedTokens()). */
  readonly denials: readonly (readonly string[])[];
  /** Articles that may stand between a negation and the term ("not about the gangs"). */
  readonly articles: ReadonlySet<string>;
  /** Folded words that never match a term through their stem (Ganges is not gangs). */
  readonly notStems: ReadonlySet<string>;
  /** Folded words that, right before a term, cancel it ("se" in "se trata de"). */
  readonly notAfter: ReadonlySet<string>;
  /** Folded words that end a denial's reach within a sentence ("but"). */
  readonly contrasts: ReadonlySet<string>;
  /** Denials that follow what they deny ("is not covered"), as folded word lists: they reach back to the sentence's start or to a contrast. */
  readonly denialsAfter: readonly (readonly string[])[];
}

/** A theme's terms, de-duplicated by their keys, longest first so the longest match wins. */
function compileTerms(lists: { terms: readonly string[]; exactTerms: readonly string[]; contextTerms: readonly string[] }, language: TermLanguage, next: () => number): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const [list, exact, context] of [[lists.terms, false, false], [lists.exactTerms, true, false], [lists.contextTerms, false, true]] as const) {
    for (const t of list) {
      const tokens = tokenize(t, language);
      const keys = tokens.map((k) => (exact ? k.word : k.stem));
      const capitals = isAcronym(t);
      const id = `${exact}:${capitals}:${context}:${keys.join(' ')}`;
      if (keys.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push({ keys, exact, capitals, words: tokens.map((k) => k.word), commonWord: keys.length === 1 && t === t.toLowerCase(), context, index: next() });
    }
  }
  return out.sort(longestFirst);
}

interface Hit {
  readonly term: number;
  readonly surface: string;
  readonly start: number;
  readonly end: number;
  /** The folded acronym when the term is one ("nrm"), for acronymsDefinedAs(). */
  readonly acronym?: string;
  /** From a context term: kept only where another theme's hit (not a context one) places the entry in the field. */
  readonly context?: true;
}

// Short words an acronym's definition may hold without an initial: "Trafficking in Persons (TIP)".
const DEFINITION_FILLERS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'de', 'des', 'du', 'la', 'le', 'les', 'el', 'los', 'las', 'del', 'da', 'do', 'das', 'dos', 'e', 'et', 'y', 'a', 'à', 'en', 'em', 'contra', 'contre', 'against']);

/**
 * The acronyms a text spells out, with the words it spells them with: "natural resource management
 * (NRM)" gives nrm → "natural resource management". A capitals-only word in parentheses counts when
 * the words before it, short connecting words aside, start with its letters in order.
 */
export function acronymsDefinedAs(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const match of text.matchAll(/\(\s*(\p{Lu}{2,8})s?\s*\)/gu)) {
    const letters = [...match[1].toLowerCase()];
    const words = text.slice(Math.max(0, match.index! - 200), match.index!).split(/[^\p{L}\p{N}'\u2019]+/u).filter(Boolean);
    let k = letters.length - 1;
    let from = words.length;
    for (let w = words.length - 1; w >= 0 && k >= 0; w--) {
      const word = words[w].toLowerCase();
      if (word.startsWith(letters[k])) { k--; from = w; } else if (!DEFINITION_FILLERS.has(word)) break;
    }
    if (k >= 0) continue;
    const key = letters.join('');
    out.set(key, [...(out.get(key) ?? []), words.slice(from).join(' ')]);
  }
  return out;
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
  for (const entries of index.values()) for (const e of entries) (e.terms as Term[]).sort(longestFirst);
  return index;
}

const longestFirst = (a: Term, b: Term): number => b.keys.length - a.keys.length || a.index - b.index;

/**
 * True when the token matches the term's j-th key: the word itself for exact terms, else its stem.
 * A match through the stem alone (the word is not the term's own) is refused for a name in running
 * text and for a word listed as never stemmed; a one-word term written in lower case refuses a name
 * even with the same word ("Dr Li Gang"); an acronym term needs the word in capitals.
 */
function keyMatches(tok: Token, t: Term, j: number, m: LanguageMatcher): boolean {
  if (t.capitals && !tok.allCaps) return false;
  if (t.commonWord && tok.nameLike) return false;
  if (t.exact) return tok.word === t.keys[j];
  if (tok.stem !== t.keys[j]) return false;
  if (tok.word === t.words[j]) return true;
  return !tok.nameLike && !m.notStems.has(tok.word);
}

/** Returns the first of the candidates (longest first) that matches the tokens from position i on. */
function matchAt(tokens: readonly Token[], i: number, candidates: readonly Term[], m: LanguageMatcher): Term | undefined {
  return candidates.find((t) =>
    t.keys.every((_k, j) => {
      const tok = tokens[i + j];
      return tok !== undefined && (j === 0 || !tok.breakBefore) && keyMatches(tok, t, j, m);
    }),
  );
}

/**
 * True when a one-word negation stands right before token i, or before one article, in the same
 * clause: "no child marriage", "ni las maras". Denials of several words ("not related to") are
 * deniedTokens()'s.
 */
function negated(tokens: readonly Token[], i: number, m: LanguageMatcher): boolean {
  if (tokens[i].breakBefore) return false;
  if (i >= 1 && m.negationWords.has(tokens[i - 1].word)) return true;
  // One article between: "not the gangs", "ni las maras".
  return i >= 2 && !tokens[i - 1].breakBefore && m.articles.has(tokens[i - 1].word) && m.negationWords.has(tokens[i - 2].word);
}

/**
 * Marks the words a denial of several words reaches: from right after "does not look at" or "no se
 * refiere a" to the end of the sentence, or to a contrast ("but"), so a whole list is denied ("it
 * does not look at trafficking, forced labour or working conditions"). A one-word negation ("not")
 * reaches only the term right after it (negated()).
 */
function deniedTokens(tokens: readonly Token[], m: LanguageMatcher): boolean[] {
  const denied = new Array<boolean>(tokens.length).fill(false);
  const phrases = m.denials;
  let on = false;
  if (phrases.length > 0) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].sentenceStart || m.contrasts.has(tokens[i].word)) on = false;
      denied[i] = on;
      if (!on && phrases.some((p) => endsAt(tokens, i, p))) on = true;
    }
  }
  // A denial that follows what it denies ("the question of child labour ... is not addressed
  // here") reaches back to the start of its sentence, or to a contrast ("but") before it.
  if (m.denialsAfter.length > 0) {
    on = false;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const phrase = m.denialsAfter.find((p) => p[0] === tokens[i].word && i + p.length <= tokens.length && endsAt(tokens, i + p.length - 1, p));
      if (phrase) on = true;
      else if (on) denied[i] = true;
      if (tokens[i].sentenceStart || m.contrasts.has(tokens[i].word)) on = false;
    }
  }
  return denied;
}

/** True when the phrase's words end at token `end`, with no punctuation inside it. */
function endsAt(tokens: readonly Token[], end: number, phrase: readonly string[]): boolean {
  const from = end - phrase.length + 1;
  if (from < 0) return false;
  for (let k = 0; k < phrase.length; k++) {
    if (tokens[from + k].word !== phrase[k] || (k > 0 && tokens[from + k].breakBefore)) return false;
  }
  return true;
}

/**
 * Each theme's non-overlapping term matches, as if every theme scanned the text on its own: left to
 * right, taking that theme's longest term at each word and resuming after it.
 */
function findHits(text: string, tokens: readonly Token[], m: LanguageMatcher, hits: Hit[][]): void {
  const nextFree = new Array<number>(hits.length).fill(0);
  const denied = deniedTokens(tokens, m);
  for (let i = 0; i < tokens.length; i++) {
    const stemmed = m.index.get(tokens[i].stem);
    const exact = tokens[i].word === tokens[i].stem ? undefined : m.index.get(tokens[i].word);
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

  function record(i: number, theme: number, candidates: readonly Term[]): void {
    const term = matchAt(tokens, i, candidates, m);
    if (!term) return;
    const last = tokens[i + term.keys.length - 1];
    nextFree[theme] = i + term.keys.length;
    if (denied[i] || negated(tokens, i, m)) return;
    if (i > 0 && !tokens[i].breakBefore && m.notAfter.has(tokens[i - 1].word)) return;
    hits[theme].push({
      term: term.index,
      surface: text.slice(tokens[i].start, last.end).replace(/\s+/g, ' '),
      start: tokens[i].start,
      end: last.end,
      ...(term.capitals ? { acronym: term.keys.join(' ') } : {}),
      ...(term.context ? { context: true as const } : {}),
    });
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

/**
 * One theme's hits from several languages' matchers, in text order, a span matched by two
 * languages counted once (the first language's).
 */
function mergeSpans(lists: readonly (readonly Hit[])[]): Hit[] {
  if (lists.length === 1) return [...lists[0]];
  const all = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  for (const h of all) {
    const prev = out[out.length - 1];
    if (prev && h.start < prev.end) continue;
    out.push(h);
  }
  return out;
}

/** Builds a tagger over a loaded taxonomy; the terms are compiled once. */
export function createTagger(taxonomy: Taxonomy): ThemeTagger {
  let counter = 0;
  const next = () => counter++;
  const languages = TERM_LANGUAGES.filter((l) => taxonomy.entries.some((e) => e.languages[l]));
  const matchers = new Map<TermLanguage, LanguageMatcher>();
  for (const language of languages) {
    const rules = taxonomy.languages?.[language];
    const folded = (list: readonly string[] | undefined) => (list ?? []).map((p) => keysOf(p, language, true)).filter((k) => k.length > 0);
    matchers.set(language, {
      language,
      index: byFirstKey(taxonomy.entries.map((e) => compileTerms(e.languages[language] ?? { terms: [], exactTerms: [], contextTerms: [] }, language, next))),
      negationWords: new Set(folded(rules?.negations).filter((k) => k.length === 1).map((k) => k[0])),
      denials: folded(rules?.negations).filter((k) => k.length > 1),
      articles: new Set(folded(rules?.articles).map((k) => k.join(' '))),
      notStems: new Set(folded(rules?.notStems).map((k) => k.join(' '))),
      notAfter: new Set(folded(rules?.notAfter).map((k) => k.join(' '))),
      contrasts: new Set(folded(rules?.contrasts).map((k) => k.join(' '))),
      denialsAfter: folded(rules?.denialsAfter),
    });
  }
  const themes = taxonomy.entries.map((e) => ({
    id: e.theme.id,
    // A category names a theme by its name, its slug or one of its terms, in any language.
    names: new Map(languages.map((l) => [l, new Set(
      [e.theme.name, e.theme.slug.replace(/-/g, ' '), ...(e.languages[l]?.terms ?? [])].map((t) => keysOf(t, l, false).join(' ')),
    )])),
  }));

  // For each theme, the index of its broader theme (or -1): a broader theme's match inside a
  // narrower one's ("vítimas de tráfico" in "crianças vítimas de tráfico") is the narrower's.
  const position = new Map(taxonomy.entries.map((e, i) => [e.theme.id, i]));
  const broaderOf = taxonomy.entries.map((e) => (e.broader ? position.get(e.broader) ?? -1 : -1));

  const matchersFor = (language: string | undefined): LanguageMatcher[] =>
    language && isTermLanguage(language) && matchers.has(language) ? [matchers.get(language)!] : [...matchers.values()];

  const scan = (text: string, use: readonly LanguageMatcher[]): Hit[][] => {
    const perLanguage = use.map((m) => {
      const hits: Hit[][] = Array.from({ length: themes.length }, () => []);
      if (text) findHits(text, tokenize(text, m.language), m, hits);
      return hits;
    });
    const merged = themes.map((_t, i) => mergeSpans(perLanguage.map((h) => h[i])));
    return merged.map((hits, i) => {
      const narrower = merged.filter((_h, j) => broaderOf[j] === i).flat();
      return narrower.length ? hits.filter((h) => !narrower.some((n) => n.start <= h.start && h.end <= n.end)) : hits;
    });
  };

  return {
    tag(title, abstract, language) {
      const use = matchersFor(language);
      const inTitle = scan(title, use);
      const inAbstract = scan(abstract, use);
      // An acronym the entry spells out as something else is not the theme's: "natural resource
      // management (NRM)" is not a national referral mechanism. It stays the theme's when one of
      // its spellings-out is tagged with the theme itself ("National Referral Mechanism (NRM)").
      if ([...inTitle, ...inAbstract].some((h) => h.some((x) => x.acronym))) {
        const defined = acronymsDefinedAs(`${title}\n${abstract}`);
        const ours = (acronym: string, theme: number): boolean =>
          !defined.has(acronym) || defined.get(acronym)!.some((words) => scan(words, use)[theme].length > 0);
        for (const hits of [inTitle, inAbstract]) {
          hits.forEach((h, theme) => {
            hits[theme] = h.filter((x) => !x.acronym || ours(x.acronym, theme));
          });
        }
      }
      // A context term ("demand side", "displacement") counts only where a term of another theme,
      // not a context one, places the entry in the field: "demand-side constraints on credit" and
      // "ground displacement" alone give nothing.
      const firm = themes.map((_t, i) => [...inTitle[i], ...inAbstract[i]].some((h) => !h.context));
      themes.forEach((_t, i) => {
        if (firm[i] || firm.some((f, j) => f && j !== i)) return;
        inTitle[i] = [];
        inAbstract[i] = [];
      });
      const links: ThemeLink[] = [];
      themes.forEach((theme, i) => {
        if (inTitle[i].length + inAbstract[i].length === 0) return;
        links.push({ id: theme.id, score: scoreOf(inTitle[i], inAbstract[i]), evidence: evidenceOf([...inTitle[i], ...inAbstract[i]]) });
      });
      return links.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    themeForCategory(label) {
      if (!/[\p{L}\p{N}]/u.test(label)) return null;
      const bySlug = themes.find((t) => t.id === `Theme:${slugOf(label)}`);
      if (bySlug) return bySlug.id;
      for (const l of languages) {
        const key = keysOf(label, l, false).join(' ');
        const found = themes.find((t) => t.names.get(l)?.has(key));
        if (found) return found.id;
      }
      return null;
    },
  };
}
