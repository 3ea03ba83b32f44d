import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSortedSchema } from '../src/graphql/print-schema';
import { buildGraphQLSchema } from '../src/graphql/schema';

/** Writes schema/schema.graphql from the code, or with --check fails when the committed file differs. */
async function main(): Promise<void> {
  const file = join(__dirname, '..', '..', 'schema', 'schema.graphql');
  const sdl = printSortedSchema(await buildGraphQLSchema());
  if (process.argv.includes('--check')) {
    const committed = readFileSync(file, 'utf8');
    if (committed !== sdl) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema:emit` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql is up to date\n');
    return;
  }
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${file}\n`);
}

void main();
