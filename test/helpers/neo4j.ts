import { PassThrough } from 'node:stream';
import { runImport } from '../../src/cli/import.command';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
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
