// Returns each publication's authors in listed order (AUTHORED_BY.position).
// $ids: [string] publication ids
UNWIND $ids AS id
MATCH (p:Publication {id: id})
RETURN id, COLLECT {
  MATCH (p)-[r:AUTHORED_BY]->(a:Author)
  RETURN a {.*} ORDER BY r.position, a.id
} AS items
