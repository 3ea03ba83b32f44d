/**
 * Loads the theme taxonomy (data/taxonomy.yaml) and refuses a bad one outright: a theme with no
 * terms or a dangling broader link would silently tag nothing or break the BROADER tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Theme } from '../domain/node.types';
import type { ThemeDefinition } from '../domain/curation.types';
import { ConfigurationError } from '../domain/errors';

/** The languages terms can be written in: each has its Snowball stemmer (theme.tagger.ts). */
export const TERM_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type TermLanguage = (typeof TERM_LANGUAGES)[number];

export const isTermLanguage = (code: string): code is TermLanguage => (TERM_LANGUAGES as readonly string[]).includes(code);

/** A theme's terms in one language. */
export interface LanguageTerms {
  /** Stemmed match terms (that language's stemmer). */
  readonly terms: readonly string[];
  /** Terms matched word for word, without stemming; one written in capitals matches only in capitals. */
  readonly exactTerms: readonly string[];
  /**
   * Stemmed terms with a common sense outside the field ("demand side" in economics, "displacement"
   * of ground or load): they count only in an entry that another theme's term places in the field.
   */
  readonly contextTerms: readonly string[];
}

/** One theme with what the tagger needs to find it. */
export interface TaxonomyEntry {
  readonly theme: Theme;
  /** Id of the broader theme, or null for a top-level theme. */
  readonly broader: string | null;
  /** English stemmed match terms (`languages.en.terms`). */
  readonly terms: readonly string[];
  /** English terms matched word for word (`languages.en.exactTerms`). */
  readonly exactTerms: readonly string[];
  /** The terms in each language the taxonomy gives, English included. */
  readonly languages: Readonly<Partial<Record<TermLanguage, LanguageTerms>>>;
}

/** How a language's text is read besides its terms (the taxonomy's `languages` section). */
export interface LanguageRules {
  /** Words or phrases that, right before a term (or before one article), mean it does not apply: "not related to". */
  readonly negations: readonly string[];
  /** Articles that may stand between a negation and the term. */
  readonly articles: readonly string[];
  /** Words (names, mostly) that never match a term through their stem: "Ganges" is not "gangs". */
  readonly notStems: readonly string[];
  /** Words that, right before a term, show its first word is meant otherwise: Spanish "se trata de" (it is about). */
  readonly notAfter: readonly string[];
  /** Words that end the reach of a denial of several words within a sentence ("but", "pero"). */
  readonly contrasts: readonly string[];
  /** Phrases that, after a term in the same sentence, deny it: "child labour ... is not covered", "n'est pas abordée". */
  readonly denialsAfter: readonly string[];
}

/** A validated taxonomy: the Theme nodes, their BROADER pairs and their match terms. */
export interface Taxonomy {
  readonly file: string;
  /** Per language, how its text is read besides the terms. */
  readonly languages?: Readonly<Partial<Record<TermLanguage, LanguageRules>>>;
  readonly entries: readonly TaxonomyEntry[];
  readonly themes: readonly Theme[];
  /** [narrowerThemeId, broaderThemeId]. */
  readonly broader: readonly (readonly [string, string])[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Finds data/taxonomy.yaml by walking up from this file: the source runs from src/ingest and the
 * build from dist/src/ingest, so no single relative path fits both.
 */
export function defaultTaxonomyPath(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'taxonomy.yaml');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new ConfigurationError(`data/taxonomy.yaml not found above ${__dirname}`);
  }
}

/** Reads and validates a taxonomy file (the repository's data/taxonomy.yaml by default). */
export function loadTaxonomy(file: string = defaultTaxonomyPath()): Taxonomy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigurationError(`${file}: cannot read taxonomy`, { cause });
  }
  return parseTaxonomy(text, file);
}

/** Validates taxonomy YAML text; `file` only names the source in error messages. */
export function parseTaxonomy(text: string, file: string): Taxonomy {
  const fail = (where: string, message: string): never => {
    throw new ConfigurationError(`${file}: ${where}: ${message}`);
  };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (cause) {
    throw new ConfigurationError(`${file}: not valid YAML: ${(cause as Error).message}`, { cause });
  }
  const raw = (doc as { themes?: unknown } | null)?.themes;
  if (!Array.isArray(raw) || raw.length === 0) fail('themes', 'expected a non-empty list of themes');
  return { ...validateTaxonomy(raw as unknown[], file), languages: languageRules((doc as { languages?: unknown }).languages, file) };
}

