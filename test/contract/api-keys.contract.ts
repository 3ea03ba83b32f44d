import { createHash } from 'node:crypto';
import { ConflictError } from '../../src/domain/errors';
import type { ApiKeyRecord, NewApiKey } from '../../src/domain/identity.types';
import type { ApiKeyStore } from '../../src/store/store';

/** What an adapter hands the API key contract. */
export interface ApiKeyTarget {
  store: ApiKeyStore;
  /** A second, independent instance over the same storage (as another process would open it); the same one when the storage is this process's memory. */
  another(): Promise<ApiKeyStore>;
  /** Removes every key. */
  reset(): Promise<void>;
}

/** Returns the SHA-256 (lowercase hex) of a made-up secret, as the real keys are stored. */
export function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Returns a new key's record with a hash of its own. */
export function newKey(name: string, overrides: Partial<NewApiKey> = {}): NewApiKey {
  return { name, role: 'reader', hash: hashOf(`secret of ${name}`), createdAt: '2025-03-01T10:00:00.000Z', expiresAt: null, ...overrides };
}

/** Returns the record the store should hold for a key just created. */
function created(key: NewApiKey): ApiKeyRecord {
  return { ...key, revokedAt: null, lastUsedAt: null };
}

/**
 * The behaviour every ApiKeyStore adapter must have, asserted only through the port. `open` is
 * called before each case, then `reset`.
 */
