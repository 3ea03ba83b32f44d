// Takes the write locks of the authors a merge names and returns what it needs of them (no row
// for an unknown id). Held to the end of the transaction, so two merges of one author run one
// after the other, the second reading what the first committed.
// $ids: [string]
UNWIND $ids AS id
MATCH (a:Author {id: id})
SET a._lock = true
REMOVE a._lock
RETURN a.id AS id, a.name AS name, coalesce(a.aliases, []) AS aliases
