// Returns the nodes with the given ids, with their label, in no particular order.
// $ids: [string]
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Publication {id: id}) RETURN n, 'Publication' AS type
  UNION MATCH (n:Author {id: id}) RETURN n, 'Author' AS type
  UNION MATCH (n:Country {id: id}) RETURN n, 'Country' AS type
  UNION MATCH (n:Region {id: id}) RETURN n, 'Region' AS type
  UNION MATCH (n:Theme {id: id}) RETURN n, 'Theme' AS type
}
RETURN type, n {.*} AS props
