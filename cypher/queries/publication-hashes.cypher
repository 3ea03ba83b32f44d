// Returns the stored content hash of each publication id (null when it does not exist yet).
// A publication written before `searchKey` existed reports a placeholder, so the next import
// rewrites it instead of skipping it as unchanged.
// $ids: [string]
UNWIND $ids AS id
OPTIONAL MATCH (p:Publication {id: id})
RETURN id, CASE WHEN p IS NULL THEN null WHEN p.searchKey IS NULL THEN 'rewrite' ELSE p.contentHash END AS hash
