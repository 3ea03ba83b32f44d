// Returns the country with the given id, ISO code or folded name; the caller sets exactly one
// parameter, the others are null and match nothing. Each branch is an index seek.
// $id: string|null
// $iso2: string|null — upper case
// $iso3: string|null — upper case
// $nameKey: string|null — the name folded as Country.nameKey is (src/store/fold.ts)
CALL () {
  MATCH (c:Country {id: $id}) RETURN c
  UNION
  MATCH (c:Country {iso2: $iso2}) RETURN c
  UNION
  MATCH (c:Country {iso3: $iso3}) RETURN c
  UNION
  MATCH (c:Country {nameKey: $nameKey}) RETURN c
}
RETURN c {.*} AS props ORDER BY c.id LIMIT 1
