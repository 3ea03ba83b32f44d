import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cypherDir, splitStatements } from './cypher-loader';
import type { Neo4jRunner } from './neo4j.runner';

/** Applies `cypher/schema.cypher` (all IF NOT EXISTS, so safe to repeat), waits for indexes, and returns the statements run. */
export async function applySchema(runner: Neo4jRunner, file = join(cypherDir(), 'schema.cypher')): Promise<string[]> {
  const statements = splitStatements(readFileSync(file, 'utf8'));
  // Schema changes cannot share a transaction with each other's reads, so each runs on its own.
  for (const statement of statements) {
    await runner.write((tx) => tx.run(statement));
  }
  // Fulltext indexes fill asynchronously; queries right after a migration must see them online.
  await runner.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
  return statements;
}

/** Returns the server's name, version and edition, from `dbms.components()`. */
export async function serverVersion(runner: Neo4jRunner): Promise<{ name: string; version: string; edition: string }> {
  const rows = await runner.read('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition');
  const row = rows[0] as { name: string; version: string; edition: string };
  return { name: row.name, version: row.version, edition: row.edition };
}
