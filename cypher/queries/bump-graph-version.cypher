// Moves the graph version by one, inside the calling write's own transaction (reference-cache.ts):
// every change-feed append runs it with 'changes' (after its records, so that like the change
// sequence it is among the last locks a writer takes) and every import's reference write with
// 'reference' (with the theme and place locks the import already holds to its end). Two nodes, so
// that a curation write never waits for an import's reference lock, nor takes the two in the other order.
// The version other processes compare is the sum of both (graph-version.cypher).
// $id: string — 'changes' or 'reference'
MERGE (v:GraphVersion {id: $id})
SET v.version = coalesce(v.version, 0) + 1
RETURN v.version AS version
