/**
 * A statement may hold blocks that only matter when a parameter is given:
 *
 *   // if $via: <why>
 *   WHERE all(r IN relationships(p) WHERE type(r) IN $via)
 *   // end if $via
 *
 * The block is kept when the parameter is given (not null, not an empty list) and dropped
 * otherwise, so the database never evaluates a predicate that cannot filter anything (inside a
 * shortest-path search, `size($via) = 0 OR …` is tested on every relationship it expands). The
 * value itself still travels as a parameter: only fixed text is kept or dropped.
 */
const BLOCK = /^[ \t]*\/\/ if \$(\w+)\b[^\n]*\n([\s\S]*?)^[ \t]*\/\/ end if \$\1\b[^\n]*(?:\n|$)/gm;

/** Returns the statement with each `// if $name` block kept or dropped by whether `params.name` is given. */
export function resolveConditionalBlocks(statement: string, params: Record<string, unknown>): string {
  // Every read passes through here; most statements have no block, so skip the regex for them.
  if (!statement.includes('// if $')) return statement;
  return statement.replace(BLOCK, (_all, name: string, body: string) => (given(params[name]) ? body : ''));
}

function given(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return !Array.isArray(value) || value.length > 0;
}
