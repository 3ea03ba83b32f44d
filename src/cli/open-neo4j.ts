import { ConfigurationError } from '../domain/errors';
import { neo4jSettingsFromEnv } from '../store/neo4j/neo4j.config';
import { Neo4jRunner } from '../store/neo4j/neo4j.runner';
import { logger } from './logger';

/**
 * Returns a connected runner for NEO4J_URI (and NEO4J_USER/PASSWORD/DATABASE); throws when it is
 * unset or unreachable. Why it is unreachable (address, driver message) goes to the log on stderr.
 */
export async function openNeo4j(): Promise<Neo4jRunner> {
  const settings = neo4jSettingsFromEnv();
  if (!settings) throw new ConfigurationError('NEO4J_URI is not set (for example bolt://127.0.0.1:7687)');
  const runner = Neo4jRunner.connect(settings, logger);
  try {
    await runner.verify();
  } catch (err) {
    await runner.close();
    throw err;
  }
  return runner;
}
