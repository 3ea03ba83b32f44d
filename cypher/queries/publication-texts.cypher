// One page of every publication's text, by id, for a retag to run the tagger over (a publication
// stored before languages were has none: it is `und`, as node.mapper.ts reads it).
// $after: string (the last id of the previous page; '' for the first), $limit: integer
MATCH (p:Publication)
WHERE p.id > $after
RETURN p.id AS id, p.title AS title, coalesce(p.abstract, '') AS abstract, p.sourceCategory AS sourceCategory,
  coalesce(p.language, 'und') AS language
ORDER BY p.id
LIMIT toInteger($limit)
