import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** Returns the schema's SDL, types sorted by name so the committed file diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema:emit\`; do not edit. \`npm run schema:check\` fails when stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
