import type { PublicationRecord } from '../domain/import.types';

/**
 * Returns the record with each author id that mergeAuthors made an alias replaced by the author it
 * was merged into (the first listing of an author wins, as the importer keeps it), or the record
 * itself when none is. Both stores write what this returns and hash the record as given, so the
 * stored hash stays the source entry's and a re-import of an unchanged entry stays unchanged.
 */
export function withAuthorAliases(record: PublicationRecord, aliasOf: (authorId: string) => string | undefined): PublicationRecord {
  if (!record.authors.some((a) => aliasOf(a.id) !== undefined)) return record;
  const seen = new Set<string>();
  const authors: { id: string; name: string }[] = [];
  for (const a of record.authors) {
    const id = aliasOf(a.id) ?? a.id;
    if (seen.has(id)) continue;
    seen.add(id);
    authors.push({ id, name: a.name });
  }
  return { ...record, authors };
}
