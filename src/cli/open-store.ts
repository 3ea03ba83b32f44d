import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import type { ImportRunFile } from '../domain/import.types';
import { ConfigurationError, InvalidInputError } from '../domain/errors';
import { prepareImport } from '../ingest/prepare-import';
import { decodeInput } from '../ingest/read-input';
import { changeRetentionFromEnv } from '../store/change-retention';
import { DEFAULT_JOURNAL_MAX_BYTES, JOURNAL_FILE } from '../store/memory/memory.journal';
import { MemoryStore } from '../store/memory/memory.store';
import { neo4jSettingsFromEnv } from '../store/neo4j/neo4j.config';
import { Neo4jRunner, type Neo4jLog } from '../store/neo4j/neo4j.runner';
import { Neo4jStore } from '../store/neo4j/neo4j.store';
import type { GraphStore } from '../store/store';
import { logger } from './logger';
import { CACHE_DIR, type CachedImport, cacheMbFromEnv, PreparedImportCache } from './prepared-import.cache';

/** Which store to serve: the embedded one (default without NEO4J_URI) or Neo4j. */
export type StoreChoice = 'memory' | 'neo4j';

/** Returns the bundled sample page(s), found by walking up from this file (src/ or dist/src/). */
export function sampleFiles(): string[] {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', 'sample', 'child-trafficking.txt');
    if (existsSync(candidate)) return [candidate];
    dir = resolve(dir, '..');
  }
  throw new ConfigurationError(`cannot find data/sample/child-trafficking.txt above ${__dirname}`);
}

/** Reads KG_JOURNAL_MAX_BYTES, how large the embedded store's curation journal may grow (default 64 MiB). */
export function journalMaxBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KG_JOURNAL_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_JOURNAL_MAX_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigurationError(`KG_JOURNAL_MAX_BYTES must be a whole number of bytes (at least 1), got "${raw}"`);
  return value;
}

/**
 * Opens the store to serve. Neo4j when asked for or when NEO4J_URI is set (an unreachable
 * Neo4j is logged, not fatal: requests answer UNAVAILABLE until it is back, and the same store
 * serves again as soon as it answers); otherwise the embedded store, loaded through the same
 * importer and validation as `kg import`, keeping its API keys and curation journal in `dataDir` (in memory when null) and
 * replaying the journal's writes over the files. The Neo4j adapter writes why a call failed to `log`
 * (one that resolves the request's logger at call time ties those lines to the request's id).
 */
export async function openStore(choice: StoreChoice | undefined, dataFiles: readonly string[], log: Neo4jLog = logger, dataDir: string | null = null): Promise<GraphStore> {
  const settings = neo4jSettingsFromEnv();
  const kind = choice ?? (settings ? 'neo4j' : 'memory');
  if (kind === 'neo4j') {
    if (!settings) throw new ConfigurationError('--store neo4j needs NEO4J_URI (for example bolt://127.0.0.1:7687)');
    if (dataFiles.length) throw new ConfigurationError('--data loads the embedded store; import into Neo4j with `kg import` instead');
    // The runner logs why a call failed (address, driver message); clients get only UNAVAILABLE.
    const runner = Neo4jRunner.connect(settings, log);
    try {
      await runner.verify();
    } catch {
      // Logged by the runner. Each later call tries again (no restart needed once Neo4j is up).
      log.warn({ uri: settings.uri }, 'Neo4j is not reachable yet: serving UNAVAILABLE until it is');
    }
    warnOfJournal(dataDir);
    return new Neo4jStore(runner, undefined, { referenceCacheMs: settings.referenceCacheMs, referenceCheckMs: settings.referenceCheckMs, changes: changeRetentionFromEnv() });
  }
  const files = dataFiles.length ? [...dataFiles] : sampleFiles();
  const prepared = preparedImport(files, dataDir);
  const store = new MemoryStore({ dataDir, changes: changeRetentionFromEnv(), journalMaxBytes: journalMaxBytesFromEnv() });
  await store.importPublications(prepared.records, prepared.reference, { run: { files: prepared.runFiles } });
  logger.info({ files }, `embedded store loaded ${prepared.records.length} publications`);
  if (store.journalPath) {
    const { replayed, skipped } = await store.replayJournal(logger);
    logger.info({ journal: store.journalPath, replayed, skipped }, `replayed ${replayed} curation write(s) from ${store.journalPath}${skipped ? ` (${skipped} skipped)` : ''}`);
  }
  // The words are indexed before the server listens: a search then never spends its deadline on them.
  await store.indexed();
  return store;
}

/**
 * Returns the files' import prepared (records and reference data), from the prepared-import cache
 * in `dataDir` when it holds these files' (see PreparedImportCache), else prepared now and cached.
 * Throws InvalidInputError when the files have problems (nothing is cached then).
 */
function preparedImport(files: readonly string[], dataDir: string | null): CachedImport & { runFiles: ImportRunFile[] } {
  const inputs = files.map((file) => ({ file, bytes: readFileSync(file) }));
  // What the load's import-run record names: each file and the SHA-256 of its bytes.
  const runFiles = inputs.map(({ file, bytes }) => ({ name: basename(file), sha256: createHash('sha256').update(bytes).digest('hex') }));
  const maxMb = cacheMbFromEnv();
  const cache = dataDir && maxMb > 0 ? new PreparedImportCache(dataDir, maxMb * 1048576, logger) : null;
  const key = cache ? PreparedImportCache.keyOf(inputs) : '';
  const cached = cache?.read(key);
  if (cached) {
    logger.info({ files, cache: CACHE_DIR }, `prepared import of ${cached.records.length} publications read from the cache`);
    return { ...cached, runFiles };
  }
  const decoded = inputs.map(({ file, bytes }) => ({ file, ...decodeInput(bytes, file) }));
  const badBytes = decoded.flatMap((d) => d.problems);
  if (badBytes.length) throw new InvalidInputError(badBytes);
  const prepared = prepareImport(decoded.map(({ file, text }) => ({ file, text })));
  if (prepared.problems.length) throw new InvalidInputError(prepared.problems);
  cache?.write(key, prepared);
  return { ...prepared, runFiles };
}

/** Warns that curation writes of the embedded store sit in the data directory, which Neo4j does not read. */
function warnOfJournal(dataDir: string | null): void {
  const journal = dataDir && join(dataDir, JOURNAL_FILE);
  const size = journal && existsSync(journal) ? statSync(journal).size : 0;
  if (journal && size > 0) {
    logger.warn({ journal, bytes: size }, `${journal} holds curation writes made on the embedded store; this Neo4j store does not have them`);
  }
}
