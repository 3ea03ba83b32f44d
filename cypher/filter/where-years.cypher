// Keeps publications in the year range ($yearFrom, $yearTo: number|null; a missing bound is open).
AND ($yearFrom IS NULL OR p.year >= $yearFrom) AND ($yearTo IS NULL OR p.year <= $yearTo)
