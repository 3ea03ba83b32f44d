import type { InputProblem } from '../domain/errors';
import type { RawEntry } from '../domain/import.types';

/** The input formats the importer reads. */
export type InputFormat = 'listing' | 'json' | 'csv';

/** What a parser read from one file: the entries it could make out plus every structural problem, never a throw. */
export interface ParseResult {
  file: string;
  format: InputFormat;
  /** The listing page's heading; null when the file has none (JSON/CSV carry it per record). */
  pageCategory: string | null;
  entries: RawEntry[];
  problems: InputProblem[];
}
