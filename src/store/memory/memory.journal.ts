import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ClearThemeInput, DeletePublicationInput, MergeAuthorsInput, SetThemeInput, UpsertThemeInput, UpdatePublicationInput, WriteActor } from '../../domain/curation.types';
import type { PublicationRecord } from '../../domain/import.types';
import { ConfigurationError, ResourceLimitError, UnavailableError } from '../../domain/errors';

/** The journal's file name in the data directory. */
export const JOURNAL_FILE = 'journal.ndjson';
/** How large the journal may grow by default (`KG_JOURNAL_MAX_BYTES`): 64 MiB. */
export const DEFAULT_JOURNAL_MAX_BYTES = 64 * 1024 * 1024;
/** The record format this code writes and reads. */
const FORMAT_VERSION = 1;
/** The checksum closes every line: `…,"crc32":"<8 hex digits>"}`, covering every byte before it. */
const SUM_FIELD = ',"crc32":"';
const SUM_TAIL = SUM_FIELD.length + 8 + 2;
const NEWLINE = 0x0a;

/** An import through the API (importPublications, createPublication), as resolved records. */
export interface ImportEntry extends WriteActor {
  readonly records: readonly PublicationRecord[];
  readonly createOnly: boolean;
}

/** A retag as it was applied: the tagger's judgement of every pair of `themes` it links. */
export interface RetagEntry extends WriteActor {
  readonly themes: readonly string[];
  readonly links: readonly { readonly publicationId: string; readonly themeId: string; readonly score: number; readonly evidence: readonly string[] }[];
}

/** One curation write as the store received it. */
export type JournalEntry =
  | { readonly op: 'setPublicationTheme'; readonly input: SetThemeInput }
  | { readonly op: 'clearPublicationTheme'; readonly input: ClearThemeInput }
  | { readonly op: 'updatePublication'; readonly input: UpdatePublicationInput }
  | { readonly op: 'deletePublication'; readonly input: DeletePublicationInput }
  | { readonly op: 'mergeAuthors'; readonly input: MergeAuthorsInput }
  | { readonly op: 'upsertTheme'; readonly input: UpsertThemeInput }
  | { readonly op: 'retag'; readonly input: RetagEntry }
  | { readonly op: 'importPublications'; readonly input: ImportEntry };

/** A journaled write and the 1-based line it is on. */
export interface JournalRecord {
  readonly line: number;
  readonly entry: JournalEntry;
}

/** Where recovery reports a torn last record (pino's signature). */
export interface JournalLog {
  warn(details: object, message: string): void;
}

/**
 * The embedded store's write-ahead journal, `<dir>/journal.ndjson`: one line per acknowledged
 * curation write (format version, operation, input, CRC-32 of the line), appended and fsynced
 * before the write is applied, so a write the API acknowledged survives the process being killed.
 * The file is opened once, on the first append (mode 0o600), and grows to at most `maxBytes`.
 * Only one process may write a data directory's journal: nothing here locks it.
 */
export class CurationJournal {
  readonly path: string;
  private fd: number | null = null;
  private size = 0;
  /** Whether `recover` has read the file: appending to an unread one could glue a record to a torn one. */
  private recovered = false;
  /** Set when a failed append could not be undone: the file's end is unknown, so nothing more is appended. */
  private broken: unknown = null;

  constructor(private readonly dir: string, private readonly maxBytes: number = DEFAULT_JOURNAL_MAX_BYTES) {
    this.path = join(dir, JOURNAL_FILE);
  }

