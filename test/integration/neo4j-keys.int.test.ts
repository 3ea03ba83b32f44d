import { ConflictError } from '../../src/domain/errors';
import { Neo4jKeyStore } from '../../src/store/neo4j/neo4j.keys';
import type { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { applySchema } from '../../src/store/neo4j/neo4j.schema';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { loadQueries } from '../../src/store/neo4j/queries';
import { describeApiKeyContract, newKey } from '../contract/api-keys.contract';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

describeNeo4j('Neo4j API keys', () => {
  let runner: Neo4jRunner;
  /** Every runner opened here, closed at the end. */
  const runners: Neo4jRunner[] = [];
  const open = () => {
    const opened = testRunner();
    runners.push(opened);
    return opened;
  };
  beforeAll(async () => {
    runner = open();
    // Global setup applied the schema already; applying it again is a no-op that makes this file stand alone.
    await applySchema(runner);
    await wipeDatabase(runner);
  });
  afterAll(async () => {
    await wipeDatabase(runner);
    await Promise.all(runners.map((r) => r.close()));
  });

  describeApiKeyContract('neo4j', async () => ({
    store: new Neo4jStore(runner).apiKeys,
    // Another process: its own driver and connections.
    another: async () => new Neo4jKeyStore(open(), loadQueries()),
    reset: () => wipeDatabase(runner),
  }));

  describe('storage', () => {
    let keys: Neo4jKeyStore;
    beforeEach(async () => {
      await wipeDatabase(runner);
      keys = new Neo4jKeyStore(runner, loadQueries());
    });

    it('has unique constraints on ApiKey.name and ApiKey.hash', async () => {
      const rows = await runner.read("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties WHERE 'ApiKey' IN labelsOrTypes RETURN name, type, properties ORDER BY name");
      expect(rows).toEqual([
        { name: 'api_key_hash', type: 'UNIQUENESS', properties: ['hash'] },
        { name: 'api_key_name', type: 'UNIQUENESS', properties: ['name'] },
      ]);
    });

    it('stores a key as an :ApiKey node with ISO strings, its null properties absent', async () => {
      const key = newKey('alpha', { role: 'admin' });
      await keys.create(key);
      const [before] = await runner.read('MATCH (k:ApiKey) RETURN properties(k) AS props');
      expect(before.props).toEqual({ name: 'alpha', role: 'admin', hash: key.hash, createdAt: '2025-03-01T10:00:00.000Z' });
      await keys.revoke('alpha', '2025-04-01T00:00:00.000Z');
      await keys.markUsed('alpha', '2025-04-02T00:00:00.000Z');
      const [after] = await runner.read('MATCH (k:ApiKey) RETURN properties(k) AS props');
      expect(after.props).toEqual({ ...before.props as object, revokedAt: '2025-04-01T00:00:00.000Z', lastUsedAt: '2025-04-02T00:00:00.000Z' });
    });

    it('says which key a repeated name names, keeping the driver error as the cause', async () => {
      await keys.create(newKey('alpha'));
      const error = await keys.create(newKey('alpha', { hash: newKey('beta').hash })).then(() => null, (err: unknown) => err);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toBe('an API key named "alpha" exists already (revoked keys included: names are never re-used)');
      expect((error as Error).cause).toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
      const same = await keys.create(newKey('gamma', { hash: newKey('alpha').hash })).then(() => null, (err: unknown) => err);
      expect((same as Error).message).toBe('API key "gamma" was not added: another key has the same hash');
    });

    it('loses no key when two stores each create 20 at once', async () => {
      const second = new Neo4jKeyStore(open(), loadQueries());
      const names = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
      await Promise.all([...names('a').map((n) => keys.create(newKey(n))), ...names('b').map((n) => second.create(newKey(n)))]);
      expect((await keys.list()).map((k) => k.name)).toEqual([...names('a'), ...names('b')]);
    });
  });
});
