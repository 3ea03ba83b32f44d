import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { InvalidInputError } from '../domain/errors';
import type { ImportSummary } from '../domain/import.types';
import type { InputFormat } from '../ingest/parse-result';
import { InputFile, prepareImport, SkippedEntry } from '../ingest/prepare-import';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
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

/** Runs an import and prints its report to `out`; returns the summary, or throws InvalidInputError naming every problem. */
export async function runImport(files: readonly string[], flags: ImportFlags, out: NodeJS.WritableStream): Promise<ImportSummary> {
  const inputs: InputFile[] = files.map((file) => ({ file, text: readFileSync(file, 'utf8'), format: flags.format }));
  const prepared = prepareImport(inputs, { skipInvalid: flags.skipInvalid });
  reportSkipped(prepared.skipped, out);
  if (prepared.problems.length) throw new InvalidInputError(prepared.problems);

  const runner = await openNeo4j();
  const store = new Neo4jStore(runner);
  const bar = process.stderr.isTTY && prepared.records.length >= 500
    ? new SingleBar({ format: 'importing [{bar}] {value}/{total} publications  {eta_formatted} left', clearOnComplete: true }, Presets.shades_classic)
    : null;
  try {
    const summary = await store.importPublications(prepared.records, prepared.reference, {
      dryRun: flags.dryRun,
      onProgress: (done, total) => {
        if (!bar) return;
        if (done === 0 || !bar.getTotal()) bar.start(total, done);
        bar.update(done);
      },
    });
    bar?.stop();
    out.write(formatSummary(summary, { dryRun: !!flags.dryRun, files: files.length, skipped: prepared.skipped.length }));
    return summary;
  } finally {
    bar?.stop();
    await store.close();
  }
}

function reportSkipped(skipped: readonly SkippedEntry[], out: NodeJS.WritableStream): void {
  for (const s of skipped) {
    out.write(`skipped ${s.location.file}:${s.location.line} "${s.title || '(no title)'}":\n`);
    for (const reason of s.reasons) out.write(`  ${reason}\n`);
  }
}

/** Returns the human-readable import report. */
export function formatSummary(s: ImportSummary, ctx: { dryRun: boolean; files: number; skipped: number }): string {
  const head = ctx.dryRun ? 'dry run (nothing written)' : 'imported';
  return [
    `${head}: ${ctx.files} file(s)${ctx.skipped ? `, ${ctx.skipped} entr${ctx.skipped === 1 ? 'y' : 'ies'} skipped` : ''}`,
    `  publications: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`,
    `  linked: ${s.authors} authors, ${s.countries} countries, ${s.regions} regions, ${s.themes} themes`,
    `  relationships: ${s.relationshipsWritten} written, ${s.relationshipsDeleted} removed`,
    '',
  ].join('\n');
}