  /**
   * Returns the journal's records in order. A torn last record (no newline, bad JSON or a bad
   * checksum: a write cut short, never acknowledged) is reported to `log` and cut off the file, so
   * later appends start clean; any other damage throws ConfigurationError naming file:line.
   */
  recover(log: JournalLog): JournalRecord[] {
    if (this.fd !== null) throw new Error(`${this.path} is open for appending: recover it before the first write`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigurationError(`cannot read the curation journal ${this.path}: ${(err as Error).message}`, { cause: err });
      this.recovered = true;
      return [];
    }
    const records: JournalRecord[] = [];
    let start = 0;
    let line = 0;
    while (start < bytes.length) {
      line++;
      const end = bytes.indexOf(NEWLINE, start);
      const last = end < 0 || end === bytes.length - 1;
      const sealed = end < 0 ? null : unseal(bytes.subarray(start, end));
      if (sealed === null) {
        if (!last) throw new ConfigurationError(`${this.path}:${line}: damaged record (bad JSON or checksum) before the last one; restore the file from a backup, or move it away to start without the curation writes it holds`);
        const reason = end < 0 ? 'it has no trailing newline' : 'its checksum or JSON is bad';
        log.warn(
          { journal: this.path, line, bytes: bytes.length - start },
          `${this.path}:${line}: skipped a torn last record (${reason}): a write cut short, never acknowledged; the file is truncated to its last good record`,
        );
        const fd = openSync(this.path, 'r+');
        try {
          ftruncateSync(fd, start);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        break;
      }
      const entry = entryOf(sealed);
      if (typeof entry === 'string') throw new ConfigurationError(`${this.path}:${line}: ${entry}`);
      records.push({ line, entry });
      start = end + 1;
    }
    this.recovered = true;
    return records;
  }

  /**
   * Appends one write and waits until it is on disk. ResourceLimitError when it would take the
   * file past `maxBytes`, UnavailableError when the disk refuses it; either way nothing is kept.
   * Returns the file's size before the append, for `undo`.
   */
  append(entry: JournalEntry): number {
    const line = Buffer.from(seal(entry));
    const fd = this.open();
    if (this.size + line.length > this.maxBytes) {
      throw new ResourceLimitError(
        `the curation journal ${this.path} is full: this write (${line.length} bytes) would take it past KG_JOURNAL_MAX_BYTES (${this.maxBytes} bytes; it holds ${this.size}), so it was not applied. ` +
        'Move to Neo4j (`kg import` your files, then serve with NEO4J_URI) or raise KG_JOURNAL_MAX_BYTES',
      );
    }
    const before = this.size;
    try {
      for (let done = 0; done < line.length;) done += writeSync(fd, line, done, line.length - done);
      fsyncSync(fd);
    } catch (err) {
      this.undo(before);
      throw new UnavailableError(`could not write the curation journal ${this.path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the write was not applied`, { cause: err });
    }
    this.size = before + line.length;
    return before;
  }

  /** Cuts the file back to `size` (an `append`'s return), for a write that was journaled but not applied. */
  undo(size: number): void {
    try {
      ftruncateSync(this.fd!, size);
      fsyncSync(this.fd!);
      this.size = size;
    } catch (err) {
      this.broken = err;
    }
  }

  /** Closes the file; the next append (after another `recover`) opens it again. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.recovered = false;
  }

  private open(): number {
    if (this.broken) throw new UnavailableError(`the curation journal ${this.path} could not be repaired after a failed write; restart the server`, { cause: this.broken });
    if (this.fd !== null) return this.fd;
    const created = !existsSync(this.path);
    if (!this.recovered && !created && statSync(this.path).size > 0) {
      throw new Error(`${this.path} holds writes this store has not replayed: call replayJournal() before the first write`);
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', 0o600);
    // A new file's directory entry must reach the disk too, or a crash could lose the whole file.
    if (created) syncDirectory(this.dir);
    this.size = fstatSync(fd).size;
    this.fd = fd;
    this.recovered = true;
    return fd;
  }
}

/** Returns the line (with its newline) that records `entry`. */
function seal(entry: JournalEntry): string {
  const head = JSON.stringify({ v: FORMAT_VERSION, op: entry.op, input: entry.input }).slice(0, -1);
  return `${head}${SUM_FIELD}${checksum(head)}"}\n`;
}

/** Returns a line's parsed JSON when its checksum matches, else null (a torn or damaged line). */
function unseal(line: Buffer): unknown {
  if (line.length <= SUM_TAIL) return null;
  const head = line.subarray(0, line.length - SUM_TAIL);
  if (line.subarray(line.length - SUM_TAIL).toString('latin1') !== `${SUM_FIELD}${checksum(head)}"}`) return null;
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return null;
  }
}

function checksum(data: string | Buffer): string {
  return (crc32(data) >>> 0).toString(16).padStart(8, '0');
}

/** Returns the entry a sound line holds, or why it is not one (a format this code does not know). */
function entryOf(value: unknown): JournalEntry | string {
  const record = value as { v?: unknown; op?: unknown; input?: Record<string, unknown> } | null;
  if (record?.v !== FORMAT_VERSION) return `record format ${JSON.stringify(record?.v)} is not ${FORMAT_VERSION} (written by another version of kg?)`;
  const input = record.input;
  const strings = (...names: string[]) => typeof input === 'object' && input !== null && names.every((n) => typeof input[n] === 'string');
  if (!strings('by', 'at')) return `${String(record.op)} record without by and at`;
  switch (record.op) {
    case 'setPublicationTheme':
      if (strings('publicationId', 'themeId') && (input!.decision === 'CONFIRMED' || input!.decision === 'REJECTED') && (input!.note === null || typeof input!.note === 'string')) {
        return { op: record.op, input: input as unknown as SetThemeInput };
      }
      break;
    case 'clearPublicationTheme':
      if (strings('publicationId', 'themeId')) return { op: record.op, input: input as unknown as ClearThemeInput };
      break;
    case 'updatePublication':
      if (strings('id') && typeof input!.expectedVersion === 'number' && typeof input!.edit === 'object' && input!.edit !== null) {
        return { op: record.op, input: input as unknown as UpdatePublicationInput };
      }
      break;
    case 'deletePublication':
      if (strings('id') && typeof input!.expectedVersion === 'number') return { op: record.op, input: input as unknown as DeletePublicationInput };
      break;
    case 'mergeAuthors':
      if (strings('into') && Array.isArray(input!.from) && input!.from.every((id) => typeof id === 'string')) return { op: record.op, input: input as unknown as MergeAuthorsInput };
      break;
    case 'upsertTheme':
      if (typeof input!.definition === 'object' && input!.definition !== null) return { op: record.op, input: input as unknown as UpsertThemeInput };
      break;
    case 'retag':
      if (Array.isArray(input!.themes) && Array.isArray(input!.links)) return { op: record.op, input: input as unknown as RetagEntry };
      break;
    case 'importPublications':
      if (Array.isArray(input!.records) && typeof input!.createOnly === 'boolean') return { op: record.op, input: input as unknown as ImportEntry };
      break;
    default:
      return `unknown operation ${JSON.stringify(record.op)}`;
  }
  return `${record.op} record with missing or malformed fields`;
}

/** Flushes a directory's entries to disk (Windows cannot open a directory for this, nor needs to). */
function syncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
