/**
 * Generates a synthetic library — clearly marked as such in every title and abstract — for load
 * tests and demos, and writes it in the listing or JSON format the importer reads. Output depends
 * only on the seed and the reference data (taxonomy, geography), so a seed reproduces a library.
 */
import seedrandom from 'seedrandom';
import { BadInputError, ConfigurationError } from '../domain/errors';
import { geographyIndex, regionAncestry } from './m49.catalog';
import { authorId } from './publication-id';
import { loadTaxonomy, type Taxonomy } from './taxonomy';
import { createTagger } from './theme.tagger';
import {
  COUNTRY_PREFERENCE, FILLER_SENTENCES, FIRST_NAMES, LAST_NAMES, SYNTHETIC_MARKER, THEME_SENTENCES, TITLE_TEMPLATES,
} from './library.vocabulary';

/** One synthetic entry: the fields the listing and JSON formats carry, plus the themes it was written about. */
export interface GeneratedPublication {
  /** Ends with " (synthetic #n)", n counting from 1, so titles (and the ids derived from them) are unique. */
  readonly title: string;
  /** Starts with SYNTHETIC_MARKER. */
  readonly abstract: string;
  /** Country names as the importer resolves them, or ["Worldwide"]. */
  readonly countries: readonly string[];
  /** The top-level M49 regions of the countries ("Asia", "Africa", ...), or ["Worldwide"]. */
  readonly regions: readonly string[];
  readonly authors: readonly string[];
  readonly year: number;
  /** Empty, or the name of the entry's main theme. */
  readonly categories: readonly string[];
  /** Slugs of the themes whose terms the text contains; not written to the outputs. */
  readonly themes: readonly string[];
}

/** What to generate; `taxonomy` defaults to the repository's data/taxonomy.yaml. */
export interface GenerateOptions {
  readonly publications: number;
  readonly seed?: string;
  readonly taxonomy?: Taxonomy;
}

/** The seed used when none is given. */
export const DEFAULT_SEED = 'kg';
/** The heading toListing writes when none is given. */
export const DEFAULT_HEADING = 'Synthetic Library';
/** The most publications one run may generate. */
export const MAX_PUBLICATIONS = 1_000_000;

// Distribution parameters (see the module's tests for the shapes they produce).
const THEME_ZIPF = 1.2;
const COUNTRY_ZIPF = 1.1;
const WORLDWIDE_SHARE = 0.15;
const COUNTRIES_PER_ENTRY = [0.5, 0.25, 0.15, 0.1]; // P(1), P(2), P(3), P(4)
const THEMES_PER_ENTRY = [0.5, 0.35, 0.15]; // P(1), P(2), P(3)
const AUTHORS_PER_ENTRY = [0.3, 0.21, 0.175, 0.14, 0.105, 0.07]; // P(0) ... P(5)
const NEW_AUTHOR = 0.5; // Simon's model: a fresh name, else an earlier author in proportion to their count
const CATEGORY_SHARE = 0.4;
const FIRST_YEAR = 1995;
const LAST_YEAR = 2025;
const YEAR_GROWTH = 9; // weight e^((year - 1995) / 9): 2025 is ~28 times as likely as 1995
const WORLDWIDE = 'Worldwide';

interface ThemeVocab { readonly slug: string; readonly name: string; readonly titleLabel: string; readonly terms: readonly string[] }
interface CountryVocab { readonly name: string; readonly region: string }
interface Vocabulary {
  readonly themes: readonly ThemeVocab[];
  readonly themeCdf: Float64Array;
  readonly countries: readonly CountryVocab[];
  readonly countryCdf: Float64Array;
  readonly yearCdf: Float64Array;
}

const cdfOf = (weights: readonly number[]): Float64Array => {
  const cdf = new Float64Array(weights.length);
  weights.reduce((sum, w, i) => (cdf[i] = sum + w), 0);
  return cdf;
};
const zipf = (n: number, s: number): Float64Array => cdfOf(Array.from({ length: n }, (_, r) => 1 / (r + 1) ** s));

const vocabularies = new WeakMap<Taxonomy, Vocabulary>();

