import { CypherLoader, cypherDir } from './cypher-loader';

/** Every statement the Neo4j adapter runs; each is `cypher/queries/<name>.cypher`. */
export const QUERY_NAMES = [
  'upsert-regions',
  'upsert-countries',
  'upsert-themes',
  'link-region-parents',
  'link-country-regions',
  'link-theme-broader',
  'publication-hashes',
  'clear-publication-links',
  'upsert-publications',
  'upsert-authors',
  'link-authors',
  'link-covers-countries',
  'link-covers-regions',
  'link-mentions',
  'link-themes',
  'delete-orphan-authors',
  'nodes-by-id',
  'graph-counts',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** Returns the loaded statements; throws at start-up naming any missing file. */
export function loadQueries(dir = `${cypherDir()}/queries`): CypherLoader<QueryName> {
  return new CypherLoader(dir, QUERY_NAMES);
}
