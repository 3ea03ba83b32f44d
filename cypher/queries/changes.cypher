// Returns the change records with seq > $after (all when null) that touch a node of $types (all
// when empty), by seq, at most $limit (first + 1, so the caller can tell whether more match).
// $after: number|null
// $types: [string] — node types; a record matches when one of its ids has one as its prefix (before ':')
// $limit: number
MATCH (c:Change)
WHERE c.seq > coalesce($after, 0)
  AND (size($types) = 0 OR any(id IN c.ids WHERE split(id, ':')[0] IN $types))
RETURN c {.seq, .at, .by, .operation, .ids, .before, .after} AS change
ORDER BY c.seq
LIMIT toInteger($limit)
