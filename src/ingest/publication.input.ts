import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, validateSync, type ValidationArguments } from 'class-validator';
import type { InputProblem } from '../domain/errors';
import type { EntryField, RawEntry } from '../domain/import.types';
import { LANGUAGE_CODE_RULE, languageCode } from '../domain/language.codes';
import { quoted } from './text.normalize';

export const MIN_YEAR = 1900;
export const MAX_TITLE = 500;
export const MAX_ABSTRACT = 20000;
const MAX_NAME = 200;
/**
 * The most names one entry's list may hold (authors after de-duplication, countries, regions,
 * categories): far past any real paper (there are under 250 countries), and it keeps an entry's
 * cost bounded whatever the file holds.
 */
export const MAX_LIST_ITEMS = 1_000;
const ID_PATTERN = /^Publication:[a-z0-9][a-z0-9-]*$/;

/** Computed per call: a long-running server must accept next year's forthcoming papers after New Year. */
export function maxYear(): number {
  return new Date().getFullYear() + 1;
}

/** The year as written: required, exactly four digits, within [1900, next year]. */
function IsPublicationYear(): PropertyDecorator {
  return ValidateBy({
    name: 'isPublicationYear',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && /^\d{4}$/.test(v) && +v >= MIN_YEAR && +v <= maxYear(),
      defaultMessage: (args?: ValidationArguments) => (args?.value === ''
        ? 'is required'
        : `${quoted(String(args?.value), 40)} is not a 4-digit year between ${MIN_YEAR} and ${maxYear()}`),
    },
  });
}

/** A list of at most MAX_LIST_ITEMS non-empty strings of at most `max` characters; the message names the first offending item. */
function IsNameList(noun: string, plural: string, max = MAX_NAME): PropertyDecorator {
  const firstBad = (v: unknown): string | undefined => {
    if (!Array.isArray(v)) return `must be a list of ${noun} names`;
    if (v.length > MAX_LIST_ITEMS) return `lists ${v.length} ${plural}; an entry may list at most ${MAX_LIST_ITEMS}`;
    const i = v.findIndex((s) => typeof s !== 'string' || s.trim() === '' || s.length > max);
    if (i < 0) return undefined;
    const s: unknown = v[i];
    if (typeof s !== 'string') return `${noun} ${i + 1} is not a string`;
    if (s.trim() === '') return `${noun} ${i + 1} is empty`;
    return `${noun} ${i + 1} ("${s.slice(0, 40)}...") is longer than ${max} characters`;
  };
  return ValidateBy({
    name: 'isNameList',
    validator: {
      validate: (v: unknown) => firstBad(v) === undefined,
      defaultMessage: (args?: ValidationArguments) => firstBad(args?.value) ?? 'is invalid',
    },
  });
}

/** A stated language: an ISO 639-1 code or `und`, in any case (names such as "Spanish" are refused, not guessed). */
function IsLanguageCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isLanguageCode',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && languageCode(v) !== null,
      defaultMessage: (args?: ValidationArguments) => `${quoted(String(args?.value), 40)} is not ${LANGUAGE_CODE_RULE}`,
    },
  });
}

/** Some place is required: a publication with neither country nor region cannot be placed in the graph. */
function HasCountryOrRegion(): PropertyDecorator {
  return ValidateBy({
    name: 'hasCountryOrRegion',
    validator: {
      validate: (v: unknown, args?: ValidationArguments) =>
        (Array.isArray(v) ? v.length : 0) + ((args?.object as PublicationInput | undefined)?.regions?.length ?? 0) > 0,
      defaultMessage: () => 'at least one country or region is required',
    },
  });
}

/**
 * The one input shape every format is validated through. The abstract is optional here (JSON and
 * CSV may leave it out); the listing parser itself reports a listing entry without one.
 */
export class PublicationInput {
  @IsOptional()
  @Matches(ID_PATTERN, { message: (a) => `${quoted(String(a.value), 60)} does not match Publication:<lower-case-slug>` })
  id?: string;

