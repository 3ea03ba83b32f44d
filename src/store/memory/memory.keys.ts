import type { Stats } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigurationError, ConflictError, UnavailableError } from '../../domain/errors';
import { MAX_API_KEYS, ROLES, type ApiKeyRecord, type NewApiKey } from '../../domain/identity.types';
import type { ApiKeyStore } from '../store';

const KEYS_FILE = 'api-keys.json';
const USED_FILE = 'api-keys.used.json';
const LOCK_FILE = 'api-keys.lock';
const LOCK_RETRY_MS = 20;
const LOCK_WAIT_MS = 5_000;
/** A lock this old was left by a process that died: writers hold it for milliseconds. */
const LOCK_STALE_MS = 30_000;

/** A key as api-keys.json holds it; last-used times live apart, in api-keys.used.json. */
type StoredKey = Omit<ApiKeyRecord, 'lastUsedAt'>;
/** Last-used time (ISO) by key name. */
type UsedTimes = Readonly<Record<string, string>>;

/**
 * The embedded store's API keys: in this process's memory when `dir` is null, else in
 * `<dir>/api-keys.json`, shared by every process using that directory (`kg serve`, `kg keys`).
 * Reads re-read the file whenever its stat changed, so each call sees what another process wrote.
 * Writes hold `<dir>/api-keys.lock`, re-read under it and replace the file atomically (temp file
 * and rename), so no process loses another's key. `markUsed` takes no lock and never rewrites the
 * keys: last-used times go to `<dir>/api-keys.used.json`, where a lost update costs nothing.
 */
export class DataDirKeyStore implements ApiKeyStore {
  private readonly keysFile: JsonFile<readonly StoredKey[]> | null;
  private readonly usedFile: JsonFile<UsedTimes> | null;
  /** The keys and times themselves when there is no directory. */
  private memory: { keys: readonly StoredKey[]; used: UsedTimes } = { keys: [], used: {} };
  /** This instance's writes, one at a time, so they do not poll the lock against each other. */
  private writes: Promise<unknown> = Promise.resolve();
  private marks: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string | null) {
    this.keysFile = dir === null ? null : new JsonFile(join(dir, KEYS_FILE), [], readKeys);
    this.usedFile = dir === null ? null : new JsonFile(join(dir, USED_FILE), {}, readUsedTimes);
  }

  async create(key: NewApiKey): Promise<void> {
    await this.changeKeys((keys) => {
      if (keys.some((k) => k.name === key.name)) {
        throw new ConflictError(`an API key named "${key.name}" exists already (revoked keys included: names are never re-used)`);
      }
      if (keys.some((k) => k.hash === key.hash)) throw new ConflictError(`API key "${key.name}" was not added: another key has the same hash`);
      if (keys.length >= MAX_API_KEYS) throw new ConflictError(`the store holds ${MAX_API_KEYS} API keys already, the most it keeps; "${key.name}" was not added`);
      const added: StoredKey = { name: key.name, role: key.role, hash: key.hash, createdAt: key.createdAt, expiresAt: key.expiresAt, revokedAt: null };
      return [...keys, added].sort(byName);
    });
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | null> {
    const [keys, used] = await Promise.all([this.keys(), this.usedTimes()]);
    const key = keys.find((k) => k.hash === hash);
    return key ? withLastUse(key, used) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const [keys, used] = await Promise.all([this.keys(), this.usedTimes()]);
    return [...keys].sort(byName).slice(0, MAX_API_KEYS).map((k) => withLastUse(k, used));
  }

  async revoke(name: string, at: string): Promise<boolean> {
    let revoked = false;
    await this.changeKeys((keys) => {
      const index = keys.findIndex((k) => k.name === name);
      if (index < 0 || keys[index].revokedAt !== null) return null;
      revoked = true;
      return keys.map((k, i) => (i === index ? { ...k, revokedAt: at } : k));
    });
    return revoked;
  }

  async markUsed(name: string, at: string): Promise<void> {
    // Instants are toISOString() strings, so their string order is their time order.
    const later = (used: UsedTimes) => !Object.hasOwn(used, name) || used[name] < at;
    if (!this.usedFile) {
      if (this.memory.keys.some((k) => k.name === name) && later(this.memory.used)) this.memory.used = { ...this.memory.used, [name]: at };
      return;
    }
    const usedFile = this.usedFile;
    await this.serially('marks', async () => {
      if (!(await this.keys()).some((k) => k.name === name)) return;
      const used = await usedFile.fresh();
      if (later(used)) await usedFile.replace({ ...used, [name]: at });
    });
  }

  private async keys(): Promise<readonly StoredKey[]> {
    return this.keysFile ? this.keysFile.current() : this.memory.keys;
  }

  private async usedTimes(): Promise<UsedTimes> {
    return this.usedFile ? this.usedFile.current() : this.memory.used;
  }

  /** Replaces the keys by `change(latest keys)`, under the lock; null means nothing to write. */
  private async changeKeys(change: (keys: readonly StoredKey[]) => StoredKey[] | null): Promise<void> {
    const { keysFile, dir } = this;
    if (!keysFile || dir === null) {
      this.memory = { ...this.memory, keys: change(this.memory.keys) ?? this.memory.keys };
      return;
    }
    await this.serially('writes', () => withLock(dir, async () => {
      const next = change(await keysFile.fresh());
      if (next) await keysFile.replace(next, { keys: next });
    }));
  }

  private serially<T>(queue: 'writes' | 'marks', work: () => Promise<T>): Promise<T> {
    const run = this[queue].then(work);
    this[queue] = run.catch(() => undefined);
    return run;
  }
}

