import { changeRetentionFromEnv } from '../store/change-retention';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { InvalidInputError } from '../domain/errors';
import { DEFAULT_IMPORT_BATCH, MAX_IMPORT_BATCH, type ImportRun, type ImportRunFile, type ImportSummary, type ReferenceData } from '../domain/import.types';
import type { InputFormat } from '../ingest/parse-result';
import { InputFile, SkippedEntry } from '../ingest/prepare-import';
import { taggingWith } from '../ingest/prepare-entry';
import { decodeInput } from '../ingest/read-input';
import { startPreparation } from './import.preparation';
import { formatSummary } from '../ingest/import-report';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
import type { ImportOptions } from '../store/store';
import { openNeo4j } from './open-neo4j';

/** The flags of `kg import` (and of runImport, which the tests call as the command does). */
export interface ImportFlags {
  format?: InputFormat;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** One transaction for the whole import (the default is batches of `batchSize`). */
  atomic?: boolean;
  batchSize?: number;
}

/** Returns the `kg import` command: reads listing/JSON/CSV files and writes them to NEO4J_URI atomically. */
export function importCommand(): Command {
  return new Command('import')
    .description('import library files (listing pages, JSON or CSV) into Neo4j')
    .argument('[files...]', 'files to import; all are validated before anything is written')
    .addOption(new Option('--format <format>', 'input format (default: by extension or content)').choices(['listing', 'json', 'csv']))
    .option('--dry-run', 'validate and report what would change, writing nothing')
    .option('--skip-invalid', 'import the valid entries and list every skipped one with its reason')
    .option('--atomic', 'write the whole import as one transaction (all or nothing; needs about 2 GiB of Neo4j transaction memory per 100,000 new publications)')
    .option('--batch-size <n>', `publications per transaction (default ${DEFAULT_IMPORT_BATCH.toLocaleString('en')}, at most ${MAX_IMPORT_BATCH.toLocaleString('en')})`, parseBatchSize)
    .option('--status', 'list the latest import runs (INCOMPLETE ones are resumed by running the same command again) and import nothing')
    .action(async (files: string[], flags: ImportFlags & { status?: boolean }) => {
      if (flags.status) {
        await printStatus(process.stdout);
        return;
      }
      if (files.length === 0) throw new InvalidArgumentError('name at least one file to import (or pass --status)');
      const summary = await runImport(files, flags, process.stdout);
      if (!summary) process.exitCode = 1;
    });
}

function parseBatchSize(raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_IMPORT_BATCH) throw new InvalidArgumentError(`--batch-size must be a whole number from 1 to ${MAX_IMPORT_BATCH}, got "${raw}"`);
  return n;
}

/** Prints the latest import runs, newest first. */
async function printStatus(out: NodeJS.WritableStream): Promise<void> {
  const store = new Neo4jStore(await openNeo4j(), undefined, { changes: changeRetentionFromEnv() });
  try {
    const runs = await store.importRuns(20);
    if (runs.length === 0) out.write('no import runs recorded\n');
    for (const r of runs) out.write(`${formatRun(r)}\n`);
  } finally {
    await store.close();
  }
}

/** One run as `kg import` prints it. */
export function formatRun(r: ImportRun): string {
  const files = r.files.map((f) => f.name).join(', ');
  const mode = r.atomic ? 'atomic' : `batches of ${r.batchSize}`;
  const progress = `${r.processed}/${r.total} publications, ${r.batchesCommitted} batch(es) committed, attempt ${r.attempts}`;
  const counts = `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.withheld} withheld`;
  const resume = r.status === 'INCOMPLETE' ? ' (run the same command again to resume it)' : '';
  return `${r.id} ${r.status}${resume}\n  files: ${files}\n  ${mode}; ${progress}\n  ${counts}; started ${r.startedAt}, last commit ${r.updatedAt}${r.finishedAt ? `, finished ${r.finishedAt}` : ''}`;
}

/** Records per batch the preparation hands the writer while it resolves the next ones. */
const STREAM_BATCH = 2_000;

/** Runs an import and prints its report to `out`; returns the summary, or throws InvalidInputError naming every problem. */
export async function runImport(files: readonly string[], flags: ImportFlags, out: NodeJS.WritableStream): Promise<ImportSummary> {
  const { inputs, runFiles } = readImportFiles(files, flags.format);
  // One connection reads the themes admins defined (upsertTheme), which the entries are tagged
  // with over data/taxonomy.yaml, and then writes.
  const store = new Neo4jStore(await openNeo4j(), undefined, { changes: changeRetentionFromEnv() });
  let preparation;
  try {
    const { taxonomy, reference } = taggingWith(await store.themeDefinitions());
    preparation = startPreparation({ files: inputs, skipInvalid: flags.skipInvalid, batchSize: STREAM_BATCH, taxonomy });
    return await importWith(store, preparation, reference, runFiles, flags, out);
  } finally {
    await preparation?.close();
    await store.close();
  }
}