  @IsString()
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(MAX_TITLE, { message: (a) => `must be at most ${MAX_TITLE} characters (it has ${String(a.value).length})` })
  title = '';

  @IsString()
  @MaxLength(MAX_ABSTRACT, { message: (a) => `must be at most ${MAX_ABSTRACT} characters (it has ${String(a.value).length})` })
  abstract = '';

  @IsNameList('country', 'countries')
  @HasCountryOrRegion()
  countries: string[] = [];

  @IsNameList('region', 'regions')
  regions: string[] = [];

  @IsNameList('author', 'authors')
  authors: string[] = [];

  @IsPublicationYear()
  year = '';

  @IsNameList('category', 'categories')
  categories: string[] = [];

  @IsOptional()
  @IsLanguageCode()
  language?: string;

  /** The library's category of a JSON or CSV record: a name like the categories (a listing's heading is at most 80 characters already). */
  @IsOptional()
  @MaxLength(MAX_NAME, { message: (a) => `must be at most ${MAX_NAME} characters (it has ${String(a.value).length})` })
  pageCategory?: string;

  /** Returns an input with every string trimmed and authors de-duplicated (first spelling kept). */
  static from(raw: RawEntry): PublicationInput {
    const input = new PublicationInput();
    const trim = (list: readonly string[]): string[] => list.map((s) => (typeof s === 'string' ? s.trim() : s));
    const id = raw.id?.trim();
    if (id) input.id = id;
    input.title = raw.title.trim();
    input.abstract = raw.abstract.trim();
    input.countries = trim(raw.countries);
    input.regions = trim(raw.regions);
    input.year = raw.year.trim();
    input.categories = trim(raw.categories);
    // A blank stated language is no statement: the language is detected, as when the field is absent.
    const language = raw.language?.trim();
    if (language) input.language = language;
    const pageCategory = raw.pageCategory?.trim();
    if (pageCategory) input.pageCategory = pageCategory;
    // "Jane Doe" and "jane  doe" in one entry are one author written twice, not two co-authors.
    const seen = new Set<string>();
    input.authors = trim(raw.authors).filter((a) => {
      const key = typeof a === 'string' ? a.normalize('NFC').toLowerCase().replace(/\s+/g, ' ') : a;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return input;
  }
}

/** A RawEntry that passed validation: strings trimmed, year a number, authors de-duplicated, a stated language in lower case. */
export type ValidatedEntry = Omit<RawEntry, 'year'> & { readonly year: number };

const FIELD_OF: Readonly<Record<string, EntryField>> = {
  id: 'id', title: 'title', abstract: 'abstract', countries: 'country', regions: 'region',
  authors: 'authors', year: 'year', categories: 'category', language: 'language',
};

/** Validates one entry; returns the cleaned entry only when there are no problems, each problem on its field's line. */
export function validateEntry(raw: RawEntry): { input?: ValidatedEntry; problems: InputProblem[] } {
  const input = PublicationInput.from(raw);
  const problems: InputProblem[] = [];
  for (const error of validateSync(input)) {
    const field = FIELD_OF[error.property] ?? error.property;
    // With neither list present the country line may not exist; the region line is the next best place.
    const line = raw.fieldLines[field] ?? (field === 'country' ? raw.fieldLines.region : undefined) ?? raw.location.line;
    for (const message of Object.values(error.constraints ?? {})) {
      problems.push({ file: raw.location.file, line, field, message });
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    input: {
      location: raw.location,
      fieldLines: raw.fieldLines,
      ...(raw.valueLines ? { valueLines: raw.valueLines } : {}),
      ...(input.id !== undefined ? { id: input.id } : {}),
      title: input.title,
      abstract: input.abstract,
      countries: input.countries,
      regions: input.regions,
      authors: input.authors,
      year: Number(input.year),
      categories: input.categories,
      pageCategory: input.pageCategory ?? null,
      ...(input.language !== undefined ? { language: languageCode(input.language)! } : {}),
    },
  };
}
