import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { getNamedType, isLeafType, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { LANGUAGE_CODE_COUNT } from '../domain/language.codes';
import {
  MAX_MATRIX_CELLS, MAX_NEIGHBORHOOD_DEPTH, MAX_NEIGHBORHOOD_NODES, MAX_PAGE_SIZE, MAX_PATH_HOPS,
} from '../domain/query.types';

/**
 * The cost model: what one field of an operation is estimated to cost, from the document and its
 * variables alone, before anything runs (README, "Limits"). The numbers live here; each field
 * names its price in its decorator (`complexity:`), so a price sits beside the field it prices.
 *
 * - A scalar or enum costs 0; an object resolved from its parent costs 1 plus its selection.
 * - A store-backed field (one DataLoader call or store read) costs `STORE` more; a store-backed
 *   list costs `STORE + n × (1 + selection)`, n being its `first`/`limit` or its documented maximum.
 * - A field returning a container (a connection, a page, facets, a subgraph) whose inner lists are
 *   sized by the field's own argument prices those inner lists at their maxima (`inner(max)`),
 *   and scales their cost by `argument / maximum`.
 * - The exploration fields add a search cost that grows with their bounding arguments.
 */

/** Extra cost of a field that makes a store call (a loader batch or a query). */
export const STORE = 2;
/** Extra cost of a search (full-text, typeahead) or an aggregate over the filtered set. */
export const AGGREGATE = 10;
/** Extra cost of each hop an exploration field may walk. */
export const PER_HOP = 10;

/** Documented maxima of lists that take no `first` (priced at these sizes; see the README). */
export const PRICED_MAX = {
  /** Themes in the taxonomy (it holds 14; the curation API will refuse more than 50). */
  themes: 50,
  /** Theme pairs of a co-occurrence network: themes × (themes − 1) / 2. */
  themePairs: 1225,
  /** Countries (ISO 3166 has 249). */
  countries: 250,
  /** Regions: the M49 tree plus custom regions. */
  regions: 300,
  /** Years with publications (1900 to now). */
  years: 150,
  /** Authors, countries, regions or mentioned countries of one publication. */
  perPublication: 50,
  /** Regions enclosing a place (World › region › sub-region › intermediate, several for custom). */
  regionChain: 8,
  /** Sub-regions of a region (Africa's, Asia's …). */
  children: 30,
  /** Edges priced per node of a neighbourhood. */
  edgesPerNode: 4,
  /** Scopes: GLOBAL, REGIONAL, NATIONAL. */
  scopes: 3,
  /** Languages: ISO 639-1's 184 codes and `und`. */
  languages: LANGUAGE_CODE_COUNT,
} as const;

/** Places of each level, for a theme matrix whose places are not given. */
const PLACES_AT_LEVEL: Record<string, number> = { COUNTRY: PRICED_MAX.countries, SUBREGION: 25, REGION: 6 };

type Args = ComplexityEstimatorArgs['args'];

function count(args: Args, name: string, fallback: number): number {
  const value = args[name];
  if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  if (Array.isArray(value)) return value.length;
  return fallback;
}

/** A store-backed object field: `STORE + 1 + selection`. */
export const storeObject: ComplexityEstimator = ({ childComplexity }) => STORE + 1 + childComplexity;

/** A store-backed list of at most `max` items: `STORE + max × (1 + selection)`. */
export function storeList(max: number): ComplexityEstimator {
  return ({ childComplexity }) => STORE + max * (1 + childComplexity);
}

/** A store-backed list sized by its argument `arg` (default `first`, else `fallback`). */
export function storeListBy(arg = 'first', fallback: number = MAX_PAGE_SIZE): ComplexityEstimator {
  return ({ args, childComplexity }) => STORE + count(args, arg, fallback) * (1 + childComplexity);
}

/** A list inside a container, priced at `max` items; the container scales it by its argument. */
export function inner(max: number): ComplexityEstimator {
  return ({ childComplexity }) => max * (1 + childComplexity);
}

/**
 * A store-backed container (a connection, a nested page) whose inner lists are priced at
 * `max` items and hold `args[arg]` of them: `base + 1 + ⌈selection × args[arg] / max⌉`.
 */
export function container(arg = 'first', max: number = MAX_PAGE_SIZE, base: number = STORE): ComplexityEstimator {
  return ({ args, childComplexity }) => base + 1 + Math.ceil((childComplexity * count(args, arg, max)) / max);
}

/** `paths(maxHops, first)`: a search of `PER_HOP × maxHops`, then `first` paths of its selection. */
export const pathsCost: ComplexityEstimator = ({ args, childComplexity }) =>
  PER_HOP * count(args, 'maxHops', MAX_PATH_HOPS) + count(args, 'first', 20) * (1 + childComplexity);

/** `neighborhood(depth, limit)`: `PER_HOP × depth` plus the subgraph's lists scaled by `limit`. */
export const neighborhoodCost: ComplexityEstimator = ({ args, childComplexity }) =>
  PER_HOP * count(args, 'depth', MAX_NEIGHBORHOOD_DEPTH) + 1 +
  Math.ceil((childComplexity * count(args, 'limit', MAX_NEIGHBORHOOD_NODES)) / MAX_NEIGHBORHOOD_NODES);

/** Inner lists of a theme matrix, priced for the largest matrix: rows, columns and cells. */
export const MATRIX_MAX = { rows: PRICED_MAX.themes, columns: PRICED_MAX.countries, cells: MAX_MATRIX_CELLS } as const;

/**
 * `themeMatrix(themes, places, placeLevel)`: rows (the themes given, or every theme) × columns
 * (the places given, or every place at the level) cells. Its lists are priced for the largest
 * matrix (`MATRIX_MAX`) and scaled by the largest of rows, columns and cells over their maxima.
 */
export const themeMatrixCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const rows = Math.min(count(args, 'themes', PRICED_MAX.themes), MATRIX_MAX.rows);
  const columns = Math.min(count(args, 'places', PLACES_AT_LEVEL[String(args.placeLevel ?? 'COUNTRY')] ?? PRICED_MAX.countries), MATRIX_MAX.columns);
  const cells = Math.min(rows * columns, MATRIX_MAX.cells);
  const scale = Math.max(rows / MATRIX_MAX.rows, columns / MATRIX_MAX.columns, cells / MATRIX_MAX.cells);
  return AGGREGATE + 1 + Math.ceil(childComplexity * scale);
};

