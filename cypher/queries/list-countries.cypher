// Returns the countries by name (case ignored), then id: all of them, or only those a publication covers (or mentions).
// $all: boolean
// $includeMentions: boolean
MATCH (c:Country)
WHERE $all OR EXISTS { (c)<-[r:COVERS|MENTIONS]-(:Publication) WHERE type(r) = 'COVERS' OR $includeMentions }
RETURN c {.*} AS props ORDER BY toLower(c.name), c.id
