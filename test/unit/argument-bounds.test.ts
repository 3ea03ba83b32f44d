import {
  GraphQLError, getNullableType, isInputObjectType, isInterfaceType, isListType, isObjectType, parse, validate,
  type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { BadInputError } from '../../src/domain/errors';
import { encodeCursor } from '../../src/graphql/cursor';
import { formatError } from '../../src/graphql/errors';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { checkArgumentBounds } from '../../src/server/limits/argument-bounds';
import {
  ARGUMENT_BOUNDS, argumentBound, describeBound, inputFieldBound, MAX_CURSOR_LENGTH, MAX_FILTER_IDS, MAX_ID_LENGTH,
} from '../../src/server/limits/argument-bounds.table';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

/** Returns what checkArgumentBounds throws for a valid operation, or undefined when it passes. */
function refusal(query: string, variables: Record<string, unknown> = {}, operationName?: string): BadInputError | undefined {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  try {
    checkArgumentBounds(schema, document, operationName, variables);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return err as BadInputError;
  }
}

const ids = (n: number, id = 'Country:BD') => Array.from({ length: n }, () => id);
const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

describe('checkArgumentBounds on the real schema', () => {
  it('refuses 51 filter ids given as literals, naming filter.countries, and passes 50', () => {
    const err = refusal(`{ publications(filter: { countries: ${list(ids(51))} }) { totalCount } }`);
    expect(err?.argument).toBe('filter.countries');
    expect(err?.message).toBe('filter.countries: at most 50 items, got 51 (field publications)');
    expect(refusal(`{ publications(filter: { countries: ${list(ids(MAX_FILTER_IDS))} }) { totalCount } }`)).toBeUndefined();
  });

  it('refuses the same through a variable holding the whole input object, or only the list', () => {
    const whole = refusal('query($f: PublicationFilterInput) { facets(filter: $f) { total } }', { f: { countries: ids(250) } });
    expect(whole?.argument).toBe('filter.countries');
    expect(whole?.message).toContain('at most 50 items, got 250');
    const inner = refusal('query($c: [ID!]) { themeGraph(filter: { themes: $c }) { nodes { count } } }', { c: ids(51, 'gangs') });
    expect(inner?.argument).toBe('filter.themes');
    expect(refusal('query($c: [ID!]) { themeGraph(filter: { themes: $c }) { nodes { count } } }', { c: ids(50, 'gangs') })).toBeUndefined();
  });

  it('bounds strings of arguments and of nested input fields, literal or variable', () => {
    const long = 'x'.repeat(900_000);
    expect(refusal('query($n: String) { authors(nameContains: $n) { totalCount } }', { n: long })?.message)
      .toBe('nameContains: at most 200 characters, got 900000 (field authors)');
    expect(refusal('query($n: String) { authors(nameContains: $n) { totalCount } }', { n: 'x'.repeat(200) })).toBeUndefined();
    expect(refusal(`{ country(name: "${'y'.repeat(101)}") { id } }`)?.argument).toBe('name');
    expect(refusal(`{ country(name: "${'y'.repeat(100)}") { id } }`)).toBeUndefined();
    expect(refusal('query($id: ID!) { node(id: $id) { id } }', { id: 'z'.repeat(MAX_ID_LENGTH + 1) })?.message)
      .toBe(`id: at most ${MAX_ID_LENGTH} characters, got ${MAX_ID_LENGTH + 1} (field node)`);
    const text = refusal('query($t: String) { publications(filter: { text: $t, yearFrom: 2000 }) { totalCount } }', { t: 't'.repeat(201) });
    expect(text?.argument).toBe('filter.text');
    expect(text?.message).toContain('at most 200 characters, got 201');
  });

  it('bounds every item of a list of strings and says which item', () => {
    const err = refusal('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['Theme:gangs', 'w'.repeat(301)] });
    expect(err?.argument).toBe('ids');
    expect(err?.message).toBe('ids: at most 300 characters, got 301 (item 1, field nodes)');
    const nested = refusal(`{ publications(filter: { regions: ["Region:world", "${'r'.repeat(301)}"] }) { totalCount } }`);
    expect(nested?.argument).toBe('filter.regions');
    expect(nested?.message).toContain('item 1');
    // A single value where a list is expected is coerced to a list of one, and still checked.
    expect(refusal('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: 'w'.repeat(301) })?.message).toContain('item 0');
    expect(refusal(`{ nodes(ids: ${list(ids(101))}) { id } }`)?.message).toContain('at most 100 items, got 101');
  });

  it('bounds lists of enum values by the number of values', () => {
    const types = '[Author, Country, Publication, Region, Theme, Author]';
    expect(refusal(`{ search(query: "gangs", types: ${types}) { score } }`)?.message).toContain('types: at most 5 items, got 6');
    expect(refusal('{ paths(from: "Theme:gangs", to: "Country:BD", via: [ABOUT, ABOUT, ABOUT, ABOUT, ABOUT, ABOUT, ABOUT, ABOUT]) { length } }')?.argument).toBe('via');
    expect(refusal('{ publications(filter: { scope: [GLOBAL, GLOBAL, GLOBAL, GLOBAL] }) { totalCount } }')?.argument).toBe('filter.scope');
    expect(refusal('{ publications(filter: { scope: [GLOBAL, NATIONAL, REGIONAL] }) { totalCount } }')).toBeUndefined();
  });

  it('applies variable defaults', () => {
    const query = `query($q: String! = "${'q'.repeat(201)}") { search(query: $q) { score } }`;
    expect(refusal(query)?.message).toContain('query: at most 200 characters, got 201');
    expect(refusal(query, { q: 'gangs' })).toBeUndefined();
  });

  it('walks named fragments, nested fragments and inline fragments', () => {
    const err = refusal(`
      query($n: String) { ...A ... on Query { theme(id: "gangs") { id } } }
      fragment A on Query { authors(first: 1) { totalCount } ...B }
      fragment B on Query { ... { x: authors(nameContains: $n) { totalCount } } }`, { n: 'n'.repeat(201) });
    expect(err?.argument).toBe('nameContains');
    expect(err?.message).toContain('(field x)');
    expect(refusal(`{ ... on Query { node(id: "${'i'.repeat(301)}") { id } } }`)?.argument).toBe('id');
  });

  it('checks a fragment bomb once per fragment, quickly', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => (i === levels - 1
      ? `fragment F${i} on Query { search(query: $q) { score } }`
      : `fragment F${i} on Query { a: themes { id } ...F${i + 1} b: themes { id } ...F${i + 1} }`));
    const query = `query($q: String!) { ...F0 }\n${fragments.join('\n')}`;
    const started = performance.now();
    expect(refusal(query, { q: 'q'.repeat(201) })?.argument).toBe('query');
    expect(refusal(query, { q: 'gangs' })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names the field by its alias when two fields take the same argument', () => {
    const err = refusal(`{ a: search(query: "gangs") { score } b: search(query: "${'b'.repeat(201)}") { score } }`);
    expect(err?.argument).toBe('query');
    expect(err?.message).toContain('(field b)');
  });

  it('counts characters as code points, not UTF-16 units', () => {
    expect(refusal('query($q: String!) { search(query: $q) { score } }', { q: '😀'.repeat(200) })).toBeUndefined();
    expect(refusal('query($q: String!) { search(query: $q) { score } }', { q: '😀'.repeat(201) })?.message).toContain('got 201');
  });

  it('checks only the operation that will execute', () => {
    const document = `query Ok { search(query: "gangs") { score } } query Bad { search(query: "${'b'.repeat(201)}") { score } }`;
    expect(refusal(document, {}, 'Ok')).toBeUndefined();
    expect(refusal(document, {}, 'Bad')?.argument).toBe('query');
  });

  it('keeps refusing a cached document whose arguments are literals, and keeps checking variables', () => {
    const document = parse(`query($q: String!) { a: search(query: "${'a'.repeat(201)}") { score } b: search(query: $q) { score } }`);
    for (let i = 0; i < 2; i++) expect(() => checkArgumentBounds(schema, document, undefined, { q: 'ok' })).toThrow('query: at most 200 characters, got 201 (field a)');
    const ok = parse('query($q: String!) { a: search(query: "gangs") { score } b: search(query: $q) { score } }');
    expect(() => checkArgumentBounds(schema, ok, undefined, { q: 'ok' })).not.toThrow();
    expect(() => checkArgumentBounds(schema, ok, undefined, { q: 'b'.repeat(201) })).toThrow('(field b)');
  });

  it('bounds the introspection argument __type(name:)', () => {
    expect(refusal(`{ __type(name: "${'T'.repeat(201)}") { name } }`)?.argument).toBe('name');
  });

  it('throws an error that keeps BAD_USER_INPUT, the argument and status 400 when Apollo wraps it outside a resolver', () => {
    const err = refusal('query($n: String) { authors(nameContains: $n) { totalCount } }', { n: 'x'.repeat(201) })!;
    // What Apollo does with an error thrown by didResolveOperation (ensureGraphQLError).
    const wrapped = new GraphQLError(err.message, { originalError: err });
    expect(wrapped.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'nameContains', http: { status: 400 } });
    const formatted = formatError({ message: wrapped.message, extensions: { code: 'BAD_USER_INPUT' } }, wrapped, () => { throw new Error('not internal'); });
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'nameContains' });
    expect(formatted.message).toBe('nameContains: at most 200 characters, got 201 (field authors)');
  });
});

