// Returns each publication's change records, newest (highest seq) first, at most $first each. A
// record's publication is the first of its ids (publicationId, indexed); no other id is one.
// $ids: [string] publication ids
// $first: number
UNWIND $ids AS id
RETURN id, COLLECT {
  MATCH (c:Change {publicationId: id})
  RETURN c {.seq, .at, .by, .operation, .ids, .before, .after} ORDER BY c.seq DESC LIMIT toInteger($first)
} AS items
