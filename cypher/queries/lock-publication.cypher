// Takes a publication's write lock and returns its properties as read after it (no row when it
// does not exist). The lock is held to the end of the transaction, so a concurrent writer of the
// same publication waits here and then reads what the first one committed (its version too).
// $id: string
MATCH (p:Publication {id: $id})
SET p._lock = true
REMOVE p._lock
WITH p
RETURN p {.*} AS props
