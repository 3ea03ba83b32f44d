import type { ImportSummary } from '../domain/import.types';

/** Returns the human-readable import report that `kg import` prints and `importPublications` returns. */
export function formatSummary(s: ImportSummary, ctx: { dryRun: boolean; files: number; skipped: number }): string {
  const head = ctx.dryRun ? 'dry run (nothing written)' : 'imported';
  return [
    `${head}: ${ctx.files} file(s)${ctx.skipped ? `, ${ctx.skipped} entr${ctx.skipped === 1 ? 'y' : 'ies'} skipped` : ''}`,
    `  publications: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged${s.withheld ? `, ${s.withheld} left out (deleted by a curator)` : ''}`,
    `  linked: ${s.authors} authors, ${s.countries} countries, ${s.regions} regions, ${s.themes} themes`,
    `  relationships: ${s.relationshipsWritten} written, ${s.relationshipsDeleted} removed`,
    '',
  ].join('\n');
}