/** Validates the optional `languages` section: per language, negations, articles, notStems and notAfter (lists of words or phrases). */
function languageRules(raw: unknown, file: string): Partial<Record<TermLanguage, LanguageRules>> {
  const fail = (where: string, message: string): never => {
    throw new ConfigurationError(`${file}: ${where}: ${message}`);
  };
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('languages', `expected rules by language (${TERM_LANGUAGES.join(', ')})`);
  const out: Partial<Record<TermLanguage, LanguageRules>> = {};
  for (const [language, spec] of Object.entries(raw as Record<string, unknown>)) {
    if (!isTermLanguage(language)) fail(`languages.${language}`, `unknown language; rules can be given for ${TERM_LANGUAGES.join(', ')}`);
    const rules = (spec ?? {}) as Record<string, unknown>;
    const list = (key: string): string[] => {
      const v = rules[key];
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v) || v.some((w) => typeof w !== 'string' || !/[\p{L}\p{N}]/u.test(w))) fail(`languages.${language}.${key}`, 'expected a list of words or phrases');
      return v as string[];
    };
    for (const key of Object.keys(rules)) {
      if (!['negations', 'articles', 'notStems', 'notAfter', 'contrasts', 'denialsAfter'].includes(key)) fail(`languages.${language}.${key}`, 'unknown rule; expected negations, articles, notStems, notAfter, contrasts or denialsAfter');
    }
    out[language as TermLanguage] = {
      negations: list('negations'),
      articles: list('articles'),
      notStems: list('notStems'),
      notAfter: list('notAfter'),
      contrasts: list('contrasts'),
      denialsAfter: list('denialsAfter'),
    };
  }
  return out;
}

/**
 * Validates a taxonomy given as its themes' specs (slug, name, description, broader slug, terms,
 * exactTerms), as the YAML file lists them; `file` only names the source in error messages.
 */
export function validateTaxonomy(raw: readonly unknown[], file: string): Taxonomy {
  const fail = (where: string, message: string): never => {
    throw new ConfigurationError(`${file}: ${where}: ${message}`);
  };

  const terms = (where: string, v: unknown, required: boolean): string[] => {
    if ((v === undefined || v === null) && !required) return [];
    if (!Array.isArray(v) || (required && v.length === 0)) fail(where, 'expected a non-empty list of terms');
    const list = v as unknown[];
    list.forEach((t, i) => {
      if (typeof t !== 'string' || !/[\p{L}\p{N}]/u.test(t)) fail(`${where}[${i}]`, 'expected a term with a letter or digit');
    });
    return list as string[];
  };

  /**
   * Terms are a list (English) or a map from language to list ({en: [...], es: [...]}): returns
   * them by language. Stemmed terms are required in at least one language.
   */
  const byLanguage = (where: string, v: unknown, required: boolean): Partial<Record<TermLanguage, string[]>> => {
    if (v === undefined || v === null || Array.isArray(v)) {
      const list = terms(where, v, required);
      return list.length ? { en: list } : {};
    }
    if (typeof v !== 'object') fail(where, `expected a list of terms, or terms by language (${TERM_LANGUAGES.join(', ')})`);
    const out: Partial<Record<TermLanguage, string[]>> = {};
    for (const [language, list] of Object.entries(v as Record<string, unknown>)) {
      if (!isTermLanguage(language)) fail(`${where}.${language}`, `unknown language; terms can be given in ${TERM_LANGUAGES.join(', ')}`);
      out[language as TermLanguage] = terms(`${where}.${language}`, list, true);
    }
    if (required && Object.keys(out).length === 0) fail(where, 'expected a non-empty list of terms');
    return out;
  };

  const specs = raw.map((e, i) => {
    const entry = (e ?? {}) as Record<string, unknown>;
    const label = typeof entry.slug === 'string' ? `theme #${i + 1} "${entry.slug}"` : `theme #${i + 1}`;
    const str = (key: string): string => {
      const v = entry[key];
      if (typeof v !== 'string' || v.trim() === '') fail(label, `missing ${key}`);
      return (v as string).trim();
    };
    const slug = str('slug');
    if (!SLUG.test(slug)) fail(label, 'slug must be lower-case letters and digits separated by single hyphens');
    const broader = entry.broader ?? null;
    if (broader !== null && (typeof broader !== 'string' || broader.trim() === '')) fail(label, 'broader must be a slug or null');
    return {
      label,
      slug,
      name: str('name'),
      description: str('description'),
      broader: broader as string | null,
      terms: byLanguage(`${label}.terms`, entry.terms, true),
      exactTerms: byLanguage(`${label}.exactTerms`, entry.exactTerms, false),
      contextTerms: byLanguage(`${label}.contextTerms`, entry.contextTerms, false),
    };
  });

  const bySlug = new Map<string, (typeof specs)[number]>();
  for (const s of specs) {
    if (bySlug.has(s.slug)) fail(s.label, `duplicate slug (also ${bySlug.get(s.slug)!.label})`);
    bySlug.set(s.slug, s);
  }
  for (const s of specs) {
    if (s.broader !== null && !bySlug.has(s.broader)) fail(s.label, `unknown broader slug "${s.broader}"`);
  }
  for (const s of specs) {
    // Walk up the broader chain; coming back to the start means the hierarchy has a cycle.
    const seen = [s.slug];
    for (let b: string | null = s.broader; b !== null; b = bySlug.get(b)!.broader) {
      if (seen.includes(b)) fail(s.label, `broader links form a cycle: ${[...seen, b].join(' -> ')}`);
      seen.push(b);
    }
  }

  const entries: TaxonomyEntry[] = specs.map((s) => {
    const languages: Partial<Record<TermLanguage, LanguageTerms>> = {};
    for (const language of TERM_LANGUAGES) {
      const stemmed = s.terms[language] ?? [];
      const exact = s.exactTerms[language] ?? [];
      const context = s.contextTerms[language] ?? [];
      if (stemmed.length || exact.length || context.length) languages[language] = { terms: stemmed, exactTerms: exact, contextTerms: context };
    }
    return {
      theme: { type: 'Theme', id: `Theme:${s.slug}`, slug: s.slug, name: s.name, description: s.description },
      broader: s.broader === null ? null : `Theme:${s.broader}`,
      terms: languages.en?.terms ?? [],
      exactTerms: languages.en?.exactTerms ?? [],
      languages,
    };
  });
  return {
    file,
    entries,
    themes: entries.map((e) => e.theme),
    broader: entries.filter((e) => e.broader !== null).map((e) => [e.theme.id, e.broader!] as const),
  };
}

