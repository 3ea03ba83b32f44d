/**
 * Type definitions for the @neo4j/graphql 7 comparison server: the same model as this server's
 * (publications, authors, countries, regions, themes and their relationships). Where
 * @neo4j/graphql has no built-in equivalent (group-by counts, co-occurrence, facets, shortest
 * paths, the theme × country matrix, breadth-first neighbourhoods, typeahead ranked by label
 * length) a field is an @cypher statement, as a user of that library would write it.
 */
export const NEO4J_GRAPHQL_TYPEDEFS = /* GraphQL */ `
  type AuthoredBy @relationshipProperties {
    position: Int!
  }

  type About @relationshipProperties {
    score: Float!
    evidence: [String!]!
  }

  type Publication @node {
    id: ID!
    title: String!
    abstract: String!
    year: Int
    scope: String!
    sourceCategory: String
    authors: [Author!]! @relationship(type: "AUTHORED_BY", direction: OUT, properties: "AuthoredBy")
    countries: [Country!]! @relationship(type: "COVERS", direction: OUT)
    regions: [Region!]! @relationship(type: "COVERS", direction: OUT)
    mentions: [Country!]! @relationship(type: "MENTIONS", direction: OUT)
    themes: [Theme!]! @relationship(type: "ABOUT", direction: OUT, properties: "About")
  }

  type Author @node {
    id: ID!
    name: String!
    publications: [Publication!]! @relationship(type: "AUTHORED_BY", direction: IN, properties: "AuthoredBy")
  }

  type ThemeCount {
    themeId: ID!
    count: Int!
  }

  type RelatedTheme {
    themeId: ID!
    count: Int!
    jaccard: Float!
    lift: Float!
  }

  type YearCount {
    year: Int!
    count: Int!
  }

  type ScopeCount {
    scope: String!
    count: Int!
  }

  type Facets {
    total: Int!
    themes: [ThemeCount!]!
    years: [YearCount!]!
    scopes: [ScopeCount!]!
  }

  type PathIds {
    length: Int!
    nodeIds: [ID!]!
  }

  type MatrixCellCount {
    themeId: ID!
    countryId: ID!
    count: Int!
  }

  type CountryMatrix {
    themeIds: [ID!]!
    countryIds: [ID!]!
    "The non-zero cells; the reader lays out the zeros."
    cells: [MatrixCellCount!]!
    publicationCount: Int!
  }

  type SubgraphNodeIds {
    id: ID!
    type: String!
    label: String!
    degree: Int!
    distance: Int!
  }

  type SubgraphEdgeIds {
    id: ID!
    source: ID!
    target: ID!
    type: String!
    weight: Float!
  }

  type SubgraphIds {
    nodes: [SubgraphNodeIds!]!
    edges: [SubgraphEdgeIds!]!
    truncated: Boolean!
  }

  type SuggestionIds {
    id: ID!
    type: String!
    label: String!
    rank: Int!
  }

  type Country @node {
    id: ID!
    iso2: String!
    iso3: String!
    m49: String
    name: String!
    region: [Region!]! @relationship(type: "IN_REGION", direction: OUT)
    publications: [Publication!]! @relationship(type: "COVERS", direction: IN)
    "Themes of the publications covering the country, with counts (group-by: no built-in equivalent)."
    themeCounts: [ThemeCount!]!
      @cypher(
        statement: """
        MATCH (this)<-[:COVERS]-(p:Publication)-[:ABOUT]->(t:Theme)
        WITH t, count(DISTINCT p) AS n ORDER BY n DESC, t.id
        RETURN {themeId: t.id, count: n} AS result
        """
        columnName: "result"
      )
  }

  type Region @node {
    id: ID!
    name: String!
    m49: String
    level: String!
    parent: [Region!]! @relationship(type: "PART_OF", direction: OUT)
    countries: [Country!]! @relationship(type: "IN_REGION", direction: IN)
  }

  type Theme @node {
    id: ID!
    slug: String!
    name: String!
    description: String!
    broader: [Theme!]! @relationship(type: "BROADER", direction: OUT)
    narrower: [Theme!]! @relationship(type: "BROADER", direction: IN)
    publications: [Publication!]! @relationship(type: "ABOUT", direction: IN, properties: "About")
    "Co-occurring themes with count, Jaccard and lift (no built-in equivalent)."
    relatedThemes(first: Int! = 10): [RelatedTheme!]!
      @cypher(
        statement: """
        WITH this AS a, COUNT { (this)<-[:ABOUT]-(:Publication) } AS sizeA, COUNT { (:Publication) } AS total
        MATCH (a)<-[:ABOUT]-(p:Publication)-[:ABOUT]->(b:Theme)
        WHERE b <> a
        WITH b, count(DISTINCT p) AS n, sizeA, total
        WITH b, n, sizeA, total, COUNT { (b)<-[:ABOUT]-(:Publication) } AS sizeB
        WITH b, n, round(toFloat(n) / (sizeA + sizeB - n), 4) AS jaccard, round(toFloat(n) * total / (sizeA * sizeB), 4) AS lift
        ORDER BY n DESC, jaccard DESC, b.id LIMIT $first
        RETURN {themeId: b.id, count: n, jaccard: jaccard, lift: lift} AS result
        """
        columnName: "result"
      )
  }

  type Query {
    "Facet counts over the publications from a year on (no built-in equivalent)."
    facets(yearFrom: Int!, first: Int! = 20): Facets!
      @cypher(
        statement: """
        MATCH (p:Publication) WHERE p.year >= $yearFrom
        WITH collect(p) AS pubs
        CALL (pubs) {
          UNWIND pubs AS p
          MATCH (p)-[:ABOUT]->(t:Theme)
          WITH t, count(DISTINCT p) AS n ORDER BY n DESC, t.id LIMIT $first
          RETURN collect({themeId: t.id, count: n}) AS themes
        }
        CALL (pubs) {
          UNWIND pubs AS p
          WITH p.year AS year, count(*) AS n ORDER BY year
          RETURN collect({year: year, count: n}) AS years
        }
        CALL (pubs) {
          UNWIND pubs AS p
          WITH p.scope AS scope, count(*) AS n ORDER BY n DESC, scope
          RETURN collect({scope: scope, count: n}) AS scopes
        }
        RETURN {total: size(pubs), themes: themes, years: years, scopes: scopes} AS result
        """
        columnName: "result"
      )
    "Shortest paths between two nodes, either direction (no built-in equivalent)."
    shortestPaths(from: ID!, to: ID!, maxHops: Int! = 4, first: Int! = 3): [PathIds!]!
      @cypher(
        statement: """
        MATCH (a:Theme {id: $from}), (b:Country {id: $to})
        MATCH p = allShortestPaths((a)-[*..6]-(b))
        WITH p WHERE length(p) <= $maxHops
        WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT $first
        RETURN {length: length(p), nodeIds: [n IN nodes(p) | n.id]} AS result
        """
        columnName: "result"
      )
    "Publication counts per theme and covering country from a year on, rows and columns in the order asked (group-by: no built-in equivalent)."
    countryMatrix(themes: [ID!]!, countries: [ID!]!, yearFrom: Int!): CountryMatrix!
      @cypher(
        statement: """
        CALL () {
          UNWIND range(0, size($themes) - 1) AS i
          MATCH (t:Theme {id: $themes[i]})
          WITH i, t ORDER BY i
          RETURN collect(t.id) AS themeIds
        }
        CALL () {
          UNWIND range(0, size($countries) - 1) AS i
          MATCH (c:Country {id: $countries[i]})
          WITH i, c ORDER BY i
          RETURN collect(c.id) AS countryIds
        }
        CALL () {
          MATCH (c:Country)<-[:COVERS]-(p:Publication)-[:ABOUT]->(t:Theme)
          WHERE c.id IN $countries AND t.id IN $themes AND p.year >= $yearFrom
          WITH p, collect(DISTINCT {themeId: t.id, countryId: c.id}) AS hits
          WITH count(p) AS publicationCount, collect(hits) AS perPublication
          CALL (perPublication) {
            UNWIND perPublication AS hits
            UNWIND hits AS hit
            WITH hit.themeId AS themeId, hit.countryId AS countryId, count(*) AS n
            RETURN collect({themeId: themeId, countryId: countryId, count: n}) AS cells
          }
          RETURN publicationCount, cells
        }
        RETURN {themeIds: themeIds, countryIds: countryIds, cells: cells, publicationCount: publicationCount} AS result
        """
        columnName: "result"
      )
    "The subgraph two hops around a theme, breadth-first, the first $limit nodes by (distance, id) (no built-in equivalent)."
    neighborhood(id: ID!, limit: Int! = 200): SubgraphIds!
      @cypher(
        statement: """
        MATCH (s:Theme {id: $id})
        CALL (s) {
          MATCH (s)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-(m)
          WITH DISTINCT m ORDER BY m.id
          RETURN collect(m) AS level1
        }
        CALL (s, level1) {
          WITH s, level1 WHERE 1 + size(level1) <= $limit
          UNWIND level1 AS n
          MATCH (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-(m)
          WHERE m <> s AND NOT m IN level1
          WITH DISTINCT m ORDER BY m.id
          RETURN collect(m) AS level2
        }
        WITH [s] + level1 + level2 AS found, size(level1) AS near
        WITH found[0..toInteger($limit)] AS kept, size(found) > $limit AS truncated, near
        CALL (kept, near) {
          UNWIND range(0, size(kept) - 1) AS i
          WITH kept[i] AS n, CASE WHEN i = 0 THEN 0 WHEN i <= near THEN 1 ELSE 2 END AS distance
          RETURN collect({
            id: n.id, type: head([l IN labels(n) WHERE l IN ['Publication', 'Author', 'Country', 'Region', 'Theme']]),
            label: coalesce(n.title, n.name), distance: distance,
            degree: COUNT { (n)-[:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]-() }
          }) AS nodes
        }
        CALL (kept) {
          UNWIND kept AS a
          MATCH (a)-[r:AUTHORED_BY|COVERS|MENTIONS|ABOUT|IN_REGION|PART_OF|BROADER]->(b) WHERE b IN kept
          WITH a.id + '|' + type(r) + '|' + b.id AS id, a.id AS source, b.id AS target, type(r) AS type,
            CASE type(r) WHEN 'ABOUT' THEN r.score ELSE 1 END AS weight
          ORDER BY id
          RETURN collect({id: id, source: source, target: target, type: type, weight: weight}) AS edges
        }
        RETURN {nodes: nodes, edges: edges, truncated: truncated} AS result
        """
        columnName: "result"
      )
    "Typeahead over the folded labels (searchKey) of every node type; key is the prefix folded by the client (no built-in equivalent: the order is by label length)."
    suggest(key: String!, first: Int! = 10): [SuggestionIds!]!
      @cypher(
        statement: """
        CALL () {
          MATCH (n:Publication) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
          RETURN n, 'Publication' AS type, n.title AS label
          ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT $first
          UNION ALL
          MATCH (n:Author) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
          RETURN n, 'Author' AS type, n.name AS label
          ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT $first
          UNION ALL
          MATCH (n:Country) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
          RETURN n, 'Country' AS type, n.name AS label
          ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT $first
          UNION ALL
          MATCH (n:Region) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
          RETURN n, 'Region' AS type, n.name AS label
          ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT $first
          UNION ALL
          MATCH (n:Theme) WHERE n.searchKey STARTS WITH $key OR n.searchKey CONTAINS ' ' + $key
          RETURN n, 'Theme' AS type, n.name AS label
          ORDER BY CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END, size(label), n.searchKey, n.id LIMIT $first
        }
        WITH n, type, label, CASE WHEN n.searchKey STARTS WITH $key THEN 0 ELSE 1 END AS rank
        ORDER BY rank, size(label), n.searchKey, n.id LIMIT $first
        RETURN {id: n.id, type: type, label: label, rank: rank} AS result
        """
        columnName: "result"
      )
  }
`;
