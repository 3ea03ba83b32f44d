// Returns the themes co-occurring with each theme on publications (both ABOUT links direct), with
// count, jaccard = count / (|A| + |B| - count) and lift = count * N / (|A| * |B|) (N: all
// publications), both rounded to 4 decimals; by count desc, rounded jaccard desc, id asc.
// $ids: [string] theme ids
// $first: number — themes per theme
UNWIND $ids AS id
MATCH (a:Theme {id: id})
// ABOUT only joins a publication to a theme, once per pair: theme sizes are relationship degrees
// (no label test per publication) and each co-occurring publication is counted once by count(*).
WITH id, a, COUNT { (a)<-[:ABOUT]-() } AS sizeA, COUNT { (:Publication) } AS total
RETURN id, COLLECT {
  MATCH (a)<-[:ABOUT]-(p)-[:ABOUT]->(b)
  WHERE b <> a
  WITH b, count(*) AS n
  WITH b, n, COUNT { (b)<-[:ABOUT]-() } AS sizeB
  WITH b, n, round(toFloat(n) / (sizeA + sizeB - n), 4) AS jaccard, round(toFloat(n) * total / (sizeA * sizeB), 4) AS lift
  RETURN {theme: b {.*}, count: n, jaccard: jaccard, lift: lift} ORDER BY n DESC, jaccard DESC, b.id LIMIT toInteger($first)
} AS items
