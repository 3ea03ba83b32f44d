// Returns, per publication id, whether it exists, its stored content hash (null when it does
// not exist) and whether a curator deleted it (imports then leave it out). A publication written
// before `searchKey` existed reports a placeholder hash, so the next import rewrites it instead of
// skipping it as unchanged.
// $ids: [string]
UNWIND $ids AS id
OPTIONAL MATCH (p:Publication {id: id})
OPTIONAL MATCH (d:DeletedPublication {id: id})
RETURN id, p IS NOT NULL AS exists, d IS NOT NULL AS deleted,
       CASE WHEN p IS NULL THEN null WHEN p.searchKey IS NULL THEN 'rewrite' ELSE p.contentHash END AS hash
