// The graph's constraints and indexes. Every statement is IF NOT EXISTS, so applying the file
// again is a no-op. Applied by `kg db migrate` and by the test setup. Statements end with ';'.

// One node per id, for every label. Uniqueness constraints also give each id an index.
CREATE CONSTRAINT publication_id IF NOT EXISTS FOR (n:Publication) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT author_id IF NOT EXISTS FOR (n:Author) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;

// Filters and facets by year.
CREATE INDEX publication_year IF NOT EXISTS FOR (n:Publication) ON (n.year);

// Publications by language (ISO 639-1 or 'und'): `publications(filter: {languages})` and `facets`.
CREATE INDEX publication_language IF NOT EXISTS FOR (n:Publication) ON (n.language);

// Free-text search over publications: `publications(filter: {text})` and `search`.
CREATE FULLTEXT INDEX publication_text IF NOT EXISTS FOR (n:Publication) ON EACH [n.title, n.abstract];

// Name search across entities (`search`). standard-folding drops accents, so "Cote" finds "Côte d'Ivoire".
CREATE FULLTEXT INDEX entity_name IF NOT EXISTS FOR (n:Author|Country|Region|Theme) ON EACH [n.name]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } };

// Country lookups by ISO code and by folded name (`findCountry`).
CREATE INDEX country_iso2 IF NOT EXISTS FOR (n:Country) ON (n.iso2);
CREATE INDEX country_iso3 IF NOT EXISTS FOR (n:Country) ON (n.iso3);
CREATE INDEX country_name_key IF NOT EXISTS FOR (n:Country) ON (n.nameKey);

// Typeahead (`suggest`): searchKey is the folded label (store/fold.ts searchKey). A TEXT index
// answers both STARTS WITH (the whole label) and CONTAINS ' ' + key (a later word).
CREATE TEXT INDEX publication_search_key IF NOT EXISTS FOR (n:Publication) ON (n.searchKey);
CREATE TEXT INDEX author_search_key IF NOT EXISTS FOR (n:Author) ON (n.searchKey);
CREATE TEXT INDEX country_search_key IF NOT EXISTS FOR (n:Country) ON (n.searchKey);
CREATE TEXT INDEX region_search_key IF NOT EXISTS FOR (n:Region) ON (n.searchKey);
CREATE TEXT INDEX theme_search_key IF NOT EXISTS FOR (n:Theme) ON (n.searchKey);

// API keys (`kg keys`, access control): one key per name (names are never re-used) and one per
// hash, which is also how a request's key is looked up.
CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE;

// The change feed (curation): one record per change, numbered by the single ChangeSequence node.
// The seq constraint also orders the feed and finds the oldest records; atMs finds those past
// their retention; publicationId answers a publication's history.
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE;
CREATE CONSTRAINT change_sequence_name IF NOT EXISTS FOR (s:ChangeSequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.atMs);
CREATE INDEX change_publication IF NOT EXISTS FOR (c:Change) ON (c.publicationId);

// The graph version (reference-cache.ts): one counter per kind of write, moved in the write's own
// transaction, so that other processes see when their reference copy is out of date.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;

// Publications a curator deleted (deletePublication): imports leave their ids out from then on.
CREATE CONSTRAINT deleted_publication_id IF NOT EXISTS FOR (d:DeletedPublication) REQUIRE d.id IS UNIQUE;

// Authors merged into others (mergeAuthors): each old id points (`of`) to the author it is now, so
// an import naming a merged spelling links to that one.
CREATE CONSTRAINT author_alias_id IF NOT EXISTS FOR (a:AuthorAlias) REQUIRE a.id IS UNIQUE;
CREATE INDEX author_alias_of IF NOT EXISTS FOR (a:AuthorAlias) ON (a.of);

// First answers to Idempotency-Key requests, shared by every server process: one record per
// (identity, key) id; `until` finds the expired ones to delete.
CREATE CONSTRAINT idempotency_key_id IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.id IS UNIQUE;
CREATE INDEX idempotency_key_until IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.until);

// Import runs (kg import): one node per run, found by id, resumed by key (a digest of its prepared records).
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX import_run_key IF NOT EXISTS FOR (r:ImportRun) ON (r.key);
CREATE INDEX import_run_started IF NOT EXISTS FOR (r:ImportRun) ON (r.startedAt);
