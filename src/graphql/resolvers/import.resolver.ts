import { createHash } from 'node:crypto';
import { Arg, Ctx, Extensions, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_IMPORT_TEXT } from '../../domain/curation.types';
import { InvalidInputError } from '../../domain/errors';
import { formatSummary } from '../../ingest/import-report';
import { ImportPreparer } from '../../ingest/prepare-import';
import type { InputFormat } from '../../ingest/parse-result';
import type { RequestContext } from '../context';
import { storeListBy, WRITE } from '../cost';
import { MAX_IMPORT_RUNS_PAGE, type ImportRun } from '../../domain/import.types';
import { BadInputError } from '../../domain/errors';
import { ImportFormatName, ImportReport, ImportRunStatusName, ImportRunView, MAX_RUN_FILES_LISTED, MAX_SKIPPED_REPORTED } from '../types/curation.types';
import { actor, writeTagging } from './write-context';

/** Characters of text priced as one write: an import of n characters costs WRITE × ⌈n / this⌉. */
const IMPORT_CHARS_PER_WRITE = 5_000;
/** Entries resolved between two turns of the event loop, so other requests are served meanwhile. */
const STEP = 16;

/** `importPublications(text)`: one write per IMPORT_CHARS_PER_WRITE characters of text, plus the report. */
const importCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const length = typeof args.text === 'string' ? args.text.length : MAX_IMPORT_TEXT;
  return WRITE * Math.max(1, Math.ceil(length / IMPORT_CHARS_PER_WRITE)) + 1 + childComplexity;
};

/** Imports through the API: the same parsers, checks, summary and line-numbered errors as `kg import`. */
@Resolver()
export class ImportResolver {
  @Extensions({ role: 'curator' })
  @Query(() => [ImportRunView], {
    complexity: storeListBy('first', MAX_IMPORT_RUNS_PAGE),
    description: `The latest import runs, newest first: an INCOMPLETE one was interrupted (or is running) and is resumed by running the same \`kg import\` again. Needs CURATOR.`,
  })
  async importRuns(
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_IMPORT_RUNS_PAGE}.` }) first: number,
    @Arg('status', () => ImportRunStatusName, { nullable: true, description: 'Only runs in this state.' }) status: ImportRunStatusName | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportRunView[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_IMPORT_RUNS_PAGE) throw new BadInputError('first', `must be between 0 and ${MAX_IMPORT_RUNS_PAGE}`);
    return (await ctx.store.importRuns(first, status ?? undefined)).map(toImportRunView);
  }

  @Mutation(() => ImportReport, {
    complexity: importCost,
    description: 'Imports a listing page, JSON or CSV given as text, as `kg import` does: every entry is checked first, and without skipInvalid any problem writes nothing (BAD_USER_INPUT, with every problem in `extensions.problems`, by line). One transaction; re-imports respect curators\' decisions and edits.',
  })
  async importPublications(
    @Arg('format', () => ImportFormatName) format: ImportFormatName,
    @Arg('text', () => String, { description: 'The file\'s content (for larger files, use `kg import`).' }) text: string,
    @Arg('dryRun', () => Boolean, { defaultValue: false, description: 'Check and count, writing nothing.' }) dryRun: boolean,
    @Arg('skipInvalid', () => Boolean, { defaultValue: false, description: 'Import the valid entries and list the others in `skipped`.' }) skipInvalid: boolean,
    @Arg('fileName', () => String, { defaultValue: 'input', description: 'The name errors locate lines in (input:12: country: …).' }) fileName: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportReport> {
    const tagging = await writeTagging(ctx);
    const preparer = new ImportPreparer([{ file: fileName, text, format: format.toLowerCase() as InputFormat }], { skipInvalid, taxonomy: tagging.taxonomy });
    while (!preparer.done) {
      preparer.resolveNext(STEP);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const prepared = preparer.result();
    if (prepared.problems.length) throw new InvalidInputError(prepared.problems, 'text');
    // Recorded as an import run of one file, named fileName (atomic: an API import is one transaction).
    const run = { files: [{ name: fileName, sha256: createHash('sha256').update(text).digest('hex') }] };
    const summary = await ctx.store.importPublications(prepared.records, tagging.reference, { dryRun, actor: actor(ctx), run });
    return Object.assign(new ImportReport(), {
      ...summary,
      dryRun,
      skipped: prepared.skipped.slice(0, MAX_SKIPPED_REPORTED).map((s) => ({ line: s.location.line, record: s.location.record ?? null, title: s.title, reasons: [...s.reasons] })),
      skippedCount: prepared.skipped.length,
      summary: formatSummary(summary, { dryRun, files: 1, skipped: prepared.skipped.length }),
    });
  }
}

function toImportRunView(r: ImportRun): ImportRunView {
  return Object.assign(new ImportRunView(), {
    ...r,
    status: r.status as ImportRunStatusName,
    files: r.files.slice(0, MAX_RUN_FILES_LISTED).map((f) => ({ ...f })),
    fileCount: r.files.length,
    startedAt: new Date(r.startedAt), updatedAt: new Date(r.updatedAt), finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
  });
}
