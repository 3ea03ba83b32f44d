import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';

/**
 * Returns the path of the real listing page the tests check the importer against. It is not
 * copied into the repository (the abstracts are the source library's text): it lives in the
 * workspace's shared/data folder beside the clone, or wherever KG_SEED_LISTING points.
 */
export function seedListingPath(): string {
  const candidates = [
    process.env.KG_SEED_LISTING,
    resolve(__dirname, '..', '..', '..', 'shared', 'data', 'resource-library-child-trafficking.txt'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the seed listing page is missing: looked in ${candidates.join(', ')} (set KG_SEED_LISTING)`);
  return found;
}

/** Returns the text of the seed listing page. */
export function seedListingText(): string {
  return readFileSync(seedListingPath(), 'utf8');
}

/**
 * Writes two seed entries ("A Girl No More" and the MS-13 paper) as a listing page, a JSON array
 * and a CSV file with the same fields, and returns their paths.
 */
export function writeTwoEntryFiles(): { listing: string; json: string; csv: string } {
  const lines = seedListingText().split('\n');
  const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
  const block = (start: number): string[] => {
    const end = lines.indexOf('Category', start);
    return lines.slice(start, end + 1);
  };
  const girl = at('A Girl No More');
  const ms13 = at('The Connection Between the Mara');
  const dir = mkdtempSync(join(tmpdir(), 'kg-two-'));
  const listing = join(dir, 'two-entries.txt');
  writeFileSync(listing, ['Child Trafficking', '', ...block(girl), '', ...block(ms13), ''].join('\n'));
  const rows = [
    { title: lines[girl], abstract: lines[girl + 2], countries: ['Worldwide'], regions: ['Worldwide'], authors: ['Jennifer Schlecht'], year: 2016, pageCategory: 'Child Trafficking' },
    { title: lines[ms13], abstract: lines[ms13 + 2], countries: ['Worldwide'], regions: ['Worldwide'], authors: ['Michelle Lillie'], year: 2017, pageCategory: 'Child Trafficking' },
  ];
  const json = join(dir, 'two-entries.json');
  writeFileSync(json, JSON.stringify(rows, null, 2));
  const csv = join(dir, 'two-entries.csv');
  writeFileSync(csv, stringify(
    rows.map((r) => ({ ...r, countries: r.countries.join('; '), regions: r.regions.join('; '), authors: r.authors.join('; ') })),
    { header: true, columns: ['title', 'abstract', 'countries', 'regions', 'authors', 'year', 'pageCategory'] },
  ));
  return { listing, json, csv };
}

/** Returns the seed page's entries as title and abstract, split by blank lines without the importer (so tagger and place tests do not depend on the parser). */
export function seedEntries(): { title: string; abstract: string }[] {
  const chunks = seedListingText().split(/\n\s*\n/).slice(2);
  const entries = [];
  for (let i = 0; i + 1 < chunks.length; i += 2) {
    const lines = chunks[i + 1].split('\n');
    const fieldsAt = lines.findIndex((l) => l.trim() === 'Country');
    entries.push({ title: chunks[i].trim(), abstract: lines.slice(0, fieldsAt).join('\n').trim() });
  }
  return entries;
}
