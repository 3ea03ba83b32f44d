import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, Lexer, Source, TokenKind, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode, type ValidationRule } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { defaultCost } from '../../graphql/cost';

/** The static shape of a document: how deep, how many aliases and directives (fragments expanded). */
export interface DocumentShape {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
}

/** Fields of the introspection types are answered from the schema in memory and cost nothing;
 * their recursion is bounded by graphql-js's own MaxIntrospectionDepthRule. */
const introspectionCost: ComplexityEstimator = ({ type, field }) =>
  type.name.startsWith('__') || field.name.startsWith('__') ? 0 : undefined;

const ESTIMATORS: ComplexityEstimator[] = [introspectionCost, fieldExtensionsEstimator(), defaultCost];

/** Selections the cost walk may visit, fragments expanded, before it gives up (a fragment bomb). */
export const MAX_EVALUATED_SELECTIONS = 5_000;

const shapes = new WeakMap<DocumentNode, DocumentShape>();
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 64;

/**
 * Returns the depth, aliases and directives of a validated document, measured by graphql-armor's
 * rules (max-depth 2.4.2 and later fix the fragment-cache and `__schema` bypasses) with no limit
 * of their own: the comparison with our limits is ours, so refusals carry our codes and numbers.
 * Cached per parsed document (Apollo hands the same DocumentNode for a repeated query).
 */
export function measureShape(schema: GraphQLSchema, document: DocumentNode): DocumentShape {
  const known = shapes.get(document);
  if (known) return known;
  let depth = 0;
  let aliases = 0;
  let directives = 0;
  const rules: ValidationRule[] = [
    maxDepthRule({ n: Number.MAX_SAFE_INTEGER, ignoreIntrospection: true, flattenFragments: true, onAccept: [(_c, d) => { depth = Math.max(depth, d.n); }] }),
    maxAliasesRule({ n: Number.MAX_SAFE_INTEGER, onAccept: [(_c, d) => { aliases = Math.max(aliases, d.n); }] }),
    maxDirectivesRule({ n: Number.MAX_SAFE_INTEGER, onAccept: [(_c, d) => { directives = Math.max(directives, d.n); }] }),
  ];
  validate(schema, document, rules);
  const shape = { depth, aliases, directives };
  shapes.set(document, shape);
  return shape;
}

/**
 * Returns the estimated cost of the operation with these variables (graphql-query-complexity over
 * the prices in the fields' decorators; fragments, inline fragments, abstract types and aliases
 * counted as they execute, `@skip`/`@include` honoured). Throws a GraphQLError when the walk would
 * pass MAX_EVALUATED_SELECTIONS.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, variables: Record<string, unknown> | undefined): number {
  const key = `${operationName ?? ''}\u0000${variables ? costKey(variables) : ''}`;
  let perDocument = costs.get(document);
  const known = perDocument?.get(key);
  if (known !== undefined) return known;
  // A fragment bomb is refused from a count over the document itself (each fragment counted once),
  // before the walk would spread it thousands of times.
  if (expandedSelections(document) >= MAX_EVALUATED_SELECTIONS) throw new GraphQLError(TOO_MANY_NODES);
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables: variables ?? {},
    estimators: ESTIMATORS,
    maxQueryNodes: MAX_EVALUATED_SELECTIONS,
  });
  if (!perDocument) costs.set(document, (perDocument = new Map()));
  if (perDocument.size >= COSTS_PER_DOCUMENT) perDocument.clear();
  perDocument.set(key, cost);
  return cost;
}

/** graphql-query-complexity's message when its walk passes `maxQueryNodes`. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

const expanded = new WeakMap<DocumentNode, number>();

/**
 * Returns how many selections the cost walk would visit in the document's largest operation, with
 * fragments spread: each selection counts one, as graphql-query-complexity counts it (before
 * `@skip`/`@include`, so this is never below the walk's own count). Linear in the document: a
 * fragment's count is computed once however often it is spread. Validation has already refused
 * fragment cycles; a cycle here counts as over the limit.
 */
export function expandedSelections(document: DocumentNode): number {
  const known = expanded.get(document);
  if (known !== undefined) return known;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const perFragment = new Map<string, number>();
  const visiting = new Set<string>();
  const countSet = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let n = 0;
    for (const selection of set.selections) {
      n += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD) n += countFragment(selection.name.value);
      else n += countSet(selection.selectionSet);
      if (n >= MAX_EVALUATED_SELECTIONS) return MAX_EVALUATED_SELECTIONS;
    }
    return n;
  };
  const countFragment = (name: string): number => {
    const done = perFragment.get(name);
    if (done !== undefined) return done;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    if (visiting.has(name)) return MAX_EVALUATED_SELECTIONS;
    visiting.add(name);
    const n = countSet(fragment.selectionSet);
    visiting.delete(name);
    perFragment.set(name, n);
    return n;
  };
  let largest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) largest = Math.max(largest, countSet(definition.selectionSet));
  }
  expanded.set(document, largest);
  return largest;
}

/**
 * Returns what of the variables a price can depend on: numbers, booleans (`@skip`/`@include`),
 * list lengths and short strings (enum values); a long string (a cursor, a search text) counts
 * only as present. Requests that differ only in a cursor share one cached estimate.
 */
export function costKey(value: unknown): string {
  if (value === null || value === undefined) return '_';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.length <= 32 ? JSON.stringify(value) : '#';
  if (Array.isArray(value)) {
    // Lengths matter; so do the items when they are objects (their own lists may be priced).
    return value.length && typeof value[0] === 'object' ? `[${value.map(costKey).join(',')}]` : `[${value.length}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${k}:${costKey((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return '?';
}

/** Counts a document's lexical tokens, stopping after `atMost` (what the parser counts for maxTokens). */
export function countTokens(query: string, atMost: number): number {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (tokens <= atMost && lexer.advance().kind !== TokenKind.EOF) tokens++;
  } catch {
    // A lexing error ends the count; the parser reports the error itself.
  }
  return tokens;
}
