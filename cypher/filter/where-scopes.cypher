// Keeps publications of any of the scopes. $scopes: [string].
AND p.scope IN $scopes