describe('the table of argument bounds', () => {
  const bounded = (type: GraphQLInputType): boolean => {
    const inner = getNullableType(type);
    if (isListType(inner)) return true;
    return 'name' in inner && (inner.name === 'String' || inner.name === 'ID');
  };

  /** Every argument and input field of the schema that takes a string or a list, with its bound and description. */
  function boundedElements() {
    const out: { key: string; items?: number; length?: number; description: string | null | undefined }[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args.filter((a) => bounded(a.type))) {
            out.push({ key: `${type.name}.${field.name}.${arg.name}`, ...argumentBound(type.name, field.name, arg), description: arg.description });
          }
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()).filter((f) => bounded(f.type))) {
          out.push({ key: `${type.name}.${field.name}`, ...inputFieldBound(type, field), description: field.description });
        }
      }
    }
    return out;
  }

  it('gives every list and string argument of the schema a maximum, and its description says it', () => {
    const elements = boundedElements();
    expect(elements.length).toBeGreaterThanOrEqual(29);
    for (const e of elements) {
      const listOrText = e.items ?? e.length;
      expect([e.key, Number.isInteger(listOrText) && listOrText! > 0]).toEqual([e.key, true]);
      expect([e.key, e.description?.endsWith(describeBound(e))]).toEqual([e.key, true]);
    }
    const byKey = Object.fromEntries(elements.map((e) => [e.key, { items: e.items, length: e.length }]));
    expect(byKey['PublicationFilterInput.countries']).toEqual({ items: 50, length: MAX_ID_LENGTH });
    expect(byKey['PublicationFilterInput.scope']).toEqual({ items: 3, length: undefined });
    expect(byKey['Query.nodes.ids']).toEqual({ items: 100, length: MAX_ID_LENGTH });
    expect(byKey['Query.neighborhood.ids'].items).toBe(50);
    expect(byKey['Query.search.query']).toEqual({ items: undefined, length: 200 });
    expect(byKey['Query.publications.after']).toEqual({ items: undefined, length: MAX_CURSOR_LENGTH });
    expect(byKey['Query.authors.after']).toEqual({ items: undefined, length: MAX_CURSOR_LENGTH });
  });

  it('keeps the existing descriptions and appends the maximum', () => {
    const countries = (schema.getType('PublicationFilterInput') as import('graphql').GraphQLInputObjectType).getFields().countries;
    expect(countries.description).toBe('Country ids or ISO alpha-2 codes (`Country:BD` or `BD`); publications covering them. At most 50 items, each at most 300 characters.');
    const search = schema.getQueryType()!.getFields().search.args.find((a) => a.name === 'query')!;
    expect(search.description).toBe('At most 200 characters.');
  });

  it('names only arguments and input fields that exist', () => {
    const keys = new Set(boundedElements().map((e) => e.key));
    const args = new Set([...keys].map((k) => k.split('.')).filter((p) => p.length === 3).map((p) => `*.${p[2]}`));
    for (const key of Object.keys(ARGUMENT_BOUNDS)) expect([key, keys.has(key) || args.has(key)]).toEqual([key, true]);
  });

  it('lets the longest real cursors through', () => {
    // A TITLE cursor carries the title (at most 500 characters on import) and the id.
    const id = `Publication:${'a'.repeat(96)}`;
    for (const title of ['漢'.repeat(500), '"'.repeat(500), '\u0001'.repeat(500)]) {
      expect(encodeCursor('TITLE_DESC', { sort: title, id }).length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    }
    expect(encodeCursor('NAME', { sort: 'é'.repeat(200), id: `Author:${'e'.repeat(200)}` }).length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
  });
});
