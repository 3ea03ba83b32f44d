import { Command, Option } from 'commander';
import { ConfigurationError } from '../domain/errors';
import { keyStatus } from '../domain/api-key.secret';
import { accessFromEnv, tokensConfigured } from '../server/access/access.config';
import { startServer } from '../server/http.server';
import { warmUpFromEnv } from '../server/warm-up';
import { requestAwareLog } from '../server/request-log';
import { exitGracefullyOnSignals, shutdownGraceFromEnv } from '../server/shutdown';
import { DATA_DIR_HELP, resolveDataDir } from './data-dir';
import { logger } from './logger';
import { openStore, StoreChoice } from './open-store';

interface ServeFlags {
  port?: string;
  host?: string;
  store?: StoreChoice;
  data?: string[];
  dataDir?: string;
}

/** Returns the `kg serve` command: the GraphQL API over the embedded store (default) or Neo4j. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the GraphQL API (and the playground) at /graphql')
    .option('--port <port>', 'port to listen on (default: $PORT, then 4000)')
    .option('--host <host>', 'interface to bind (default: $HOST, then 127.0.0.1, this machine only; 0.0.0.0 for every interface)')
    .addOption(new Option('--store <store>', 'memory (embedded) or neo4j (default: neo4j when NEO4J_URI is set)').choices(['memory', 'neo4j']))
    .option('--data <files...>', 'listing, JSON or CSV files for the embedded store (default: the bundled sample)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (flags: ServeFlags) => {
      const started = Date.now();
      const port = parsePort(flags.port ?? process.env.PORT ?? '4000');
      const graceMs = shutdownGraceFromEnv();
      const access = accessFromEnv();
      const warm = warmUpFromEnv();
      const dataDir = resolveDataDir(flags.dataDir);
      // Neo4j's failures are logged under the id of the request that met them.
      const store = await openStore(flags.store, flags.data ?? [], requestAwareLog(logger), dataDir);
      const running = await startServer({ store, logger, port, host: flags.host ?? process.env.HOST ?? '127.0.0.1', access, warmUp: warm });
      await logAccess(store.apiKeys, access, dataDir);
      exitGracefullyOnSignals({ stopServer: (ms) => running.stop(ms), closeStore: () => store.close() }, graceMs, logger);
      const counts = await store.counts().catch(() => null);
      const total = (o: Record<string, number> | undefined) => (o ? Object.values(o).reduce((a, b) => a + b, 0) : null);
      logger.info(
        { url: running.url, bound: `${running.bound.address}:${running.bound.port}`, ...(running.metricsUrl ? { metricsUrl: running.metricsUrl } : {}), store: store.kind, nodes: total(counts?.nodes), relationships: total(counts?.relationships), byLabel: counts?.nodes, startMs: Date.now() - started },
        `GraphQL API ready at ${running.url}, bound to ${running.bound.address}:${running.bound.port} (${everywhere(running.bound.address) ? 'every interface: reachable from the network' : 'this machine only'}; ${store.kind} store, ${total(counts?.nodes) ?? '?'} nodes, ${total(counts?.relationships) ?? '?'} relationships)`,
      );
    });
}

/** Says where state lives, who may read, and how to enable writes when nobody can make them. */
async function logAccess(keys: import('../store/store').ApiKeyStore, access: ReturnType<typeof accessFromEnv>, dataDir: string): Promise<void> {
  const active = await keys.list().then((all) => all.filter((k) => keyStatus(k) === 'active').length).catch(() => null);
  const tokens = access.jwtSecret && access.jwksUrl ? 'HS256 secret and JWKS' : access.jwtSecret ? 'HS256 secret' : access.jwksUrl ? `JWKS ${access.jwksUrl.href}` : 'none';
  logger.info({ dataDir, reads: access.reads, tokens, activeApiKeys: active }, `data directory ${dataDir}; reads are ${access.reads === 'public' ? 'public' : 'private (KG_AUTH_READS=authenticated: every request needs at least reader)'}`);
  if (!tokensConfigured(access) && active === 0) {
    logger.warn(
      { dataDir },
      'no credentials are configured, so every mutation is refused' + (access.reads === 'authenticated' ? ' and so is every read' : '') +
      '. To enable them, create a key (`kg keys create --name NAME --role curator`, with the same --data-dir or NEO4J_URI as this server) or set KG_AUTH_JWT_SECRET or KG_AUTH_JWKS_URL (README, "Access control")',
    );
  }
}

function everywhere(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError(`invalid port "${raw}"`);
  return port;
}
