// Returns the latest import runs, newest first.
// $first: integer; $status: string or null (all)
MATCH (r:ImportRun)
WHERE $status IS NULL OR r.status = $status
RETURN r {.*} AS run
ORDER BY r.startedAt DESC, r.id DESC
LIMIT toInteger($first)
