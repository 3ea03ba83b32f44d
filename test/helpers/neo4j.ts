import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import.command';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { seedListingPath } from './seed';

/** Returns a `describe` that runs when the suite has a Neo4j, and skips (the setup already said why, loudly) when not. */
export const describeNeo4j: jest.Describe = process.env.KG_NEO4J_SKIP ? describe.skip : describe;

/** Returns a runner for the suite's Neo4j (started by global-setup or given by NEO4J_URI). */
export function testRunner(overrides: { queryTimeoutMs?: number } = {}): Neo4jRunner {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: global-setup did not start Neo4j');
  return Neo4jRunner.connect({
    uri,
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
    database: process.env.NEO4J_DATABASE,
    queryTimeoutMs: overrides.queryTimeoutMs ?? 30_000,
    writeTimeoutMs: 300_000,
  });
}

/** Deletes every node and relationship, so a test file starts from an empty graph (test graphs are small). */
export async function wipeDatabase(runner: Neo4jRunner): Promise<void> {
  await runner.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
}

/** Empties the suite's Neo4j and imports the real seed page through `kg import`, as a user would. */
export async function seedNeo4j(): Promise<void> {
  const runner = testRunner();
  try {
    await wipeDatabase(runner);
  } finally {
    await runner.close();
  }
  await runImport([seedListingPath()], {}, new PassThrough());
}

/** A store over the suite's Neo4j, emptied and holding the contract's data: the seed page and test/fixtures/contract-extra.txt. */
export async function contractNeo4jStore(): Promise<{ runner: Neo4jRunner; store: Neo4jStore }> {
  const runner = testRunner();
  const store = new Neo4jStore(runner);
  await wipeDatabase(runner);
  const files = [seedListingPath(), join(__dirname, '..', 'fixtures', 'contract-extra.txt')];
  const prepared = prepareImport(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  if (prepared.problems.length) throw new Error(`fixture problems: ${JSON.stringify(prepared.problems)}`);
  await store.importPublications(prepared.records, prepared.reference);
  return { runner, store };
}