export function describeApiKeyContract(name: string, open: () => Promise<ApiKeyTarget>): void {
  describe(`ApiKeyStore contract: ${name}`, () => {
    let target: ApiKeyTarget;
    let store: ApiKeyStore;
    beforeEach(async () => {
      target = await open();
      store = target.store;
      await target.reset();
    });

    const alpha = newKey('alpha', { role: 'curator', expiresAt: '2026-03-01T10:00:00.000Z' });
    const beta = newKey('beta', { role: 'admin', createdAt: '2025-03-02T11:30:00.000Z' });

    it('finds a created key by its hash, with every field, and lists it', async () => {
      expect(await store.list()).toEqual([]);
      await store.create(alpha);
      await store.create(beta);
      expect(await store.findByHash(alpha.hash)).toEqual({
        name: 'alpha', role: 'curator', hash: alpha.hash, createdAt: '2025-03-01T10:00:00.000Z',
        expiresAt: '2026-03-01T10:00:00.000Z', revokedAt: null, lastUsedAt: null,
      });
      expect(await store.findByHash(beta.hash)).toEqual({
        name: 'beta', role: 'admin', hash: beta.hash, createdAt: '2025-03-02T11:30:00.000Z',
        expiresAt: null, revokedAt: null, lastUsedAt: null,
      });
      expect(await store.list()).toEqual([created(alpha), created(beta)]);
      expect(await store.findByHash(hashOf('a secret nobody was given'))).toBeNull();
    });

    it('refuses a second key of the same name with a ConflictError naming it, revoked keys included', async () => {
      await store.create(alpha);
      const again = store.create(newKey('alpha', { hash: hashOf('another secret'), role: 'admin' }));
      await expect(again).rejects.toBeInstanceOf(ConflictError);
      await expect(again).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('"alpha"') });
      expect(await store.revoke('alpha', '2025-04-01T00:00:00.000Z')).toBe(true);
      const afterRevoke = store.create(newKey('alpha', { hash: hashOf('a third secret') }));
      await expect(afterRevoke).rejects.toBeInstanceOf(ConflictError);
      await expect(afterRevoke).rejects.toThrow(/"alpha"/);
      expect(await store.list()).toEqual([{ ...created(alpha), revokedAt: '2025-04-01T00:00:00.000Z' }]);
      expect(await store.findByHash(hashOf('another secret'))).toBeNull();
    });

    it('refuses a key whose hash another key has, with a ConflictError', async () => {
      await store.create(alpha);
      await expect(store.create(newKey('gamma', { hash: alpha.hash }))).rejects.toBeInstanceOf(ConflictError);
      expect((await store.list()).map((k) => k.name)).toEqual(['alpha']);
      expect(await store.findByHash(alpha.hash)).toMatchObject({ name: 'alpha' });
    });

    it('revokes a key once: true, then the record has revokedAt; again, or an unknown name, false', async () => {
      await store.create(alpha);
      await store.create(beta);
      expect(await store.revoke('alpha', '2025-04-01T00:00:00.000Z')).toBe(true);
      expect(await store.findByHash(alpha.hash)).toEqual({ ...created(alpha), revokedAt: '2025-04-01T00:00:00.000Z' });
      expect(await store.revoke('alpha', '2025-05-01T00:00:00.000Z')).toBe(false);
      expect(await store.revoke('nobody', '2025-05-01T00:00:00.000Z')).toBe(false);
      // The first revocation stands, and the other key is untouched.
      expect(await store.list()).toEqual([{ ...created(alpha), revokedAt: '2025-04-01T00:00:00.000Z' }, created(beta)]);
    });

    it('sees a key created, revoked or used through another instance on its very next call', async () => {
      const other = await target.another();
      await store.create(alpha);
      // Both instances have read the storage once, so any cache they keep is warm.
      expect(await store.list()).toEqual([created(alpha)]);
      expect(await other.list()).toEqual([created(alpha)]);

      await other.create(beta);
      expect(await store.findByHash(beta.hash)).toEqual(created(beta));
      expect(await store.list()).toEqual([created(alpha), created(beta)]);

      expect(await other.revoke('alpha', '2025-04-01T00:00:00.000Z')).toBe(true);
      expect(await store.findByHash(alpha.hash)).toMatchObject({ revokedAt: '2025-04-01T00:00:00.000Z' });
      expect(await store.revoke('alpha', '2025-04-02T00:00:00.000Z')).toBe(false);

      await other.markUsed('beta', '2025-04-03T00:00:00.000Z');
      expect(await store.findByHash(beta.hash)).toMatchObject({ lastUsedAt: '2025-04-03T00:00:00.000Z' });

      await store.create(newKey('gamma'));
      expect((await other.list()).map((k) => k.name)).toEqual(['alpha', 'beta', 'gamma']);
    });

    it('keeps the latest use: a later time wins, an earlier one is ignored, through findByHash and list', async () => {
      await store.create(alpha);
      await store.create(beta);
      await store.markUsed('alpha', '2025-04-02T12:00:00.000Z');
      expect(await store.findByHash(alpha.hash)).toEqual({ ...created(alpha), lastUsedAt: '2025-04-02T12:00:00.000Z' });
      await store.markUsed('alpha', '2025-04-01T12:00:00.000Z');
      expect((await store.findByHash(alpha.hash))?.lastUsedAt).toBe('2025-04-02T12:00:00.000Z');
      await store.markUsed('alpha', '2025-04-02T12:00:00.001Z');
      expect(await store.list()).toEqual([{ ...created(alpha), lastUsedAt: '2025-04-02T12:00:00.001Z' }, created(beta)]);
      // A name that every JS object has as a property is a name like any other.
      await store.create(newKey('constructor'));
      await store.markUsed('constructor', '2025-04-01T00:00:00.000Z');
      expect((await store.findByHash(newKey('constructor').hash))?.lastUsedAt).toBe('2025-04-01T00:00:00.000Z');
      // A name with no key is no error and adds nothing.
      await store.markUsed('nobody', '2025-04-03T00:00:00.000Z');
      expect((await store.list()).map((k) => k.name)).toEqual(['alpha', 'beta', 'constructor']);
    });

    it('lists keys by name, case ignored, then as written', async () => {
      for (const name of ['zeta', 'Beta', 'alpha', 'beta.1', 'Alpha', '9lives', 'beta-2']) await store.create(newKey(name));
      expect((await store.list()).map((k) => k.name)).toEqual(['9lives', 'Alpha', 'alpha', 'Beta', 'beta-2', 'beta.1', 'zeta']);
    });
  });
}
