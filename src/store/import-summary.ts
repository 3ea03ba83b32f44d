import type { ImportSummary, PublicationRecord } from '../domain/import.types';

/**
 * Returns the summary of an import before anything is written: created/updated/unchanged from
 * the stored hashes, and the distinct authors, countries, regions and themes the records link.
 * Both stores start from this, so their reports agree. `all` leaves out the `withheld` records
 * (those of publications a curator deleted).
 */
export function summariseImport(
  all: readonly PublicationRecord[],
  changed: readonly PublicationRecord[],
  stored: ReadonlyMap<string, string | null | undefined>,
  withheld = 0,
): ImportSummary {
  const created = changed.filter((r) => !stored.get(r.id)).length;
  return {
    created,
    updated: changed.length - created,
    unchanged: all.length - changed.length,
    authors: new Set(all.flatMap((r) => r.authors.map((a) => a.id))).size,
    countries: new Set(all.flatMap((r) => [...r.coversCountries, ...r.mentions])).size,
    regions: new Set(all.flatMap((r) => r.coversRegions)).size,
    themes: new Set(all.flatMap((r) => r.themes.map((t) => t.id))).size,
    relationshipsWritten: 0,
    relationshipsDeleted: 0,
    withheld,
  };
}
