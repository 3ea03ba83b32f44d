/**
 * The GraphQL operations the exports send to `/graphql`, so that an export is exactly what the
 * public API answers, under the same limits, budgets and access rules (export.route.ts).
 */

export const THEME_NETWORK = `query ExportThemeNetwork($filter: PublicationFilterInput, $minCount: Int!) {
  themeGraph(filter: $filter, minCount: $minCount) {
    nodes { count theme { id slug name } }
    edges { source target count jaccard lift }
  }
}`;

export const NEIGHBORHOOD = `query ExportNeighborhood($ids: [ID!]!, $depth: Int!, $limit: Int!) {
  neighborhood(ids: $ids, depth: $depth, limit: $limit) {
    truncated
    nodes { id label type degree distance }
    edges { id source target type weight }
  }
}`;

/** Publications per page of a CSV export (the API's largest page). */
export const PUBLICATIONS_PAGE = 100;

export const PUBLICATIONS = `query ExportPublications($filter: PublicationFilterInput, $after: String) {
  publications(filter: $filter, first: ${PUBLICATIONS_PAGE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id title year scope sourceCategory
      countries { iso3 name }
      regions { name }
      authors { name }
      themes { score theme { slug } }
    }
  }
}`;

export const MATRIX = `query ExportMatrix($filter: PublicationFilterInput, $placeLevel: PlaceLevel!) {
  themeMatrix(filter: $filter, placeLevel: $placeLevel) {
    columns { total place { ... on Country { id name } ... on Region { id name } } }
    rows { total counts theme { slug name } }
  }
}`;
