// Anchor: the publications in the year range, from the range index on year (a missing bound is
// open; a publication without a year never matches). $yearFrom, $yearTo: number|null, not both null.
MATCH (p:Publication)
WHERE p.year >= coalesce($yearFrom, -2147483648) AND p.year <= coalesce($yearTo, 2147483647)
WITH p, 0.0 AS score
