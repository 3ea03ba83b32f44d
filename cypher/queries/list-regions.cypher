// Returns every region: World first, then by level (REGION, SUBREGION, INTERMEDIATE, CUSTOM), name (case ignored) and id.
MATCH (r:Region)
RETURN r {.*} AS props
ORDER BY CASE r.level WHEN 'WORLD' THEN 0 WHEN 'REGION' THEN 1 WHEN 'SUBREGION' THEN 2 WHEN 'INTERMEDIATE' THEN 3 ELSE 4 END, toLower(r.name), r.id
