// Returns the graph version: the sum of the GraphVersion counters every write moves in its own
// transaction (bump-graph-version.cypher); one row, 0 on a graph never written. No parameters.
MATCH (v:GraphVersion)
RETURN sum(v.version) AS version
