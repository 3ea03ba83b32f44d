// Returns the newest INCOMPLETE import run of these prepared records (same key), to resume.
// $key: string
MATCH (r:ImportRun {key: $key})
WHERE r.status = 'INCOMPLETE'
RETURN r {.*} AS run
ORDER BY r.startedAt DESC, r.id DESC
LIMIT 1
