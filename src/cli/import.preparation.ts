import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputProblem, InvalidInputError } from '../domain/errors';
import type { PublicationRecord } from '../domain/import.types';
import { ImportPreparer, InputFile, ParsedInput, SkippedEntry } from '../ingest/prepare-import';
import type { Taxonomy } from '../ingest/taxonomy';

/** What the preparation worker is given (its workerData). */
export interface PreparationRequest {
  readonly files: readonly InputFile[];
  readonly skipInvalid?: boolean;
  /** The taxonomy to tag with (data/taxonomy.yaml with the store's upsertTheme definitions); data/taxonomy.yaml when absent. */
  readonly taxonomy?: Taxonomy;
  /** Records per posted batch. */
  readonly batchSize: number;
}

/** The messages the worker posts, in this order: parsed, batch…, end. */
export type PreparationMessage =
  | ({ kind: 'parsed' } & ParsedInput)
  | { kind: 'batch'; records: PublicationRecord[]; blocked: boolean }
  | { kind: 'end'; problems: InputProblem[]; skipped: SkippedEntry[]; records?: PublicationRecord[] };

/** Everything prepared, as prepareImport returns it (without the reference data). */
export interface PreparedRecords {
  readonly records: PublicationRecord[];
  readonly problems: InputProblem[];
  readonly skipped: SkippedEntry[];
}

/** An import being prepared; see startPreparation. */
export interface Preparation {
  /** Resolves once every file is parsed. */
  readonly parsed: Promise<ParsedInput>;
  /**
   * Yields the records in batches as they are prepared. Once a problem blocks the import it yields
   * no more, and when every entry is checked it throws InvalidInputError naming every problem.
   */
  batches(): AsyncIterable<PublicationRecord[]>;
  /** Returns every record (merged), problem and skipped entry, once all entries are resolved. */
  all(): Promise<PreparedRecords>;
  /** The skipped entries; complete once batches() or all() has finished. */
  skipped(): readonly SkippedEntry[];
  /** Stops the preparation if it is still running. */
  close(): Promise<void>;
}

const WORKER_FILE = join(__dirname, 'prepare.worker.js');

/**
 * Starts preparing the files: on a worker thread when running compiled (the worker file exists),
 * so that resolving and tagging run beside the main thread's writes; else on this thread, in
 * steps between which pending I/O runs. Both give prepareImport's records, problems and skips.
 */
export function startPreparation(request: PreparationRequest): Preparation {
  return __filename.endsWith('.js') && existsSync(WORKER_FILE) ? new WorkerPreparation(request) : new LocalPreparation(request);
}

class LocalPreparation implements Preparation {
  readonly parsed: Promise<ParsedInput>;
  private readonly preparer: ImportPreparer;

  constructor(private readonly request: PreparationRequest) {
    this.preparer = new ImportPreparer(request.files, { skipInvalid: request.skipInvalid, taxonomy: request.taxonomy });
    this.parsed = Promise.resolve(this.preparer.parsedInput());
  }

  batches(): AsyncIterable<PublicationRecord[]> {
    return this.preparer.batches(this.request.batchSize);
  }

  async all(): Promise<PreparedRecords> {
    this.preparer.resolveNext(Infinity);
    return this.preparer.result();
  }

  skipped(): readonly SkippedEntry[] {
    return this.preparer.skipped;
  }

  async close(): Promise<void> {}
}

class WorkerPreparation implements Preparation {
  readonly parsed: Promise<ParsedInput>;
  private readonly worker: Worker;
  private readonly queue: PreparationMessage[] = [];
  private wake: (() => void) | null = null;
  private failure: unknown = null;
  private ended = false;
  private end: Extract<PreparationMessage, { kind: 'end' }> | null = null;
  private rejectParsed: (reason: unknown) => void = () => undefined;

  constructor(request: PreparationRequest) {
    let resolveParsed: (value: ParsedInput) => void = () => undefined;
    this.parsed = new Promise<ParsedInput>((resolve, reject) => {
      resolveParsed = resolve;
      this.rejectParsed = reject;
    });
    this.parsed.catch(() => undefined); // the same failure also reaches whoever reads the batches
    this.worker = new Worker(WORKER_FILE, { workerData: request });
    this.worker.on('message', (message: PreparationMessage) => {
      if (message.kind === 'parsed') resolveParsed(message);
      else this.queue.push(message);
      if (message.kind === 'end') this.ended = true;
      this.notify();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(new Error(`the import preparation stopped before it finished (exit code ${code})`));
    });
  }

  async *batches(): AsyncIterable<PublicationRecord[]> {
    let blocked = false;
    for (;;) {
      const message = await this.next();
      if (message.kind === 'batch') {
        blocked ||= message.blocked;
        if (!blocked && message.records.length) yield message.records;
      } else if (message.kind === 'end') {
        if (message.problems.length) throw new InvalidInputError(message.problems);
        return;
      }
    }
  }

  async all(): Promise<PreparedRecords> {
    const records: PublicationRecord[] = [];
    for (;;) {
      const message = await this.next();
      if (message.kind === 'batch') records.push(...message.records);
      else if (message.kind === 'end') return { records: message.records ?? records, problems: message.problems, skipped: message.skipped };
    }
  }

  skipped(): readonly SkippedEntry[] {
    return this.end?.skipped ?? [];
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private async next(): Promise<PreparationMessage> {
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        if (message.kind === 'end') this.end = message;
        return message;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private fail(err: unknown): void {
    this.failure ??= err;
    this.rejectParsed(err);
    this.notify();
  }
}
