// Appends change records with the next sequence numbers, in list order, and returns their seqs.
// The sequence is one node whose write lock is taken before it is read: a concurrent writer waits
// until this transaction ends, so seqs follow commit order, and pruning (which deletes records,
// never the sequence) cannot make one be used twice. Change nodes have no relationships and no
// label any read looks at.
// $changes: [{at, atMs, by, operation, ids: [string], before: string|null, after: string|null}] —
//   before/after as JSON text; atMs is `at` as epoch milliseconds (what pruning compares)
MERGE (s:ChangeSequence {name: 'changes'})
SET s._lock = true
REMOVE s._lock
WITH s
SET s.value = coalesce(s.value, 0) + size($changes)
WITH s.value - size($changes) AS base
UNWIND range(0, size($changes) - 1) AS i
WITH base + i + 1 AS seq, $changes[i] AS c
CREATE (:Change {
  seq: seq, at: c.at, atMs: c.atMs, by: c.by, operation: c.operation, ids: c.ids,
  publicationId: c.ids[0], before: c.before, after: c.after
})
RETURN seq
