import { Command } from 'commander';
import { applySchema } from '../store/neo4j/neo4j.schema';
import { openNeo4j } from './open-neo4j';

/** Returns the `kg db migrate` command: applies cypher/schema.cypher to NEO4J_URI. */
export function dbCommand(): Command {
  const db = new Command('db').description('manage the Neo4j database schema');
  db.command('migrate')
    .description('apply cypher/schema.cypher (constraints and indexes; safe to re-run)')
    .action(async () => {
      const runner = await openNeo4j();
      try {
        const statements = await applySchema(runner);
        process.stdout.write(`applied ${statements.length} schema statements; indexes online\n`);
      } finally {
        await runner.close();
      }
    });
  return db;
}
