// Returns the size of the filtered publication set and one page of it by lower-cased title (Z to A), ties by id.
// $text: string|null — Lucene query over publication_text (words already escaped); null = no text filter
// $themes, $countries, $regions, $authors: [string] ids; an empty list does not filter
// $includeMentions: boolean — `countries` also matches MENTIONS
// $yearFrom, $yearTo: number|null — inclusive bounds; a publication without a year never matches a bound
// $scopes: [string] — empty does not filter
// $languages: [string] — ISO 639-1 codes or 'und'; empty does not filter
// $afterSort: number|string|null, $afterId: string|null — the page starts strictly after this key ($afterId null = first page)
// $limit: number — rows wanted (first + 1, so the caller can tell whether another page follows)
// $withAuthors, $withCovers, $withMentions, $withThemes: true or null — each page row also carries
//   the publication's authors, listed places, named places or themes (read only for the page's rows)
// filter:begin — filled per request from cypher/filter/*.cypher (src/store/neo4j/filter-composer.ts):
// rows `p, score`, the publications the filter matches, starting from its most selective criterion
// filter:end
WITH collect({p: p, k: toLower(p.title), sort: p.title}) AS matched
RETURN size(matched) AS totalCount, COLLECT {
  UNWIND matched AS m
  WITH m WHERE $afterId IS NULL OR m.k < toLower($afterSort) OR (m.k = toLower($afterSort) AND m.p.id > $afterId)
  WITH m.p AS p, m.k AS k, m.sort AS sort
  ORDER BY k DESC, p.id LIMIT toInteger($limit)
  RETURN {props: p {.*}, sort: sort
    // if $withAuthors: the page's authors, as authors-of.cypher reads them
    , authors: COLLECT { MATCH (p)-[r:AUTHORED_BY]->(a:Author) RETURN a {.*} ORDER BY r.position, a.id }
    // end if $withAuthors
    // if $withCovers: the places the source lists, as places-of.cypher reads them for COVERS
    , covers: COLLECT {
      MATCH (p)-[:COVERS]->(x) WHERE x:Country OR x:Region
      WITH x, CASE WHEN x:Country THEN 'Country' ELSE 'Region' END AS type
      RETURN {type: type, props: x {.*}} ORDER BY type, toLower(x.name), x.id
    }
    // end if $withCovers
    // if $withMentions: the places the text names, as places-of.cypher reads them for MENTIONS
    , mentions: COLLECT {
      MATCH (p)-[:MENTIONS]->(x) WHERE x:Country OR x:Region
      WITH x, CASE WHEN x:Country THEN 'Country' ELSE 'Region' END AS type
      RETURN {type: type, props: x {.*}} ORDER BY type, toLower(x.name), x.id
    }
    // end if $withMentions
    // if $withThemes: the themes with score, evidence and writer, as themes-of.cypher reads them
    , themes: COLLECT {
      MATCH (p)-[r:ABOUT]->(t:Theme)
      OPTIONAL MATCH (p)-[d:DECIDED {decision: 'CONFIRMED'}]->(t)
      RETURN {theme: t {.*}, score: r.score, evidence: r.evidence, by: r.by, at: r.at, curator: CASE WHEN d IS NULL THEN null ELSE d {.by, .at, .note} END}
      ORDER BY r.score DESC, t.id
    }
    // end if $withThemes
  }
} AS page
