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
  'upsert-authors',
  'create-publications',
  'update-publications',
  'delete-orphan-authors',
  'nodes-by-id',
  'reference-nodes',
  'graph-counts',
  'ping',
  // Root lists. ORDER BY cannot be a parameter, so each publication order is its own statement.
  'find-publications-year-desc',
  'find-publications-year-asc',
  'find-publications-title-asc',
  'find-publications-title-desc',
  'find-publications-relevance',
  'list-themes',
  'list-regions',
  'list-countries',
  'list-authors',
  'find-country',
  'search',
  // Keyed by publication.
  'authors-of',
  'places-of',
  'themes-of',
  'related-of',
  // Keyed by anchor (theme, country, region or author).
  'publications-of',
  'theme-counts-of',
  'trend-of',
  // Keyed by author, region or theme.
  'coauthors-of',
  'country-counts-of',
  'region-counts-of',
  'region-chain-of',
  'parents-of',
  'children-of',
  'countries-of',
  'broader-of',
  'narrower-of',
  'related-themes-of',
  // Exploration: one statement per method.
  'paths',
  'neighborhood',
  'theme-matrix',
  'facets',
  'theme-graph',
  'suggest',
  // Curation (curation.writer.ts) and the change feed (change-feed.ts).
  'lock-publication',
  'lock-publication-theme',
  'write-publication-theme',
  'update-publication',
  'append-changes',
  'prune-changes',
  'changes',
  'history-of',
  // API keys (Neo4jKeyStore).
  'create-api-key',
  'find-api-key-by-hash',
  'list-api-keys',
  'revoke-api-key',
  'mark-api-key-used',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** Returns the loaded statements; throws at start-up naming any missing file. */
export function loadQueries(dir = `${cypherDir()}/queries`): CypherLoader<QueryName> {
  return new CypherLoader(dir, QUERY_NAMES);
}
