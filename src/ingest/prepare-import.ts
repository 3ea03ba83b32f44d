import { formatProblem, InputProblem, InvalidInputError } from '../domain/errors';
import type { PublicationRecord, RawEntry, ReferenceData, SourceLocation } from '../domain/import.types';
import { mergeInto, resolveEntry } from './entry.resolver';
import { buildGeography } from './m49.catalog';
import type { InputFormat, ParseResult } from './parse-result';
import { publicationId } from './publication-id';
import { validateEntry } from './publication.input';
import { parseInput } from './read-input';
import { loadTaxonomy, Taxonomy } from './taxonomy';
import { createTagger, ThemeTagger } from './theme.tagger';

/** One input file: its name (used in every error) and its text. */
export interface InputFile {
  readonly file: string;
  readonly text: string;
  readonly format?: InputFormat;
}

/** An entry left out under --skip-invalid, with why. */
export interface SkippedEntry {
  readonly location: SourceLocation;
  readonly title: string;
  readonly reasons: readonly string[];
}

/** What the importer will write, and what it refused. */
export interface PreparedImport {
  readonly records: PublicationRecord[];
  readonly reference: ReferenceData;
  /** Problems that block the import (empty when it may proceed). */
  readonly problems: InputProblem[];
  /** Entries dropped because of --skip-invalid. */
  readonly skipped: SkippedEntry[];
}

/** What the files hold before any entry is resolved. */
export interface ParsedInput {
  /** The id each entry's record will have if the entry is valid, in entry order (repeats included). */
  readonly ids: string[];
  /** How many problems block the import whatever the entries hold (an empty file, text outside any entry…). */
  readonly fileProblems: number;
  /** True when an id is listed twice: a later entry then merges into an earlier record. */
  readonly merges: boolean;
}

/** Options of an import's preparation. */
export interface PrepareOptions {
  readonly skipInvalid?: boolean;
  readonly taxonomy?: Taxonomy;
}

/** Builds the reference data every import links into: the M49 geography and the taxonomy. */
export function referenceData(taxonomy: Taxonomy = loadTaxonomy()): ReferenceData {
  const geo = buildGeography();
  return { ...geo, themes: taxonomy.themes, themeBroader: taxonomy.broader };
}

/**
 * Parses, validates and resolves every file. Without `skipInvalid`, any problem blocks the whole
 * import (records are still returned for a dry-run report). With it, bad entries are skipped and
 * listed, and only file-level problems (an empty or unreadable file) remain blocking.
 */
export function prepareImport(files: readonly InputFile[], options: PrepareOptions = {}): PreparedImport {
  const preparer = new ImportPreparer(files, options);
  preparer.resolveNext(Infinity);
  return preparer.result();
}

/** Entries resolved between two looks at pending I/O: about a millisecond of work. */
const STEP = 16;

/** One parsed file and the structural problems of each of its entries (under --skip-invalid). */
interface ParsedFile {
  readonly parsed: ParseResult;
  /** The id each entry gets if it is valid. */
  readonly ids: string[];
  /** Problems that block the import whatever --skip-invalid says. */
  readonly blocking: InputProblem[];
  readonly byEntry: Map<number, InputProblem[]>;
}

/**
 * prepareImport in steps, so that an importer can write the first records while later ones are
 * still being resolved: every file is parsed up front (cheap), entries are validated and resolved
 * on demand, in order, with the same records, problems and skipped entries in the end.
 */
export class ImportPreparer {
  /** Problems found so far, in the order prepareImport reports them. */
  readonly problems: InputProblem[] = [];
  /** Entries skipped so far (--skip-invalid). */
  readonly skipped: SkippedEntry[] = [];
  private readonly taxonomy: Taxonomy;
  private readonly tagger: ThemeTagger;
  private readonly files: ParsedFile[];
  private readonly byId = new Map<string, PublicationRecord>();
  /** The next entry to resolve: files[file].parsed.entries[entry]. */
  private file = 0;
  private entry = 0;
  private referenceMemo: ReferenceData | undefined;

  constructor(inputs: readonly InputFile[], private readonly options: PrepareOptions = {}) {
    this.taxonomy = options.taxonomy ?? loadTaxonomy();
    this.tagger = createTagger(this.taxonomy);
    this.files = inputs.map((input) => this.parse(input));
  }

