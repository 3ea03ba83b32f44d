import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, UnavailableError } from '../../src/domain/errors';
import { DataDirKeyStore } from '../../src/store/memory/memory.keys';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { describeApiKeyContract, newKey } from './api-keys.contract';

const root = mkdtempSync(join(tmpdir(), 'kg-api-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** Returns a data directory that does not exist yet, so the store has to create it. */
const freshDir = () => join(root, `data-${++dirs}`);

describeApiKeyContract('embedded store, data directory', async () => {
  const dir = freshDir();
  return {
    store: new MemoryStore({ dataDir: dir }).apiKeys,
    another: async () => new DataDirKeyStore(dir),
    reset: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeApiKeyContract('embedded store, no data directory', async () => {
  // The keys live in this instance's memory: the only other view of them is the instance itself.
  const store = new MemoryStore().apiKeys;
  return { store, another: async () => store, reset: async () => undefined };
});

describe('API keys in a data directory', () => {
  let dir: string;
  let keysFile: string;
  beforeEach(() => {
    dir = freshDir();
    keysFile = join(dir, 'api-keys.json');
  });

  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates the directory 0o700 and the files 0o600, leaving no lock or temp file behind', async () => {
    const keys = new DataDirKeyStore(dir);
    await keys.create(newKey('alpha'));
    await keys.markUsed('alpha', '2025-04-01T00:00:00.000Z');
    expect(mode(dir)).toBe(0o700);
    expect(mode(keysFile)).toBe(0o600);
    expect(mode(join(dir, 'api-keys.used.json'))).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['api-keys.json', 'api-keys.used.json']);
    expect(JSON.parse(readFileSync(keysFile, 'utf8'))).toEqual({
      keys: [{ name: 'alpha', role: 'reader', hash: newKey('alpha').hash, createdAt: '2025-03-01T10:00:00.000Z', expiresAt: null, revokedAt: null }],
    });
    expect(JSON.parse(readFileSync(join(dir, 'api-keys.used.json'), 'utf8'))).toEqual({ alpha: '2025-04-01T00:00:00.000Z' });
  });

  it('reads a missing directory as no keys, and writes no file for a write that changes nothing', async () => {
    const keys = new DataDirKeyStore(dir);
    expect(await keys.list()).toEqual([]);
    expect(await keys.findByHash(newKey('alpha').hash)).toBeNull();
    expect(await keys.revoke('alpha', '2025-04-01T00:00:00.000Z')).toBe(false);
    await keys.markUsed('alpha', '2025-04-01T00:00:00.000Z');
    expect(existsSync(keysFile)).toBe(false);
    expect(existsSync(join(dir, 'api-keys.used.json'))).toBe(false);
  });

  it.each([
    ['not JSON', '{"keys": [', /is not valid JSON/],
    ['a list instead of an object', '[]', /does not hold API keys as expected.*no "keys" list/],
    ['a key without a hash', '{"keys": [{"name": "alpha", "role": "reader", "createdAt": "2025-03-01T10:00:00.000Z", "expiresAt": null, "revokedAt": null}]}', /keys\[0\]\.hash is not a string/],
    ['a key of an unknown role', '{"keys": [{"name": "alpha", "role": "root", "hash": "ab", "createdAt": "2025-03-01T10:00:00.000Z", "expiresAt": null, "revokedAt": null}]}', /keys\[0\]\.role is not one of reader, curator, admin/],
  ])('throws ConfigurationError naming api-keys.json when it holds %s', async (_, text, reason) => {
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(keysFile, text);
    const keys = new DataDirKeyStore(dir);
    for (const call of [() => keys.list(), () => keys.findByHash('ab'), () => keys.create(newKey('beta'))]) {
      const error = await call().then(() => null, (err: unknown) => err);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(keysFile);
      expect((error as Error).message).toMatch(reason);
    }
    // The failed write released its lock and left the file as it was.
    expect(readdirSync(dir)).toEqual(['api-keys.json']);
    expect(readFileSync(keysFile, 'utf8')).toBe(text);
  });

  it('throws ConfigurationError naming api-keys.used.json when it is not a map of times', async () => {
    const keys = new DataDirKeyStore(dir);
    await keys.create(newKey('alpha'));
    const usedFile = join(dir, 'api-keys.used.json');
    writeFileSync(usedFile, '{"alpha": 7}');
    await expect(keys.list()).rejects.toBeInstanceOf(ConfigurationError);
    await expect(keys.findByHash(newKey('alpha').hash)).rejects.toThrow(usedFile);
  });

  it('loses no key when two instances each create 20 at once', async () => {
    const first = new DataDirKeyStore(dir);
    const second = new DataDirKeyStore(dir);
    const names = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
    await Promise.all([...names('a').map((n) => first.create(newKey(n))), ...names('b').map((n) => second.create(newKey(n)))]);
    const expected = [...names('a'), ...names('b')];
    expect((await new DataDirKeyStore(dir).list()).map((k) => k.name)).toEqual(expected);
    expect((await first.list()).map((k) => k.name)).toEqual(expected);
    expect(JSON.parse(readFileSync(keysFile, 'utf8')).keys).toHaveLength(40);
    expect(readdirSync(dir)).toEqual(['api-keys.json']);
  });

  it('waits for a lock another process holds, and removes one left over 30 s ago', async () => {
    const keys = new DataDirKeyStore(dir);
    await keys.create(newKey('alpha'));
    const lock = join(dir, 'api-keys.lock');
    writeFileSync(lock, '12345 2025-01-01T00:00:00.000Z\n');
    setTimeout(() => unlinkSync(lock), 150);
    const t0 = Date.now();
    await keys.create(newKey('beta'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    writeFileSync(lock, '12345 2025-01-01T00:00:00.000Z\n');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    await keys.create(newKey('gamma'));
    expect((await keys.list()).map((k) => k.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(readdirSync(dir)).toEqual(['api-keys.json']);
  });

  it('gives up with UnavailableError naming the lock after 5 s of a live lock, writing nothing', async () => {
    const keys = new DataDirKeyStore(dir);
    await keys.create(newKey('alpha'));
    const lock = join(dir, 'api-keys.lock');
    writeFileSync(lock, '12345 2025-01-01T00:00:00.000Z\n');
    const t0 = Date.now();
    const error = await keys.create(newKey('beta')).then(() => null, (err: unknown) => err);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4_900);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toContain(lock);
    expect(readFileSync(lock, 'utf8')).toBe('12345 2025-01-01T00:00:00.000Z\n');
    expect((await keys.list()).map((k) => k.name)).toEqual(['alpha']);
  }, 15_000);

  it('marks a use without the lock and without rewriting api-keys.json', async () => {
    const keys = new DataDirKeyStore(dir);
    await keys.create(newKey('alpha'));
    const before = statSync(keysFile);
    // A `kg keys create` holds the lock: a server's markUsed must not wait for it.
    writeFileSync(join(dir, 'api-keys.lock'), '12345 2025-01-01T00:00:00.000Z\n');
    const t0 = Date.now();
    await keys.markUsed('alpha', '2025-04-01T00:00:00.000Z');
    expect(Date.now() - t0).toBeLessThan(1_000);
    const after = statSync(keysFile);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect((await new DataDirKeyStore(dir).findByHash(newKey('alpha').hash))?.lastUsedAt).toBe('2025-04-01T00:00:00.000Z');
  });

  it('keeps the keys of a data directory when the store is closed', async () => {
    const store = new MemoryStore({ dataDir: dir });
    await store.apiKeys.create(newKey('alpha'));
    await store.close();
    expect((await new MemoryStore({ dataDir: dir }).apiKeys.list()).map((k) => k.name)).toEqual(['alpha']);
  });
});