/** Prepares the themes (only terms that tag their own theme and no other) and the ranked countries. */
function vocabularyOf(taxonomy: Taxonomy): Vocabulary {
  const known = vocabularies.get(taxonomy);
  if (known) return known;
  const tagger = createTagger(taxonomy);
  const tagsOnly = (text: string, id: string): boolean => {
    const links = tagger.tag('', text);
    return links.length === 1 && links[0].id === id;
  };
  const themes = taxonomy.entries.flatMap((e): ThemeVocab[] => {
    const terms = [...e.terms, ...e.exactTerms].filter((t) => tagsOnly(t, e.theme.id));
    if (terms.length === 0) return [];
    const titleLabel = tagsOnly(e.theme.name, e.theme.id) ? e.theme.name : terms[0];
    return [{ slug: e.theme.slug, name: e.theme.name, titleLabel, terms }];
  });
  if (themes.length === 0) throw new ConfigurationError(`${taxonomy.file}: no theme has a term the tagger links to it alone`);

  const { countryByCode, regionById, regionOfCountry } = geographyIndex();
  const countries = COUNTRY_PREFERENCE.map((code): CountryVocab => {
    const country = countryByCode.get(code);
    const area = country && regionOfCountry.get(country.id);
    if (!country || !area) throw new ConfigurationError(`library vocabulary: ${code} is not a country of the reference geography`);
    const chain = regionAncestry(area); // most specific area first, World last
    return { name: country.name, region: regionById.get(chain[Math.max(0, chain.length - 2)])!.name };
  });
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => Math.exp(i / YEAR_GROWTH));
  const vocabulary: Vocabulary = {
    themes, themeCdf: zipf(themes.length, THEME_ZIPF), countries, countryCdf: zipf(countries.length, COUNTRY_ZIPF), yearCdf: cdfOf(years),
  };
  vocabularies.set(taxonomy, vocabulary);
  return vocabulary;
}

/** Seeded draws: uniform, from a cumulative weight table, and from small lists. */
class Draw {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom.alea(seed);
  }
  unit(): number { return this.next(); }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(list: readonly T[]): T { return list[this.int(list.length)]; }
  /** An index drawn in proportion to the weights a cumulative table was built from. */
  weighted(cdf: Float64Array): number {
    const u = this.next() * cdf[cdf.length - 1];
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** `count` distinct indices from a cumulative table (by rejection; count is far below the table size). */
  distinct(cdf: Float64Array, count: number): number[] {
    const out: number[] = [];
    while (out.length < count) {
      const i = this.weighted(cdf);
      if (!out.includes(i)) out.push(i);
    }
    return out;
  }
  /** An index drawn from a short list of probabilities summing to 1. */
  among(probabilities: readonly number[]): number {
    let u = this.next();
    for (let i = 0; i < probabilities.length - 1; i++) {
      if ((u -= probabilities[i]) < 0) return i;
    }
    return probabilities.length - 1;
  }
}

/**
 * Authors by Simon's preferential-attachment model: each byline slot goes to a new person with
 * probability NEW_AUTHOR, else to an earlier author chosen in proportion to their publications so
 * far. That gives a long tail (about two thirds appear once) and a few prolific authors.
 */
class AuthorPool {
  private readonly names: string[] = [];
  private readonly ids = new Set<string>();
  /** One entry per byline slot filled so far: drawing uniformly from it is drawing by count. */
  private readonly slots: number[] = [];

  constructor(private readonly draw: Draw) {}

  byline(count: number): string[] {
    const chosen: number[] = [];
    while (chosen.length < count) {
      let a = -1;
      if (this.slots.length > 0 && this.draw.unit() >= NEW_AUTHOR) {
        const earlier = this.slots[this.draw.int(this.slots.length)];
        if (!chosen.includes(earlier)) a = earlier;
      }
      if (a < 0) a = this.fresh();
      chosen.push(a);
    }
    this.slots.push(...chosen);
    return chosen.map((a) => this.names[a]);
  }

  /** A name no earlier author has under authorId (which folds case, accents and dots). */
  private fresh(): number {
    for (let attempt = 0; ; attempt++) {
      const first = this.draw.pick(FIRST_NAMES);
      const last = this.draw.pick(LAST_NAMES);
      const initial = String.fromCharCode(65 + this.draw.int(26));
      // Plain names run out first (10,000 pairs), then those with an initial; a double surname rarely clashes.
      const name = attempt === 0 ? `${first} ${last}`
        : attempt === 1 ? `${first} ${initial}. ${last}`
        : `${first} ${initial}. ${last}-${this.draw.pick(LAST_NAMES)}`;
      const id = authorId(name);
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      return this.names.push(name) - 1;
    }
  }
}

/** "Nepal", "Nepal and India", "Nepal, India and Bhutan". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Yields `publications` synthetic entries one at a time (same sequence as generateLibrary), for streaming writers. */
export function* generatePublications(options: GenerateOptions): Generator<GeneratedPublication> {
  const n = options.publications;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PUBLICATIONS) {
    throw new BadInputError('publications', `must be a whole number between 0 and ${MAX_PUBLICATIONS}, got ${n}`);
  }
  const vocab = vocabularyOf(options.taxonomy ?? loadTaxonomy());
  const draw = new Draw(options.seed ?? DEFAULT_SEED);
  const authors = new AuthorPool(draw);
  for (let i = 1; i <= n; i++) yield entry(i, vocab, draw, authors);
}

