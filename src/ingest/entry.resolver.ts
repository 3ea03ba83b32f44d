import type { InputProblem } from '../domain/errors';
import type { PublicationRecord, ThemeLink } from '../domain/import.types';
import { UNDETERMINED_LANGUAGE, languageCode } from '../domain/language.codes';
import type { Scope } from '../domain/node.types';
import { detectLanguage } from './language.detect';
import { isWorldwide, findMentionedCountries, resolveCountry, resolveRegion } from './place.resolver';
import { authorId, publicationId } from './publication-id';
import type { ValidatedEntry } from './publication.input';
import type { ThemeTagger } from './theme.tagger';

/** Evidence given for a link that comes from the library's own category rather than the text. */
const CATEGORY_SCORE = 0.5;

/**
 * Resolves a validated entry's places, authors and themes into a record, or returns the places it
 * could not resolve. `id` is the record's id when the caller already derived it.
 */
export function resolveEntry(entry: ValidatedEntry, tagger: ThemeTagger, id = entry.id ?? publicationId(entry.title)): { record?: PublicationRecord; problems: InputProblem[] } {
  const { file, line } = entry.location;
  const problems: InputProblem[] = [];
  // The value's own line when the source gives one (a listing page), else the field's.
  const at = (field: 'country' | 'region', i: number): number => entry.valueLines?.[field]?.[i] ?? entry.fieldLines[field] ?? line;

  let worldwide = false;
  // Sets keep first-listed order and make every "seen already?" constant-time, so an entry costs
  // time linear in its lists (a linear search per name was quadratic: 40,000 authors took 5.6 s).
  const coversCountries = new Set<string>();
  for (const [i, name] of entry.countries.entries()) {
    if (isWorldwide(name)) worldwide = true;
    else {
      const country = resolveCountry(name);
      if (country) coversCountries.add(country.id);
      else problems.push({ file, line: at('country', i), field: 'country', message: `unknown country "${name}" (not an ISO 3166 name, code or known alias)` });
    }
  }
  const coversRegions = new Set<string>();
  for (const [i, label] of entry.regions.entries()) {
    const region = isWorldwide(label) ? resolveRegion('World') : resolveRegion(label);
    if (region) coversRegions.add(region.id);
    else problems.push({ file, line: at('region', i), field: 'region', message: `unknown region "${label}" (not an M49 area or a known label)` });
  }
  if (problems.length) return { problems };

  const mentions = [...findMentionedCountries(`${entry.title}\n${entry.abstract}`)].map((m) => m.id).filter((id) => !coversCountries.has(id));
  const authors = new Map<string, { id: string; name: string }>();
  for (const name of entry.authors) {
    const id = authorId(name);
    if (!authors.has(id)) authors.set(id, { id, name });
  }
  const categories = [...entry.categories, ...(entry.pageCategory ? [entry.pageCategory] : [])];
  const language = entry.language ?? languageOf(entry.title, entry.abstract);
  const record: PublicationRecord = {
    id,
    title: entry.title,
    abstract: entry.abstract,
    year: entry.year,
    scope: scopeOf(worldwide, [...coversCountries], [...coversRegions]),
    sourceCategory: categories.length ? [...new Set(categories)].join('; ') : null,
    language,
    authors: [...authors.values()],
    coversCountries: [...coversCountries],
    coversRegions: [...coversRegions],
    mentions: [...new Set(mentions)],
    themes: withCategoryThemes(tagger.tag(entry.title, entry.abstract, language), categories, tagger),
    location: entry.location,
  };
  return { record, problems };
}

/** The detected language of a text, kept only when it is a code the API accepts (else `und`). */
function languageOf(title: string, abstract: string): string {
  return languageCode(detectLanguage(title, abstract)) ?? UNDETERMINED_LANGUAGE;
}

/** GLOBAL when the source says Worldwide for the country; NATIONAL when it names countries; else REGIONAL unless only World. */
function scopeOf(worldwide: boolean, countries: readonly string[], regions: readonly string[]): Scope {
  if (worldwide) return 'GLOBAL';
  if (countries.length) return 'NATIONAL';
  if (regions.some((r) => r !== 'Region:world')) return 'REGIONAL';
  return 'GLOBAL';
}

/**
 * Returns the theme links an import gives a publication's text and categories: the tagger's, and
 * one per category naming a theme. `sourceCategory` is the stored form (categories joined by "; "),
 * `language` the stored language (the tagger matches that language's terms).
 */
export function themesOfPublication(tagger: ThemeTagger, title: string, abstract: string, sourceCategory: string | null, language: string): ThemeLink[] {
  const categories = sourceCategory ? sourceCategory.split('; ').filter(Boolean) : [];
  return withCategoryThemes(tagger.tag(title, abstract, language), categories, tagger);
}

/** Adds a link per category that names a theme; the text's own evidence is kept and the category noted. */
function withCategoryThemes(links: ThemeLink[], categories: readonly string[], tagger: ThemeTagger): ThemeLink[] {
  const out = new Map(links.map((l) => [l.id, l]));
  for (const category of categories) {
    const id = tagger.themeForCategory(category);
    if (!id) continue;
    const evidence = `category: ${category}`;
    const found = out.get(id);
    out.set(id, found
      ? { ...found, score: Math.max(found.score, CATEGORY_SCORE), evidence: [...found.evidence.filter((e) => e !== evidence), evidence] }
      : { id, score: CATEGORY_SCORE, evidence: [evidence] });
  }
  return [...out.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/**
 * Adds a record, merging it with an earlier one of the same id when only the category differs
 * (the same publication listed on two category pages); returns a problem when they disagree.
 */
export function mergeInto(byId: Map<string, PublicationRecord>, record: PublicationRecord): InputProblem | null {
  const earlier = byId.get(record.id);
  if (!earlier) {
    byId.set(record.id, record);
    return null;
  }
  const core = (r: PublicationRecord) => JSON.stringify([r.title, r.abstract, r.year, r.scope, r.language, r.authors, r.coversCountries, r.coversRegions]);
  if (core(earlier) !== core(record)) {
    const where = `${earlier.location.file}:${earlier.location.line}`;
    // file and line only: with the record number of a JSON or CSV location, formatProblem would print "record N" instead of the line.
    const { file, line } = record.location;
    return { file, line, field: 'title', message: `duplicate publication "${record.title}": same id ${record.id} as the entry at ${where}, with different content` };
  }
  const themes = new Map(earlier.themes.map((t) => [t.id, t]));
  for (const t of record.themes) {
    const had = themes.get(t.id);
    themes.set(t.id, had ? { id: t.id, score: Math.max(had.score, t.score), evidence: [...new Set([...had.evidence, ...t.evidence])] } : t);
  }
  const categories = [earlier.sourceCategory, record.sourceCategory].filter((c): c is string => !!c).flatMap((c) => c.split('; '));
  byId.set(record.id, {
    ...earlier,
    sourceCategory: categories.length ? [...new Set(categories)].join('; ') : null,
    themes: [...themes.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
  });
  return null;
}
