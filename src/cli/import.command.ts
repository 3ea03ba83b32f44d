import { changeRetentionFromEnv } from '../store/change-retention';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { InvalidInputError } from '../domain/errors';
import type { ImportSummary, ReferenceData } from '../domain/import.types';
import type { InputFormat } from '../ingest/parse-result';
import { InputFile, SkippedEntry } from '../ingest/prepare-import';
import { taggingWith } from '../ingest/prepare-entry';
import { startPreparation } from './import.preparation';
import { formatSummary } from '../ingest/import-report';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
import type { ImportOptions } from '../store/store';
import { openNeo4j } from './open-neo4j';

interface ImportFlags {
  format?: InputFormat;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/** Returns the `kg import` command: reads listing/JSON/CSV files and writes them to NEO4J_URI atomically. */
export function importCommand(): Command {
  return new Command('import')
    .description('import library files (listing pages, JSON or CSV) into Neo4j')
    .argument('<files...>', 'files to import; all are validated before anything is written')
    .addOption(new Option('--format <format>', 'input format (default: by extension or content)').choices(['listing', 'json', 'csv']))
    .option('--dry-run', 'validate and report what would change, writing nothing')
    .option('--skip-invalid', 'import the valid entries and list every skipped one with its reason')
    .action(async (files: string[], flags: ImportFlags) => {
      const summary = await runImport(files, flags, process.stdout);
      if (!summary) process.exitCode = 1;
    });
}

/** Records per batch the preparation hands the writer while it resolves the next ones. */
const STREAM_BATCH = 2_000;

/** Runs an import and prints its report to `out`; returns the summary, or throws InvalidInputError naming every problem. */
export async function runImport(files: readonly string[], flags: ImportFlags, out: NodeJS.WritableStream): Promise<ImportSummary> {
  const inputs: InputFile[] = files.map((file) => ({ file, text: readFileSync(file, 'utf8'), format: flags.format }));
  // One connection reads the themes admins defined (upsertTheme), which the entries are tagged
  // with over data/taxonomy.yaml, and then writes.
  const store = new Neo4jStore(await openNeo4j(), undefined, { changes: changeRetentionFromEnv() });
  let preparation;
  try {
    const { taxonomy, reference } = taggingWith(await store.themeDefinitions());
    preparation = startPreparation({ files: inputs, skipInvalid: flags.skipInvalid, batchSize: STREAM_BATCH, taxonomy });
    return await importWith(store, preparation, reference, files.length, flags, out);
  } finally {
    await preparation?.close();
    await store.close();
  }
}

/** Waits for the files to be parsed, then writes them (streamed while later entries are resolved, when it can) and prints the report. */
async function importWith(
  store: Neo4jStore, preparation: ReturnType<typeof startPreparation>, reference: ReferenceData, files: number, flags: ImportFlags, out: NodeJS.WritableStream,
): Promise<ImportSummary> {
  const { ids, fileProblems, merges } = await preparation.parsed;
  // Records are written while later entries are still being resolved, in the one transaction
  // that rolls back if any entry turns out bad; unless a record could change after it was
  // written (an id listed twice merges later entries into the earlier record), a file is already
  // known to be bad, or nothing is to be written.
  const stream = !flags.dryRun && fileProblems === 0 && !merges;
  const prepared = stream ? null : await preparation.all();
  if (prepared) {
    reportSkipped(prepared.skipped, out);
    if (prepared.problems.length) throw new InvalidInputError(prepared.problems);
  }
  const summary = await withProgress(ids.length, flags, (options) => prepared
    ? store.importPublications(prepared.records, reference, options)
    : store.importPublicationStream({ ids, total: ids.length, batches: () => preparation.batches() }, reference, options));
  if (!prepared) reportSkipped(preparation.skipped(), out);
  out.write(formatSummary(summary, { dryRun: !!flags.dryRun, files, skipped: (prepared?.skipped ?? preparation.skipped()).length }));
  return summary;
}

/** Runs `write` with a progress bar on a terminal. */
async function withProgress(total: number, flags: ImportFlags, write: (options: ImportOptions) => Promise<ImportSummary>): Promise<ImportSummary> {
  const bar = process.stderr.isTTY && total >= 500
    ? new SingleBar({ format: 'importing [{bar}] {value}/{total} publications  {eta_formatted} left', clearOnComplete: true }, Presets.shades_classic)
    : null;
  try {
    return await write({
      dryRun: flags.dryRun,
      onProgress: (done, of) => {
        if (!bar) return;
        if (done === 0 || !bar.getTotal()) bar.start(of, done);
        bar.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
}

function reportSkipped(skipped: readonly SkippedEntry[], out: NodeJS.WritableStream): void {
  for (const s of skipped) {
    out.write(`skipped ${s.location.file}:${s.location.line} "${s.title || '(no title)'}":\n`);
    for (const reason of s.reasons) out.write(`  ${reason}\n`);
  }
}
