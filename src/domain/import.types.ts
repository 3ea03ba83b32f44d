import type { Country, Region, Scope, Theme } from './node.types';

/** Where a parsed entry came from: a file and a 1-based line, plus the record number for JSON/CSV. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly record?: number;
}

/** The fields of a library entry, as the source formats name them. */
export type EntryField = 'id' | 'title' | 'abstract' | 'country' | 'region' | 'authors' | 'year' | 'category' | 'language';

/** One entry as a parser read it: text only, nothing validated or resolved yet. */
export interface RawEntry {
  readonly location: SourceLocation;
  /**
   * 1-based line of each field that was present, so errors can point at it: in a listing page,
   * the line of the field's first value (its label's when it has none).
   */
  readonly fieldLines: Partial<Record<EntryField, number>>;
  /** In a listing page, the 1-based line of each value of a multi-valued field, in order. */
  readonly valueLines?: Partial<Record<EntryField, readonly number[]>>;
  /** An explicit id (JSON/CSV only); otherwise one is derived from the title. */
  readonly id?: string;
  readonly title: string;
  readonly abstract: string;
  readonly countries: readonly string[];
  readonly regions: readonly string[];
  readonly authors: readonly string[];
  /** The year as written; validation turns it into a number. */
  readonly year: string;
  readonly categories: readonly string[];
  /** The listing page's heading (the library's category), when the source has one. */
  readonly pageCategory: string | null;
  /** The language the source states (JSON/CSV only), as written; when absent it is detected from the text. */
  readonly language?: string;
}

/** A theme link with the reason it exists. */
export interface ThemeLink {
  readonly id: string;
  /** In (0, 1]; title matches weigh more than abstract matches. */
  readonly score: number;
  /** The terms (or the category) that matched, as found in the text. */
  readonly evidence: readonly string[];
}

/** A publication fully resolved against the reference data, ready to be written. */
export interface PublicationRecord {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly year: number | null;
  readonly scope: Scope;
  readonly sourceCategory: string | null;
  /** ISO 639-1 code, or `und`: the source's stated language, else the one detected from title and abstract. */
  readonly language: string;
  /** In listed order; AUTHORED_BY.position is the index. */
  readonly authors: readonly { readonly id: string; readonly name: string }[];
  readonly coversCountries: readonly string[];
  readonly coversRegions: readonly string[];
  /** Countries named only in the text (never also in coversCountries). */
  readonly mentions: readonly string[];
  readonly themes: readonly ThemeLink[];
  readonly location: SourceLocation;
}

/** The fixed vocabulary every import links into: the M49 tree, the countries and the taxonomy. */
export interface ReferenceData {
  readonly countries: readonly Country[];
  readonly regions: readonly Region[];
  /** [countryId, regionId]: the country's most specific M49 area. */
  readonly countryRegions: readonly (readonly [string, string])[];
  /** [childRegionId, parentRegionId]. */
  readonly regionParents: readonly (readonly [string, string])[];
  readonly themes: readonly Theme[];
  /** [narrowerThemeId, broaderThemeId]. */
  readonly themeBroader: readonly (readonly [string, string])[];
}

/** What one import did, in the counts the CLI prints. */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  authors: number;
  countries: number;
  regions: number;
  themes: number;
  relationshipsWritten: number;
  relationshipsDeleted: number;
  /** Records left out because a curator deleted their publication (deletePublication): imports never bring one back. */
  withheld: number;
}

/** An import run's state: INCOMPLETE from its start until its last batch and its clean-up are committed. */
export type ImportRunStatus = 'INCOMPLETE' | 'COMPLETE';

/** One source file of an import run: its name (no directories) and the SHA-256 of its bytes. */
export interface ImportRunFile {
  readonly name: string;
  readonly sha256: string;
}

/**
 * One `kg import` as the graph records it. A batched run commits its publications in transactions
 * of at most `batchSize`, and counts what each committed batch did in that batch's own
 * transaction, so the counts are exact however the run ends; re-running the same command on the
 * same files resumes an INCOMPLETE run from its first batch not committed. An atomic run is
 * recorded in its one transaction, COMPLETE.
 */
export interface ImportRun {
  /** `ImportRun:<start time>-<key prefix>`. */
  readonly id: string;
  readonly status: ImportRunStatus;
  readonly atomic: boolean;
  readonly files: readonly ImportRunFile[];
  /** Publications per transaction (the whole import, for an atomic run). */
  readonly batchSize: number;
  /** Publications the files hold (after --skip-invalid's leaving out). */
  readonly total: number;
  /** Publications whose batch is committed (written, unchanged or withheld). */
  readonly processed: number;
  readonly batchesCommitted: number;
  /** How many times the command was run for it (1, and one more per resume). */
  readonly attempts: number;
  readonly startedAt: string;
  /** When its last batch was committed. */
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly withheld: number;
  readonly relationshipsWritten: number;
  readonly relationshipsDeleted: number;
}

/** Default and bounds of `kg import --batch-size`: publications per transaction of a batched import. */
export const DEFAULT_IMPORT_BATCH = 10_000;
export const MAX_IMPORT_BATCH = 100_000;
/** At most this many import runs are listed at once (importRuns, kg import --status). */
export const MAX_IMPORT_RUNS_PAGE = 100;
