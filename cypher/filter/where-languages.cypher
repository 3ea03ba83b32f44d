// Keeps publications in any of the languages. $languages: [string] (ISO 639-1 or 'und'); a
// publication stored before languages were has none and is 'und', as node.mapper.ts reads it.
AND coalesce(p.language, 'und') IN $languages
