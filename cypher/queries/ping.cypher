// Returns one row without touching the graph: the readiness check (GraphStore.ping). No parameters.
RETURN 1 AS ok