function entry(n: number, vocab: Vocabulary, draw: Draw, authors: AuthorPool): GeneratedPublication {
  const themes = draw.distinct(vocab.themeCdf, Math.min(1 + draw.among(THEMES_PER_ENTRY), vocab.themes.length)).map((i) => vocab.themes[i]);
  const worldwide = draw.unit() < WORLDWIDE_SHARE;
  const places = worldwide ? [] : draw.distinct(vocab.countryCdf, 1 + draw.among(COUNTRIES_PER_ENTRY)).map((i) => vocab.countries[i]);
  const names = places.map((c) => c.name);
  const regions = [...new Set(places.map((c) => c.region))];
  const year = FIRST_YEAR + draw.weighted(vocab.yearCdf);

  const titlePlace = worldwide ? 'Countries Worldwide'
    : names.length <= 2 ? joinNames(names)
    : regions.length === 1 ? regions[0] : 'Several Regions';
  const title = draw.pick(TITLE_TEMPLATES).replace('{T}', themes[0].titleLabel).replace('{P}', titlePlace);

  const placePhrase = worldwide ? 'worldwide' : `in ${joinNames(names)}`;
  const sentences: string[] = [];
  for (const theme of themes) {
    let template = draw.pick(THEME_SENTENCES);
    while (sentences.length === 0 && !template.includes('{p}')) template = draw.pick(THEME_SENTENCES);
    sentences.push(template
      .replace('{t}', draw.pick(theme.terms))
      .replace('{p}', placePhrase)
      .replace('{y}', String(year - 1 - draw.int(10))));
  }
  const length = Math.max(themes.length, 2 + draw.int(3));
  while (sentences.length < length) {
    const filler = draw.pick(FILLER_SENTENCES);
    if (!sentences.includes(filler)) sentences.push(filler);
  }

  return {
    title: `${title.charAt(0).toUpperCase()}${title.slice(1)} (synthetic #${n})`,
    abstract: `${SYNTHETIC_MARKER} ${sentences.join(' ')}`,
    countries: worldwide ? [WORLDWIDE] : names,
    regions: worldwide ? [WORLDWIDE] : regions,
    authors: authors.byline(draw.among(AUTHORS_PER_ENTRY)),
    year,
    categories: draw.unit() < CATEGORY_SHARE ? [themes[0].name] : [],
    themes: themes.map((t) => t.slug),
  };
}

/** Generates a synthetic library: deterministic for a seed (default "kg"), skewed like a real one. */
export function generateLibrary(options: GenerateOptions): GeneratedPublication[] {
  return Array.from(generatePublications(options));
}

/** One entry in the listing format, ending with its blank separator line. */
function listingEntry(p: GeneratedPublication): string {
  const lines = [p.title, '', p.abstract, 'Country', ...p.countries, 'Region', ...p.regions];
  if (p.authors.length > 0) lines.push('Authors', ...p.authors);
  lines.push('Year', String(p.year), 'Category', ...p.categories, '', '');
  return lines.join('\n');
}

/** The listing page in pieces (heading, then one entry per piece), for writing large libraries without one huge string. */
export function* listingChunks(pubs: Iterable<GeneratedPublication>, heading: string = DEFAULT_HEADING): Generator<string> {
  if (/[\r\n]/.test(heading) || heading.trim().length > 80) {
    throw new BadInputError('heading', 'must be a single line of at most 80 characters');
  }
  if (heading.trim() !== '') yield `${heading.trim()}\n\n`;
  for (const p of pubs) yield listingEntry(p);
}

/** The JSON array in pieces, one record per line, for writing large libraries without one huge string. */
export function* jsonChunks(pubs: Iterable<GeneratedPublication>): Generator<string> {
  yield '[';
  let first = true;
  for (const p of pubs) {
    const { title, abstract, countries, regions, authors, year, categories } = p;
    yield `${first ? '' : ','}\n  ${JSON.stringify({ title, abstract, countries, regions, authors, year, categories })}`;
    first = false;
  }
  yield '\n]\n';
}

/** Writes entries as a listing page: the heading ("" for none), a blank line, then each entry. */
export function toListing(pubs: Iterable<GeneratedPublication>, heading?: string): string {
  return Array.from(listingChunks(pubs, heading)).join('');
}

/** Writes entries as a JSON array with the JSON parser's field names. */
export function toJson(pubs: Iterable<GeneratedPublication>): string {
  return Array.from(jsonChunks(pubs)).join('');
}