/** An aggregate over the filtered set whose lists are priced at their maxima (themeGraph). */
export const aggregateObject: ComplexityEstimator = ({ childComplexity }) => AGGREGATE + 1 + childComplexity;

/** A search or typeahead: `AGGREGATE + first × (1 + selection)`. */
export const searchCost: ComplexityEstimator = ({ args, childComplexity }) =>
  AGGREGATE + count(args, 'first', 10) * (1 + childComplexity);

/** `facets(first)`: one aggregate, its lists priced at MAX_PAGE_SIZE and scaled by `first`. */
export const facetsCost: ComplexityEstimator = container('first', MAX_PAGE_SIZE, AGGREGATE);

/**
 * The price of a field with none of its own: 0 for scalars and enums, 1 plus its selection for an
 * object resolved from its parent. A list without a price is an error of the schema, never
 * priced silently: test/unit/cost.test.ts checks that every list field has one.
 */
export const defaultCost: ComplexityEstimator = ({ type: parent, field, childComplexity }) => {
  const type = field.type as GraphQLOutputType;
  if (isLeafType(getNamedType(type))) return 0;
  if (isListType(isNonNullType(type) ? type.ofType : type)) {
    throw new Error(`the list field ${parent.name}.${field.name} has no price (give it a complexity in its decorator)`);
  }
  return 1 + childComplexity;
};

/** Cost of a write (one transaction), before its returned selection. */
export const WRITE = 20;

/** A write returning an object: `WRITE + 1 + selection`. */
export const writeObject: ComplexityEstimator = ({ childComplexity }) => WRITE + 1 + childComplexity;

/** An object made from the request itself, with no store call: `1 + selection`. */
export const localObject: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;
