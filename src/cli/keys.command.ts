import { Command, Option } from 'commander';
import { keyStatus, newApiKey, parseLifetime } from '../domain/api-key.secret';
import { ConfigurationError } from '../domain/errors';
import { ROLES, type ApiKeyRecord, type Role } from '../domain/identity.types';
import { MemoryStore } from '../store/memory/memory.store';
import { neo4jSettingsFromEnv } from '../store/neo4j/neo4j.config';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
import type { ApiKeyStore } from '../store/store';
import { DATA_DIR_HELP, resolveDataDir } from './data-dir';
import { openNeo4j } from './open-neo4j';
import type { StoreChoice } from './open-store';

interface KeysFlags {
  store?: StoreChoice;
  dataDir?: string;
}

/**
 * Opens the key store `kg serve` would use with the same flags: Neo4j's `:ApiKey` nodes when
 * NEO4J_URI is set (or `--store neo4j`), else the data directory's key file.
 */
async function openKeys(flags: KeysFlags): Promise<{ keys: ApiKeyStore; where: string; close: () => Promise<void> }> {
  const settings = neo4jSettingsFromEnv();
  const kind = flags.store ?? (settings ? 'neo4j' : 'memory');
  if (kind === 'neo4j') {
    if (!settings) throw new ConfigurationError('--store neo4j needs NEO4J_URI (for example bolt://127.0.0.1:7687)');
    const store = new Neo4jStore(await openNeo4j());
    return { keys: store.apiKeys, where: `Neo4j at ${settings.uri}`, close: () => store.close() };
  }
  const dir = resolveDataDir(flags.dataDir);
  return { keys: new MemoryStore({ dataDir: dir }).apiKeys, where: dir, close: async () => {} };
}

function withKeys<A extends unknown[]>(run: (keys: ApiKeyStore, where: string, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command;
    const flags = command.optsWithGlobals() as KeysFlags;
    const { keys, where, close } = await openKeys(flags);
    try {
      await run(keys, where, ...args);
    } finally {
      await close();
    }
  };
}

/** Returns `kg keys create|list|revoke`: API keys for scripts and dashboards (README, "Access control"). */
export function keysCommand(): Command {
  const keys = new Command('keys')
    .description('manage API keys (stored hashed: in Neo4j when NEO4J_URI is set, else in the data directory)')
    .addOption(new Option('--store <store>', 'memory (the data directory) or neo4j (default: neo4j when NEO4J_URI is set)').choices(['memory', 'neo4j']))
    .option('--data-dir <dir>', DATA_DIR_HELP);

  keys.command('create')
    .description('make a key and print it once (it cannot be shown again)')
    .requiredOption('--name <name>', 'unique name: letters, digits, ".", "_" or "-" (never re-used, revoked keys included)')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--expires <duration>', 'lifetime such as 90d, 12h or 1y (default: no expiry)')
    .action(withKeys(async (store, where, flags: { name: string; role: Role; expires?: string }) => {
      const lifetime = flags.expires ? parseLifetime(flags.expires, '--expires') : null;
      const { secret, record } = newApiKey(flags.name, flags.role, lifetime);
      await store.create(record);
      process.stderr.write(`created key "${record.name}" (${record.role}${record.expiresAt ? `, expires ${record.expiresAt}` : ', no expiry'}) in ${where}; it is shown once:\n`);
      process.stdout.write(`${secret}\n`);
    }));

  keys.command('list')
    .description('show every key: name, role, status, created, last used and expiry (never the secret)')
    .option('--json', 'one JSON array instead of a table')
    .action(withKeys(async (store, _where, flags: { json?: boolean }) => {
      const all = await store.list();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(all.map(({ hash: _h, ...rest }) => ({ ...rest, status: keyStatus({ ...rest, hash: '' }) })), null, 2)}\n`);
        return;
      }
      process.stdout.write(table(all));
    }));

  keys.command('revoke')
    .description('revoke a key: every server process refuses it within a second')
    .argument('<name>', 'the key\'s name')
    .action(withKeys(async (store, where, name: string) => {
      const revoked = await store.revoke(name, new Date().toISOString());
      if (!revoked) {
        const known = (await store.list()).find((k) => k.name === name);
        if (!known) throw new ConfigurationError(`no key is named "${name}" in ${where}`);
        process.stderr.write(`key "${name}" was already revoked (${known.revokedAt})\n`);
        return;
      }
      process.stderr.write(`revoked key "${name}"\n`);
    }));
  return keys;
}

function table(all: readonly ApiKeyRecord[]): string {
  const rows = [['NAME', 'ROLE', 'STATUS', 'CREATED', 'LAST USED', 'EXPIRES']];
  for (const k of all) rows.push([k.name, k.role, keyStatus(k), k.createdAt, k.lastUsedAt ?? '-', k.expiresAt ?? 'never']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
