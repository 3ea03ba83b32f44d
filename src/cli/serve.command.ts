import { Command, Option } from 'commander';
import { ConfigurationError } from '../domain/errors';
import { startServer } from '../server/http.server';
import { requestAwareLog } from '../server/request-log';
import { exitGracefullyOnSignals, shutdownGraceFromEnv } from '../server/shutdown';
import { logger } from './logger';
import { openStore, StoreChoice } from './open-store';

interface ServeFlags {
  port?: string;
  host?: string;
  store?: StoreChoice;
  data?: string[];
}

/** Returns the `kg serve` command: the GraphQL API over the embedded store (default) or Neo4j. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the GraphQL API (and the playground) at /graphql')
    .option('--port <port>', 'port to listen on (default: $PORT, then 4000)')
    .option('--host <host>', 'interface to bind (default: $HOST, then 127.0.0.1, this machine only; 0.0.0.0 for every interface)')
    .addOption(new Option('--store <store>', 'memory (embedded) or neo4j (default: neo4j when NEO4J_URI is set)').choices(['memory', 'neo4j']))
    .option('--data <files...>', 'listing, JSON or CSV files for the embedded store (default: the bundled sample)')
    .action(async (flags: ServeFlags) => {
      const started = Date.now();
      const port = parsePort(flags.port ?? process.env.PORT ?? '4000');
      const graceMs = shutdownGraceFromEnv();
      // Neo4j's failures are logged under the id of the request that met them.
      const store = await openStore(flags.store, flags.data ?? [], requestAwareLog(logger));
      const running = await startServer({ store, logger, port, host: flags.host ?? process.env.HOST ?? '127.0.0.1' });
      exitGracefullyOnSignals({ stopServer: (ms) => running.stop(ms), closeStore: () => store.close() }, graceMs, logger);
      const counts = await store.counts().catch(() => null);
      const total = (o: Record<string, number> | undefined) => (o ? Object.values(o).reduce((a, b) => a + b, 0) : null);
      logger.info(
        { url: running.url, bound: `${running.bound.address}:${running.bound.port}`, ...(running.metricsUrl ? { metricsUrl: running.metricsUrl } : {}), store: store.kind, nodes: total(counts?.nodes), relationships: total(counts?.relationships), byLabel: counts?.nodes, startMs: Date.now() - started },
        `GraphQL API ready at ${running.url}, bound to ${running.bound.address}:${running.bound.port} (${everywhere(running.bound.address) ? 'every interface: reachable from the network' : 'this machine only'}; ${store.kind} store, ${total(counts?.nodes) ?? '?'} nodes, ${total(counts?.relationships) ?? '?'} relationships)`,
      );
    });
}

function everywhere(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`invalid port "${raw}"`);
  return port;
}