/**
 * A JSON file read through a cache that one `stat` per call validates, replaced atomically.
 * A missing file reads as `empty`; one that is not JSON, or not of its shape, throws ConfigurationError.
 */
class JsonFile<T> {
  private cache: { version: string; value: T } | null = null;

  constructor(readonly path: string, private readonly empty: T, private readonly shape: (data: unknown, path: string) => T) {}

  /** Returns the content, re-read when the file changed since the last read. */
  async current(): Promise<T> {
    const version = await versionOf(this.path);
    return this.cache?.version === version ? this.cache.value : this.load(version);
  }

  /** Returns the content read now, whatever the cache holds. */
  async fresh(): Promise<T> {
    return this.load(await versionOf(this.path));
  }

  /** Writes `data` (by default `value`) to a temp file beside the file, mode 0o600, and renames it over the file. */
  async replace(value: T, data: unknown = value): Promise<void> {
    const dir = join(this.path, '..');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(data, null, 2) + '\n', 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    // Not cached from here: a writer without the lock (markUsed) may have renamed its own file since.
    this.cache = null;
  }

  private async load(version: string): Promise<T> {
    let text: string | null = null;
    if (version !== MISSING) {
      try {
        text = await readFile(this.path, 'utf8');
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    let value = this.empty;
    if (text !== null) {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new ConfigurationError(`${this.path} is not valid JSON (${(err as Error).message}); fix or restore it`);
      }
      value = this.shape(data, this.path);
    }
    // The stat was taken before the read: content newer than `version` only costs one more read later.
    this.cache = { version, value };
    return value;
  }
}

const MISSING = 'missing';

/** Returns what identifies one state of the file (inode, size, mtime: a rename changes the inode), or MISSING. */
async function versionOf(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (err) {
    if (isMissing(err)) return MISSING;
    throw err;
  }
}

/**
 * Runs `work` holding `<dir>/api-keys.lock`, created with 'wx' (retried every LOCK_RETRY_MS for
 * LOCK_WAIT_MS; a lock older than LOCK_STALE_MS is removed), and removes it afterwards.
 */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  while (!(await tryLock(lock))) {
    const held = await stat(lock).catch((err: unknown) => (isMissing(err) ? null : Promise.reject(err)));
    if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) {
      await breakStaleLock(lock);
      continue;
    }
    if (Date.now() >= giveUpAt) {
      throw new UnavailableError(`the API keys are locked by another process (${lock}, held over ${LOCK_WAIT_MS / 1000} s); retry in a few seconds`);
    }
    // A little jitter, so that two waiters do not keep colliding.
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS + Math.random() * 5));
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/** Returns true when this call created the lock file, false when it exists. */
async function tryLock(lock: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lock, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    // For whoever finds it stale: which process held it, since when.
    await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(lock).catch(() => undefined);
    throw err;
  }
  return true;
}

/**
 * Removes a stale lock by renaming it aside first: when two waiters find it stale at once, the
 * second may move aside the lock the first has just taken; seeing it fresh, it puts it back.
 */
async function breakStaleLock(lock: string): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lock, aside);
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  const moved: Stats = await stat(aside);
  if (Date.now() - moved.mtimeMs <= LOCK_STALE_MS) await link(aside, lock).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Orders keys by name with case ignored, then by name (the port's "by name"). */
function byName(a: { name: string }, b: { name: string }): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function withLastUse(key: StoredKey, used: UsedTimes): ApiKeyRecord {
  return { ...key, lastUsedAt: Object.hasOwn(used, key.name) ? used[key.name] : null };
}

/** Returns the keys an api-keys.json holds; throws ConfigurationError naming the file when it has another shape. */
function readKeys(data: unknown, path: string): StoredKey[] {
  const wrong = (what: string) => new ConfigurationError(`${path} does not hold API keys as expected ({"keys": [...]}): ${what}; fix or restore it`);
  if (!isObject(data) || !Array.isArray(data.keys)) throw wrong('no "keys" list');
  return data.keys.map((key: unknown, i: number): StoredKey => {
    if (!isObject(key)) throw wrong(`keys[${i}] is not an object`);
    const { name, role, hash, createdAt, expiresAt, revokedAt } = key;
    if (typeof name !== 'string') throw wrong(`keys[${i}].name is not a string`);
    if (typeof hash !== 'string') throw wrong(`keys[${i}].hash is not a string`);
    if (typeof createdAt !== 'string') throw wrong(`keys[${i}].createdAt is not a string`);
    if (expiresAt !== null && typeof expiresAt !== 'string') throw wrong(`keys[${i}].expiresAt is neither a string nor null`);
    if (revokedAt !== null && typeof revokedAt !== 'string') throw wrong(`keys[${i}].revokedAt is neither a string nor null`);
    const known = ROLES.find((r) => r === role);
    if (!known) throw wrong(`keys[${i}].role is not one of ${ROLES.join(', ')}`);
    return { name, role: known, hash, createdAt, expiresAt, revokedAt };
  });
}

/** Returns the last-used times an api-keys.used.json holds; throws ConfigurationError naming the file when it has another shape. */
function readUsedTimes(data: unknown, path: string): UsedTimes {
  if (!isObject(data) || Object.values(data).some((at) => typeof at !== 'string')) {
    throw new ConfigurationError(`${path} does not hold last-used times as expected ({"<key name>": "<ISO instant>"}); fix or remove it`);
  }
  return data as UsedTimes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