/**
 * Returns the taxonomy every write tags with: `base` (data/taxonomy.yaml) with the themes admins
 * defined (upsertTheme) replacing theirs by id and added after them, validated as one taxonomy.
 */
export function withDefinitions(base: Taxonomy, definitions: readonly ThemeDefinition[]): Taxonomy {
  if (definitions.length === 0) return base;
  const slugOf = (id: string | null) => (id === null ? null : id.replace(/^Theme:/, ''));
  const termsOf = (languages: TaxonomyEntry['languages'], pick: keyof LanguageTerms) =>
    Object.fromEntries(Object.entries(languages).map(([language, t]) => [language, [...t[pick]]]).filter(([, list]) => list.length));
  const specs = new Map<string, Record<string, unknown>>();
  for (const e of base.entries) {
    specs.set(e.theme.id, {
      slug: e.theme.slug, name: e.theme.name, description: e.theme.description, broader: slugOf(e.broader),
      terms: termsOf(e.languages, 'terms'), exactTerms: termsOf(e.languages, 'exactTerms'), contextTerms: termsOf(e.languages, 'contextTerms'),
    });
  }
  for (const d of definitions) {
    // A definition's terms are English; the theme keeps its other languages' terms from the file.
    const kept = base.entries.find((e) => e.theme.id === d.id)?.languages ?? {};
    const { en: _en, ...others } = kept;
    specs.set(d.id, {
      slug: d.slug, name: d.name, description: d.description, broader: slugOf(d.broader),
      terms: { ...termsOf(others, 'terms'), en: [...d.terms] },
      exactTerms: { ...termsOf(others, 'exactTerms'), ...(d.exactTerms.length ? { en: [...d.exactTerms] } : {}) },
      // The definition's English terms replace the file's English ones, context terms included.
      contextTerms: termsOf(others, 'contextTerms'),
    });
  }
  return { ...validateTaxonomy([...specs.values()], `${base.file} with the themes defined by upsertTheme`), languages: base.languages };
}
