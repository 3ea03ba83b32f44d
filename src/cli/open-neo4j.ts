import { ConfigurationError } from '../domain/errors';
import { neo4jSettingsFromEnv } from '../store/neo4j/neo4j.config';
import { Neo4jRunner } from '../store/neo4j/neo4j.runner';

/** Returns a connected runner for NEO4J_URI (and NEO4J_USER/PASSWORD/DATABASE); throws when it is unset. */
export async function openNeo4j(): Promise<Neo4jRunner> {
  const settings = neo4jSettingsFromEnv();
  if (!settings) throw new ConfigurationError('NEO4J_URI is not set (for example bolt://127.0.0.1:7687)');
  const runner = Neo4jRunner.connect(settings);
  await runner.verify();
  return runner;
}
