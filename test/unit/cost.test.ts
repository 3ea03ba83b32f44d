import 'reflect-metadata';
import { getNamedType, isLeafType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { estimateCost, expandedSelections, MAX_EVALUATED_SELECTIONS, measureShape } from '../../src/server/limits/operation-measure';

describe('the cost model', () => {
  let schema: GraphQLSchema;
  const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
    estimateCost(schema, parse(query), operationName, variables);

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
  });

  it('prices every list field of the schema beside the field (its decorator)', () => {
    const unpriced: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        const list = field.type.toString().includes('[');
        if (list && !isLeafType(named) && field.extensions.complexity === undefined) unpriced.push(`${type.name}.${field.name}`);
      }
    }
    expect(unpriced).toEqual([]);
  });

  it('gives the README worked example its documented cost', () => {
    // theme (store object: 2 + 1) + publications (container: 2 + 1 + ⌈5300 × 10/100⌉)
    // nodes: 100 × (1 + authors (2 + 50 × (1 + 0))) = 5300
    expect(cost('{ theme(id: "gangs") { name publications(first: 10) { totalCount nodes { title authors { name } } } } }')).toBe(536);
  });

  it('costs scalars nothing and objects one', () => {
    expect(cost('{ __typename }')).toBe(0);
    expect(cost('{ theme(id: "gangs") { id name slug } }')).toBe(3);
    expect(cost('{ theme(id: "gangs") { broader { name } } }')).toBe(3 + 3);
  });

  it('multiplies a list by its first, and by its documented maximum without one', () => {
    const ten = cost('{ author(id: "a") { coauthors(first: 10) { count } } }');
    const hundred = cost('{ author(id: "a") { coauthors(first: 100) { count } } }');
    expect(ten).toBe(3 + 2 + 10);
    expect(hundred).toBe(3 + 2 + 100);
    expect(cost('{ themes { name } }')).toBe(2 + 50);
  });

  it('takes `first` and list lengths from variables as from literals', () => {
    const query = 'query Q($n: Int!) { author(id: "a") { coauthors(first: $n) { count } } }';
    expect(cost(query, { n: 10 })).toBe(cost('{ author(id: "a") { coauthors(first: 10) { count } } }'));
    expect(cost('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(2 + 3);
  });

  it('counts aliases, fragments and inline fragments as they execute', () => {
    const one = cost('{ themes { name } }');
    expect(cost('{ a: themes { name } b: themes { name } }')).toBe(2 * one);
    expect(cost('{ ...F } fragment F on Query { themes { name } }')).toBe(one);
    expect(cost('{ ... on Query { themes { name } } }')).toBe(one);
    expect(cost('{ a: themes { ...T } b: themes { ...T } } fragment T on Theme { name broader { name } }')).toBe(2 * (2 + 50 * (1 + 3)));
  });

  it('counts the selections the walk visits, each fragment once, and refuses a fragment bomb without walking it', () => {
    // What graphql-query-complexity counts against maxQueryNodes: every selection it visits.
    const walked = (query: string) => {
      let visited = 0;
      getComplexity({ schema, query: parse(query), variables: {}, estimators: [(args) => { visited++; return simpleEstimator({ defaultComplexity: 0 })(args); }] });
      return visited;
    };
    for (const query of [
      '{ themes { name broader { name } } }',
      '{ a: themes { ...T } b: themes { ...T } } fragment T on Theme { name broader { name ...U } } fragment U on Theme { id }',
      '{ node(id: "x") { ... on Theme { name } ... on Publication { title authors { name } } } }',
    ]) {
      // Fields are what the estimators see; spreads and inline fragments are selections too.
      const selections = (query.match(/\.\.\./g) ?? []).length;
      expect(expandedSelections(parse(query))).toBeGreaterThanOrEqual(walked(query));
      expect(expandedSelections(parse(query))).toBeLessThanOrEqual(walked(query) + 2 * selections);
    }
    const bomb = `{ ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ${i === 19 ? 'themes { name }' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`;
    expect(expandedSelections(parse(bomb))).toBe(MAX_EVALUATED_SELECTIONS);
    expect(() => cost(bomb)).toThrow('maximum allowed number of nodes');
    // Just under the bound: 2^11 spreads of one field stay priced.
    const wide = `{ ...F0 } ${Array.from({ length: 11 }, (_, i) => `fragment F${i} on Query { ${i === 10 ? '__typename' : `...F${i + 1} ...F${i + 1}`} }`).join(' ')}`;
    expect(expandedSelections(parse(wide))).toBeLessThan(MAX_EVALUATED_SELECTIONS);
    expect(cost(wide)).toBe(0);
  });

  it('prices an abstract selection at its most expensive possible type', () => {
    const asTheme = cost('{ node(id: "Theme:gangs") { ... on Theme { narrower { name } } } }');
    const asPublication = cost('{ node(id: "Theme:gangs") { ... on Publication { authors { name } } } }');
    const both = cost('{ node(id: "Theme:gangs") { ... on Theme { narrower { name } } ... on Publication { authors { name } } } }');
    expect(both).toBe(Math.max(asTheme, asPublication));
  });

  it('honours @skip and @include', () => {
    const query = 'query S($skip: Boolean!) { themes @skip(if: $skip) { name } }';
    expect(cost(query, { skip: true })).toBe(0);
    expect(cost(query, { skip: false })).toBe(2 + 50);
  });

  it('prices the exploration fields from their bounding arguments', () => {
    const neighborhood = (limit: number, depth: number) => cost(`{ neighborhood(ids: ["Theme:gangs"], depth: ${depth}, limit: ${limit}) { nodes { id } edges { id } } }`);
    expect(neighborhood(2000, 3)).toBeGreaterThan(10 * neighborhood(100, 3));
    expect(neighborhood(200, 3)).toBeGreaterThan(neighborhood(200, 1));
    const paths = (first: number, maxHops: number) => cost(`{ paths(from: "Theme:gangs", to: "Country:BD", first: ${first}, maxHops: ${maxHops}) { nodes { id } } }`);
    expect(paths(20, 6)).toBeGreaterThan(paths(3, 4));
    const facets = (first: number) => cost(`{ facets(first: ${first}) { themes { theme { name } count } countries { country { name } count } } }`);
    expect(facets(100)).toBeGreaterThan(4 * facets(20));
    const matrix = cost('{ themeMatrix(themes: ["gangs", "covid-19"], places: ["BD", "IN", "NP"]) { cells { count } } }');
    const fullMatrix = cost('{ themeMatrix(placeLevel: COUNTRY) { cells { count } } }');
    expect(fullMatrix).toBeGreaterThan(10 * matrix);
    expect(cost('{ suggest(prefix: "ga", first: 50) { id } }')).toBeGreaterThan(cost('{ suggest(prefix: "ga", first: 5) { id } }'));
    expect(cost('{ search(query: "gangs", first: 50) { score } }')).toBeGreaterThan(cost('{ search(query: "gangs", first: 5) { score } }'));
    expect(cost('{ themeGraph { nodes { count } edges { count } } }')).toBeGreaterThan(1000);
  });

  it('prices the shapes that used to take the server down far past the default limit', () => {
    const coauthors = (levels: number) => {
      let inner = 'name';
      for (let i = 0; i < levels; i++) inner = `coauthors(first: 100) { author { ${inner} } }`;
      return `{ author(id: "Author:a") { ${inner} } }`;
    };
    expect(cost(coauthors(3))).toBeGreaterThan(1_000_000);
    expect(cost(coauthors(5))).toBeGreaterThan(1e9);
    expect(cost('{ theme(id: "gangs") { publications(first: 100) { nodes { authors { publications(first: 100) { nodes { themes { theme { name } } } } } } } } }')).toBeGreaterThan(1e6);
  });

  it('measures depth, aliases and directives with fragments expanded', () => {
    const shape = measureShape(schema, parse('{ a: theme(id: "x") { ...F } b: theme(id: "y") @include(if: true) { name } } fragment F on Theme { broader { broader { name @skip(if: false) } } }'));
    expect(shape).toEqual({ depth: 4, aliases: 2, directives: 2 });
    expect(measureShape(schema, parse('{ __schema { types { fields { type { name } } } } }')).depth).toBe(0);
  });
});