  /** The reference data records link into. */
  get reference(): ReferenceData {
    return (this.referenceMemo ??= referenceData(this.taxonomy));
  }

  /** Returns what parsing found, before any entry is resolved. */
  parsedInput(): ParsedInput {
    const ids = this.files.flatMap((f) => f.ids);
    const fileProblems = this.files.reduce((n, f) => n + f.blocking.length, 0);
    return { ids, fileProblems, merges: new Set(ids).size !== ids.length };
  }

  /** True once every entry has been resolved. */
  get done(): boolean {
    return this.file >= this.files.length;
  }

  /**
   * Validates and resolves up to `count` more entries; returns the records they added (an entry
   * whose id an earlier one has is merged into that record instead, and adds none).
   */
  resolveNext(count: number): PublicationRecord[] {
    const added: PublicationRecord[] = [];
    for (let n = 0; n < count && !this.done; ) {
      const { parsed, ids, blocking, byEntry } = this.files[this.file];
      if (this.entry === 0) this.problems.push(...blocking);
      if (this.entry >= parsed.entries.length) {
        this.file++;
        this.entry = 0;
        continue;
      }
      const index = this.entry++;
      n++;
      const record = this.resolve(parsed.entries[index], ids[index], byEntry.get(index) ?? []);
      if (record) added.push(record);
    }
    return added;
  }

  /**
   * Yields the records in batches of `size` (the last may be smaller), resolving entries only as
   * batches are asked for and letting pending I/O run every few entries, so a writer can send one
   * batch while the next is prepared. Once a problem blocks the import no record is yielded any
   * more; every remaining entry is still checked, then InvalidInputError names every problem.
   */
  async *batches(size: number): AsyncGenerator<PublicationRecord[]> {
    let batch: PublicationRecord[] = [];
    while (!this.done) {
      batch.push(...this.resolveNext(STEP));
      await new Promise((resolve) => setImmediate(resolve));
      if (this.problems.length) batch = [];
      else if (batch.length >= size) {
        yield batch.splice(0, size);
      }
    }
    if (this.problems.length) throw new InvalidInputError(this.problems);
    if (batch.length) yield batch;
  }

  /** Returns everything prepared; call it once every entry is resolved. */
  result(): PreparedImport {
    return { records: [...this.byId.values()], reference: this.reference, problems: this.problems, skipped: this.skipped };
  }

  private parse(input: InputFile): ParsedFile {
    const parsed = parseInput(input.text, input.file, input.format);
    const entryStarts = parsed.entries.map((e) => e.location.line);
    const blocking: InputProblem[] = [];
    const byEntry = new Map<number, InputProblem[]>();
    for (const p of parsed.problems) {
      const owner = ownerEntry(entryStarts, p.line);
      if (owner === -1 || !this.options.skipInvalid) blocking.push(p);
      else byEntry.set(owner, [...(byEntry.get(owner) ?? []), p]);
    }
    return { parsed, ids: parsed.entries.map(candidateId), blocking, byEntry };
  }

  /** Resolves one entry; returns its record when it is new, after noting any problem or skip. */
  private resolve(raw: RawEntry, id: string, structural: readonly InputProblem[]): PublicationRecord | null {
    const { input: entry, problems: invalid } = validateEntry(raw);
    const all = [...structural, ...invalid];
    let record: PublicationRecord | undefined;
    if (entry) {
      const resolved = resolveEntry(entry, this.tagger, id);
      all.push(...resolved.problems);
      record = resolved.record;
    }
    let added: PublicationRecord | null = null;
    if (record && all.length === 0) {
      const had = this.byId.has(record.id);
      const clash = mergeInto(this.byId, record);
      if (clash) all.push(clash);
      else if (!had) added = record;
    }
    if (all.length === 0) return added;
    if (this.options.skipInvalid) this.skipped.push({ location: raw.location, title: raw.title, reasons: all.map(formatProblem) });
    else this.problems.push(...all);
    return null;
  }
}

/** The id resolveEntry gives an entry that passes validation (explicit, else from the trimmed title). */
function candidateId(raw: RawEntry): string {
  return raw.id?.trim() || publicationId(raw.title.trim());
}

function ownerEntry(starts: readonly number[], line: number): number {
  let owner = -1;
  starts.forEach((start, i) => {
    if (start <= line) owner = i;
  });
  return owner;
}