/** Returns the files decoded strictly (a byte that is not UTF-8 throws InvalidInputError at its line and offset, before anything else) and their names and hashes. */
export function readImportFiles(files: readonly string[], format?: InputFormat): { inputs: InputFile[]; runFiles: ImportRunFile[] } {
  const bytes = files.map((file) => readFileSync(file));
  const decoded = files.map((file, i) => decodeInput(bytes[i], file));
  const badBytes = decoded.flatMap((d) => d.problems);
  if (badBytes.length) throw new InvalidInputError(badBytes);
  const inputs: InputFile[] = files.map((file, i) => ({ file, text: decoded[i].text, format }));
  const runFiles: ImportRunFile[] = files.map((file, i) => ({ name: basename(file), sha256: createHash('sha256').update(bytes[i]).digest('hex') }));
  return { inputs, runFiles };
}

/** Waits for the files to be parsed, then writes them (streamed while later entries are resolved, when it can) and prints the report. */
async function importWith(
  store: Neo4jStore, preparation: ReturnType<typeof startPreparation>, reference: ReferenceData, runFiles: readonly ImportRunFile[], flags: ImportFlags, out: NodeJS.WritableStream,
): Promise<ImportSummary> {
  const files = runFiles.length;
  const { ids, fileProblems, merges } = await preparation.parsed;
  // An atomic import writes its records while later entries are still being resolved, in the one
  // transaction that rolls back if any entry turns out bad; unless a record could change after it
  // was written (an id listed twice merges later entries into the earlier record), a file is
  // already known to be bad, or nothing is to be written. A batched import commits as it goes, so
  // every entry is checked before its first write.
  const stream = !!flags.atomic && !flags.dryRun && fileProblems === 0 && !merges;
  const prepared = stream ? null : await preparation.all();
  if (prepared) {
    reportSkipped(prepared.skipped, out);
    if (prepared.problems.length) throw new InvalidInputError(prepared.problems);
  }
  let started: ImportRun | null = null;
  const run = {
    files: runFiles,
    ...(!flags.atomic && { batchSize: flags.batchSize ?? DEFAULT_IMPORT_BATCH }),
    onStart: (r: ImportRun) => {
      started = r;
      if (r.attempts > 1) out.write(`resuming ${r.id} (attempt ${r.attempts}): ${r.batchesCommitted} batch(es), ${r.processed} of ${r.total} publications, committed before\n`);
    },
  };
  let committed = 0;
  const summary = await withProgress(ids.length, flags, (options) => {
    const counted = { ...options, run, onProgress: (done: number, of: number) => ((committed = done), options.onProgress?.(done, of)) };
    return prepared
      ? store.importPublications(prepared.records, reference, counted)
      : store.importPublicationStream({ ids, total: ids.length, batches: () => preparation.batches() }, reference, counted);
  }).catch((err: unknown) => {
    // A batched run that stopped midway keeps what it committed; say how to finish it.
    const left = started as ImportRun | null;
    if (left) process.stderr.write(`import run ${left.id} stopped INCOMPLETE with ${committed} of ${left.total} publications committed; run the same command again to resume it\n`);
    throw err;
  });
  if (!prepared) reportSkipped(preparation.skipped(), out);
  out.write(formatSummary(summary, { dryRun: !!flags.dryRun, files, skipped: (prepared?.skipped ?? preparation.skipped()).length }));
  return summary;
}

/** Runs `write` with a progress bar on a terminal. */
async function withProgress(total: number, flags: ImportFlags, write: (options: ImportOptions) => Promise<ImportSummary>): Promise<ImportSummary> {
  const bar = process.stderr.isTTY && total >= 500
    ? new SingleBar({ format: 'importing [{bar}] {value}/{total} publications  {eta_formatted} left', clearOnComplete: true }, Presets.shades_classic)
    : null;
  // Without a terminal, a batched import of several batches says as each commits how far it is (for logs, and to know where a resume starts).
  const lines = !bar && !flags.atomic && !flags.dryRun && total > (flags.batchSize ?? DEFAULT_IMPORT_BATCH);
  try {
    return await write({
      dryRun: flags.dryRun,
      onProgress: (done, of) => {
        if (lines) process.stderr.write(`committed ${done}/${of} publications\n`);
        if (!bar) return;
        if (done === 0 || !bar.getTotal()) bar.start(of, done);
        bar.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
}

/** Prints each entry --skip-invalid left out, with its reasons. */
export function reportSkipped(skipped: readonly SkippedEntry[], out: NodeJS.WritableStream): void {
  for (const s of skipped) {
    out.write(`skipped ${s.location.file}:${s.location.line} "${s.title || '(no title)'}":\n`);
    for (const reason of s.reasons) out.write(`  ${reason}\n`);
  }
}
