import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { printSortedSchema } from '../../src/graphql/print-schema';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(await buildGraphQLSchema())).toBe(committed);
  });

  it('exposes every entity through the Node interface', async () => {
    const schema = await buildGraphQLSchema();
    const implementations = schema.getImplementations(schema.getType('Node') as never).objects.map((t) => t.name).sort();
    expect(implementations).toEqual(['Author', 'Country', 'Publication', 'Region', 'Theme']);
  });
});
