// Returns the stored content hash of each publication id (null when it does not exist yet).
// $ids: [string]
UNWIND $ids AS id
OPTIONAL MATCH (p:Publication {id: id})
RETURN id, p.contentHash AS hash
