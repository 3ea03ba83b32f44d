import { Command, Option } from 'commander';
import { ConfigurationError } from '../domain/errors';
import { neo4jSettingsFromEnv } from '../store/neo4j/neo4j.config';
import { Neo4jRunner } from '../store/neo4j/neo4j.runner';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
import type { GraphStore } from '../store/store';
import { startServer } from '../server/http.server';
import { logger } from './logger';

interface ServeFlags {
  port?: string;
  host?: string;
  store?: 'neo4j';
}

/** Returns the `kg serve` command: the GraphQL API over Neo4j (NEO4J_URI). */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the GraphQL API at /graphql')
    .option('--port <port>', 'port to listen on (default: $PORT, then 4000)')
    .option('--host <host>', 'interface to bind (default: $HOST, then 0.0.0.0)')
    .addOption(new Option('--store <store>', 'which store to serve').choices(['neo4j']))
    .action(async (flags: ServeFlags) => {
      const port = parsePort(flags.port ?? process.env.PORT ?? '4000');
      const store = await openStore();
      const running = await startServer({ store, logger, port, host: flags.host ?? process.env.HOST });
      const counts = await store.counts().catch(() => null);
      logger.info({ url: running.url, store: store.kind, nodes: counts?.nodes, relationships: counts?.relationships }, `GraphQL API ready at ${running.url} (${store.kind} store)`);
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await running.stop();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}

async function openStore(): Promise<GraphStore> {
  const settings = neo4jSettingsFromEnv();
  if (!settings) throw new ConfigurationError('NEO4J_URI is not set (for example bolt://127.0.0.1:7687)');
  const runner = Neo4jRunner.connect(settings);
  try {
    await runner.verify();
  } catch (err) {
    // The server still starts: requests answer UNAVAILABLE until Neo4j is reachable.
    logger.warn({ err: (err as Error).message, uri: settings.uri }, 'Neo4j is not reachable yet');
  }
  return new Neo4jStore(runner);
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`invalid port "${raw}"`);
  return port;
}
