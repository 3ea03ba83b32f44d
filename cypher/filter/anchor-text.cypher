// Anchor: the full-text hits, with their Lucene score. $text: Lucene query (words already escaped).
CALL db.index.fulltext.queryNodes('publication_text', $text) YIELD node AS p, score
