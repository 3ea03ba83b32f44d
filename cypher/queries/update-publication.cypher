// Applies a curator's edit to a publication, adds 1 to its version and returns it. Runs after
// lock-publication, in the same transaction, with only the fields whose value changed.
// $id: string
// $set: {title?, searchKey?, abstract?, year?} — the changed fields (searchKey with a new title); a null year removes it
// $curated: [string] — the publication's curated fields after the edit (imports leave them alone)
MATCH (p:Publication {id: $id})
SET p += $set, p.curated = $curated, p.version = coalesce(p.version, 1) + 1
RETURN p {.*} AS props
