import { summariseImport } from '../import-summary';
import type { ImportSummary, PublicationRecord, ReferenceData } from '../../domain/import.types';
import { nameKey, searchKey } from '../fold';
import { recordHash } from '../record-hash';
import type { ImportOptions } from '../store';
import type { Neo4jRunner, WriteTx } from './neo4j.runner';
import type { QueryName } from './queries';

/** Rows per UNWIND statement: large enough to amortise round trips, small enough for modest heaps. */
const BATCH = 2_000;

/**
 * Writes the reference data and the changed publications in one write transaction (all or
 * nothing) and returns what changed; unchanged records, by content hash, are not rewritten.
 */
export async function writePublications(
  runner: Neo4jRunner, q: (name: QueryName) => string, records: readonly PublicationRecord[], reference: ReferenceData, options: ImportOptions,
): Promise<ImportSummary> {
  const hashes = new Map(records.map((r) => [r.id, recordHash(r)]));
  const stored = new Map<string, string | null>();
  for (const ids of chunks(records.map((r) => r.id), BATCH * 5)) {
    for (const row of await runner.read(q('publication-hashes'), { ids })) stored.set(row.id as string, row.hash as string | null);
  }
  const changed = records.filter((r) => stored.get(r.id) !== hashes.get(r.id));
  const summary = summariseImport(records, changed, stored);
  if (options.dryRun) return summary;

  return runner.write(async (tx) => {
    await writeReference(tx, q, reference);
    let done = 0;
    const orphanCandidates = new Set<string>();
    for (const batch of chunks(changed, BATCH)) {
      const existing = batch.filter((r) => stored.get(r.id)).map((r) => r.id);
      if (existing.length) {
        const [cleared] = await tx.run(q('clear-publication-links'), { ids: existing });
        summary.relationshipsDeleted += (cleared?.deleted as number) ?? 0;
        for (const id of (cleared?.authorIds as string[]) ?? []) orphanCandidates.add(id);
      }
      await tx.run(q('upsert-publications'), {
        rows: batch.map((r) => ({
          id: r.id, title: r.title, abstract: r.abstract, year: r.year, scope: r.scope,
          sourceCategory: r.sourceCategory, contentHash: hashes.get(r.id), searchKey: searchKey(r.title),
        })),
      });
      // The first spelling of an author wins, in a batch as across batches (ON CREATE SET).
      const authors = new Map<string, string>();
      for (const r of batch) for (const a of r.authors) if (!authors.has(a.id)) authors.set(a.id, a.name);
      await tx.run(q('upsert-authors'), { rows: [...authors].map(([id, name]) => ({ id, name, searchKey: searchKey(name) })) });
      summary.relationshipsWritten += await count(tx, q('link-authors'), batch.flatMap((r) => firstById(r.authors).map(({ item: a, index: position }) => ({ publication: r.id, author: a.id, position }))));
      summary.relationshipsWritten += await count(tx, q('link-covers-countries'), pairs(batch, (r) => r.coversCountries));
      summary.relationshipsWritten += await count(tx, q('link-covers-regions'), pairs(batch, (r) => r.coversRegions));
      summary.relationshipsWritten += await count(tx, q('link-mentions'), pairs(batch, (r) => r.mentions));
      summary.relationshipsWritten += await count(tx, q('link-themes'), batch.flatMap((r) => firstById(r.themes).map(({ item: t }) => ({ publication: r.id, theme: t.id, score: t.score, evidence: [...t.evidence] }))));
      done += batch.length;
      options.onProgress?.(done, changed.length);
    }
    if (orphanCandidates.size) await tx.run(q('delete-orphan-authors'), { ids: [...orphanCandidates] });
    return summary;
  });
}

async function writeReference(tx: WriteTx, q: (n: QueryName) => string, ref: ReferenceData): Promise<void> {
  await tx.run(q('upsert-regions'), { rows: ref.regions.map(({ id, name, m49, level }) => ({ id, name, m49, level, searchKey: searchKey(name) })) });
  await tx.run(q('upsert-countries'), { rows: ref.countries.map(({ id, iso2, iso3, m49, name }) => ({ id, iso2, iso3, m49, name, nameKey: nameKey(name), searchKey: searchKey(name) })) });
  await tx.run(q('upsert-themes'), { rows: ref.themes.map(({ id, slug, name, description }) => ({ id, slug, name, description, searchKey: searchKey(name) })) });
  await tx.run(q('link-region-parents'), { rows: ref.regionParents.map(([child, parent]) => ({ child, parent })) });
  await tx.run(q('link-country-regions'), { rows: ref.countryRegions.map(([country, region]) => ({ country, region })) });
  await tx.run(q('link-theme-broader'), { rows: ref.themeBroader.map(([narrower, broader]) => ({ narrower, broader })) });
}

async function count(tx: WriteTx, statement: string, rows: unknown[]): Promise<number> {
  if (rows.length === 0) return 0;
  const [row] = await tx.run(statement, { rows });
  return (row?.n as number) ?? 0;
}

function pairs(batch: readonly PublicationRecord[], targets: (r: PublicationRecord) => readonly string[]): { publication: string; target: string }[] {
  // A link listed twice is one relationship, as the contract's "publications" counts assume.
  return batch.flatMap((r) => [...new Set(targets(r))].map((target) => ({ publication: r.id, target })));
}

/** Returns each item with its position, keeping only the first item of every id. */
function firstById<T extends { id: string }>(items: readonly T[]): { item: T; index: number }[] {
  const seen = new Set<string>();
  return items.map((item, index) => ({ item, index })).filter(({ item }) => !seen.has(item.id) && !!seen.add(item.id));
}


/** Returns the items in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
