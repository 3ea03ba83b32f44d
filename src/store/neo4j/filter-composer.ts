import { CypherLoader, cypherDir, fillSlot } from './cypher-loader';
import type { QueryName } from './queries';

/**
 * The parts a publication filter is composed from, each `cypher/filter/<name>.cypher`. An anchor
 * produces the candidate rows `p, score`; each `where-*` part is one `AND …` line of the WHERE
 * that follows it. Parts are fixed texts: a filter only chooses which ones are joined, every
 * value still travels as a parameter.
 */
export const FILTER_PART_NAMES = [
  'anchor-text', 'anchor-authors', 'anchor-countries', 'anchor-countries-mentions', 'anchor-regions', 'anchor-themes', 'anchor-years', 'anchor-all',
  'where-years', 'where-scopes', 'where-languages', 'where-authors', 'where-countries', 'where-countries-mentions', 'where-themes', 'where-regions',
] as const;
export type FilterPartName = (typeof FILTER_PART_NAMES)[number];

/** The statements that read the filtered publication set: each holds one `// filter:begin` … `// filter:end` slot. */
export const FILTERED_QUERIES: ReadonlySet<QueryName> = new Set<QueryName>([
  'find-publications-year-desc', 'find-publications-year-asc', 'find-publications-title-asc', 'find-publications-title-desc',
  'find-publications-relevance', 'facets', 'theme-matrix', 'theme-graph',
]);

/** The filter parameters (see filterParams in publication-query.builder.ts). */
interface FilterParams {
  readonly text?: unknown;
  readonly themes?: readonly unknown[];
  readonly countries?: readonly unknown[];
  readonly regions?: readonly unknown[];
  readonly authors?: readonly unknown[];
  readonly yearFrom?: unknown;
  readonly yearTo?: unknown;
  readonly scopes?: readonly unknown[];
  readonly languages?: readonly unknown[];
  readonly includeMentions?: unknown;
}

/**
 * `mentions` is not a criterion of its own: it stands for includeMentions with countries given,
 * and chooses the `-mentions` variant of the country part, so that neither variant tests a
 * relationship's type per row.
 */
type Criterion = 'text' | 'authors' | 'countries' | 'regions' | 'themes' | 'years' | 'scopes' | 'languages' | 'mentions';

/**
 * Which criterion starts the match when several are given: the one that usually selects fewest
 * publications, reached through an index (full text, then an id seek and one expansion, then the
 * year range index). Every other given criterion becomes a predicate on the anchored rows. Scopes
 * and languages never anchor: each value holds a large share of the library, and a publication
 * stored before languages were has none (read as 'und' through coalesce, which no index seeks).
 */
const ANCHOR_ORDER: readonly Exclude<Criterion, 'scopes' | 'languages'>[] = ['text', 'authors', 'countries', 'regions', 'themes', 'years'];
const PREDICATE_ORDER: readonly Exclude<Criterion, 'text'>[] = ['years', 'scopes', 'languages', 'authors', 'countries', 'themes', 'regions'];

/**
 * Composes the filter of the publication statements from the criteria a request gives, so the
 * database starts from the most selective index (a country's publications, a year range, the
 * full-text hits) instead of scanning every publication and testing each criterion. One
 * statement text per (statement, set of given criteria): a bounded number of query plans.
 */
export class FilterComposer {
  private readonly composed = new Map<string, string>();

  constructor(private readonly parts: CypherLoader<FilterPartName> = new CypherLoader(`${cypherDir()}/filter`, FILTER_PART_NAMES)) {}

  /** Returns the statement with its filter slot filled for the criteria present in `params`. */
  compose(name: QueryName, statement: string, params: FilterParams): string {
    const given = criteria(params);
    const key = `${name}|${[...given].sort().join(',')}`;
    let text = this.composed.get(key);
    if (text === undefined) {
      text = fillSlot(name, statement, 'filter', this.filterBlock(given));
      this.composed.set(key, text);
    }
    return text;
  }

  /** Returns the filter block (rows `p, score`) for a set of given criteria. */
  filterBlock(given: ReadonlySet<Criterion>): string {
    const anchor = ANCHOR_ORDER.find((c) => given.has(c));
    const variant = (c: Criterion): string => (c === 'countries' && given.has('mentions') ? 'countries-mentions' : c);
    const lines = [this.parts.get(anchor ? `anchor-${variant(anchor)}` as FilterPartName : 'anchor-all').trimEnd()];
    const predicates = PREDICATE_ORDER.filter((c) => given.has(c) && c !== anchor);
    if (predicates.length) {
      lines.push('WITH p, score', 'WHERE true');
      for (const c of predicates) lines.push(this.parts.get(`where-${variant(c)}` as FilterPartName).trimEnd());
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Returns the criteria a filter's parameters actually constrain (empty lists and nulls do not). */
export function criteria(params: FilterParams): Set<Criterion> {
  const out = new Set<Criterion>();
  const some = (xs: readonly unknown[] | undefined): boolean => !!xs && xs.length > 0;
  if (params.text !== null && params.text !== undefined) out.add('text');
  if (some(params.authors)) out.add('authors');
  if (some(params.countries)) out.add('countries');
  if (some(params.countries) && params.includeMentions === true) out.add('mentions');
  if (some(params.regions)) out.add('regions');
  if (some(params.themes)) out.add('themes');
  if ((params.yearFrom ?? null) !== null || (params.yearTo ?? null) !== null) out.add('years');
  if (some(params.scopes)) out.add('scopes');
  if (some(params.languages)) out.add('languages');
  return out;
}
