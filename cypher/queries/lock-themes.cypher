// Takes the write locks of the themes a retag names (a curator's decision on one of them waits,
// as it locks the theme first) and returns the ids found.
// $ids: [string]
UNWIND $ids AS id
MATCH (t:Theme {id: id})
SET t._lock = true
REMOVE t._lock
RETURN t.id AS id
