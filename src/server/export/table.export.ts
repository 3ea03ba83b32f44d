import { stringify } from 'csv-stringify/sync';

/** One publication as the CSV export's page query selects it. */
export interface PublicationRow {
  readonly id: string;
  readonly title: string;
  readonly year: number | null;
  readonly scope: string;
  readonly sourceCategory: string | null;
  readonly countries: readonly { readonly iso3: string; readonly name: string }[];
  readonly regions: readonly { readonly name: string }[];
  readonly authors: readonly { readonly name: string }[];
  readonly themes: readonly { readonly score: number; readonly theme: { readonly slug: string } }[];
}

/** The columns of publications.csv, and their HXL hashtags (https://hxlstandard.org) for humanitarian data tools. */
export const PUBLICATION_COLUMNS: readonly { readonly name: string; readonly hxl: string; readonly value: (p: PublicationRow) => string }[] = [
  { name: 'id', hxl: '#meta+id', value: (p) => p.id },
  { name: 'title', hxl: '#meta+title', value: (p) => p.title },
  { name: 'year', hxl: '#date+year', value: (p) => (p.year === null ? '' : String(p.year)) },
  { name: 'scope', hxl: '#meta+scope', value: (p) => p.scope },
  { name: 'country_codes', hxl: '#country+code', value: (p) => p.countries.map((c) => c.iso3).join(';') },
  { name: 'countries', hxl: '#country+name', value: (p) => p.countries.map((c) => c.name).join(';') },
  { name: 'regions', hxl: '#region+name', value: (p) => p.regions.map((r) => r.name).join(';') },
  { name: 'themes', hxl: '#sector', value: (p) => p.themes.map((t) => t.theme.slug).join(';') },
  { name: 'authors', hxl: '#contact+name', value: (p) => p.authors.map((a) => a.name).join(';') },
  { name: 'source_category', hxl: '#meta+category', value: (p) => p.sourceCategory ?? '' },
];

/** The header line (and with `hxl` the hashtag line) of publications.csv. */
export function publicationsHead(hxl: boolean): string {
  const rows = [PUBLICATION_COLUMNS.map((c) => c.name)];
  if (hxl) rows.push(PUBLICATION_COLUMNS.map((c) => c.hxl));
  return stringify(rows);
}

/** The CSV lines of one page of publications: one row each, `;` between the values of a cell. */
export function publicationLines(page: readonly PublicationRow[]): string {
  return page.length ? stringify(page.map((p) => PUBLICATION_COLUMNS.map((c) => c.value(p)))) : '';
}

/** The theme × place matrix as `themeMatrix` answers it. */
export interface MatrixAnswer {
  readonly columns: readonly { readonly total: number; readonly place: { readonly id: string; readonly name: string } }[];
  readonly rows: readonly { readonly total: number; readonly counts: readonly number[]; readonly theme: { readonly slug: string; readonly name: string } }[];
}

/** The matrix as CSV: a header of place ids, a row of place names, a row per theme with its counts and total, and the column totals. */
export function matrixCsv(answer: MatrixAnswer): string {
  const places = answer.columns.map((c) => c.place);
  return stringify([
    ['theme', 'theme_name', ...places.map((p) => p.id), 'total'],
    ['', '', ...places.map((p) => p.name), ''],
    ...answer.rows.map((r) => [r.theme.slug, r.theme.name, ...r.counts.map(String), String(r.total)]),
    ['total', '', ...answer.columns.map((c) => String(c.total)), String(answer.rows.reduce((n, r) => n + r.total, 0))],
  ]);
}
