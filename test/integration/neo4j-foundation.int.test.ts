import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ConflictError, ConfigurationError } from '../../src/domain/errors';
import { CypherLoader, cypherDir } from '../../src/store/neo4j/cypher-loader';
import { applySchema, serverVersion } from '../../src/store/neo4j/neo4j.schema';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

describeNeo4j('Neo4j foundation (real Neo4j)', () => {
  let runner: Neo4jRunner;
  beforeAll(async () => {
    runner = testRunner();
    await wipeDatabase(runner);
  });
  afterAll(() => runner.close());

  it('runs Neo4j 5.26 and reports its version', async () => {
    const v = await serverVersion(runner);
    process.stdout.write(`[neo4j] dbms.components(): ${v.name} ${v.version} ${v.edition}\n`);
    expect(v.name).toBe('Neo4j Kernel');
    if (!process.env.KG_EXTERNAL_NEO4J_VERSION_OK) expect(v.version).toMatch(/^5\.26\./);
  });

  it('applies cypher/schema.cypher twice without error', async () => {
    const first = await applySchema(runner);
    const second = await applySchema(runner);
    expect(second).toEqual(first);
    const constraints = await runner.read('SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes[0] AS label, properties ORDER BY name');
    expect(constraints.map((c) => c.label).sort()).toEqual(['ApiKey', 'ApiKey', 'Author', 'AuthorAlias', 'Change', 'ChangeSequence', 'Country', 'DeletedPublication', 'GraphVersion', 'IdempotencyKey', 'ImportRun', 'Publication', 'Region', 'Theme']);
    const keyOf: Record<string, string> = { api_key_name: 'name', api_key_hash: 'hash', change_seq: 'seq', change_sequence_name: 'name' };
    for (const c of constraints) expect(c.properties).toEqual([keyOf[c.name as string] ?? 'id']);
    const indexes = await runner.read("SHOW INDEXES YIELD name, type, state WHERE name IN ['publication_text', 'publication_year'] RETURN name, type, state ORDER BY name");
    expect(indexes).toEqual([
      { name: 'publication_text', type: 'FULLTEXT', state: 'ONLINE' },
      { name: 'publication_year', type: 'RANGE', state: 'ONLINE' },
    ]);
  });

  it('rejects a second node with the same id as a domain ConflictError', async () => {
    await runner.write((tx) => tx.run('CREATE (:Theme {id: $id, slug: $slug, name: $name})', { id: 'Theme:conflict-test', slug: 'conflict-test', name: 'A' }));
    const again = runner.write((tx) => tx.run('CREATE (:Theme {id: $id, slug: $slug, name: $name})', { id: 'Theme:conflict-test', slug: 'conflict-test', name: 'B' }));
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT' });
    const rows = await runner.read('MATCH (t:Theme {id: $id}) RETURN t.name AS name', { id: 'Theme:conflict-test' });
    expect(rows).toEqual([{ name: 'A' }]);
  });

  it('returns plain JS numbers, never driver Integers', async () => {
    const [row] = await runner.read('RETURN 42 AS n, [1, 2] AS list, {inner: 7} AS map, date("2020-01-02") AS d');
    expect(row).toEqual({ n: 42, list: [1, 2], map: { inner: 7 }, d: '2020-01-02' });
    expect(typeof row.n).toBe('number');
  });

  it('counts round trips per tracked unit of work', async () => {
    const { result, roundTrips } = await runner.track(async () => {
      await runner.read('RETURN 1 AS x');
      return runner.read('RETURN 2 AS x');
    });
    expect(result).toEqual([{ x: 2 }]);
    expect(roundTrips).toBe(2);
  });
});

describe('Cypher query loader', () => {
  it('fails at start-up naming a missing query file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-cypher-'));
    writeFileSync(join(dir, 'present.cypher'), 'RETURN 1');
    expect(() => new CypherLoader(dir, ['present', 'missingQuery'])).toThrow(ConfigurationError);
    expect(() => new CypherLoader(dir, ['present', 'missingQuery'])).toThrow(/missingQuery\.cypher/);
    expect(new CypherLoader(dir, ['present']).get('present')).toBe('RETURN 1');
  });

  it('finds the repository cypher folder', () => {
    expect(CypherLoader.filesIn(cypherDir())).toEqual(expect.any(Array));
  });
});
