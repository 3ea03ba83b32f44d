/**
 * Type definitions for the @neo4j/graphql 7 comparison server: the same model as this server's
 * (publications, authors, countries, regions, themes and their relationships). Where
 * @neo4j/graphql has no built-in equivalent (group-by counts, co-occurrence, facets, shortest
 * paths) a field is an @cypher statement, as a user of that library would write it.
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
  }
`;
