import { readFileSync } from 'node:fs';
import { prepareImport } from '../../src/ingest/prepare-import';
import type { ChangeRecord } from '../../src/domain/curation.types';
import { VersionConflictError } from '../../src/domain/errors';
import type { Publication } from '../../src/domain/node.types';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { EXTRA, P } from '../contract/contract.fixture';
import { contractNeo4jStore, describeNeo4j } from '../helpers/neo4j';
import { seedListingPath } from '../helpers/seed';

const AT = '2026-12-01T10:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(AT) + n * 60_000).toISOString();
const DAY = 86_400_000;

function prepared() {
  const files = [seedListingPath(), EXTRA].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  return prepareImport(files);
}

async function feed(store: Neo4jStore): Promise<ChangeRecord[]> {
  return (await store.changes({ after: null, first: 1_000, types: [] })).items as ChangeRecord[];
}

/**
 * What the Neo4j adapter adds to the curation contract: the bookkeeping (DECIDED, Change,
 * ChangeSequence) stays out of every read that walks all types or counts, concurrent writes are
 * serialised by their locks, and retention prunes inside the writes without touching the sequence.
 */
describeNeo4j('Neo4j curation', () => {
  let runner: Neo4jRunner;
  let store: Neo4jStore;
  beforeAll(async () => {
    ({ runner, store } = await contractNeo4jStore());
  });
  afterAll(() => store.close());

  it('keeps decisions and change records out of counts, degrees, paths and neighbourhoods', async () => {
    const counts = await store.counts();
    const around = async () => (await store.neighborhood([P.gangs], { depth: 1, limit: 500, types: [] })).nodes;
    const before = await around();
    const degree = before.find((n) => n.node.id === P.gangs)!.degree;
    await store.setPublicationTheme({ by: 'c', at: AT, publicationId: P.gangs, themeId: 'Theme:gangs', decision: 'REJECTED', note: null });
    await store.setPublicationTheme({ by: 'c', at: minutes(1), publicationId: P.gangs, themeId: 'Theme:covid-19', decision: 'REJECTED', note: null });
    const after = await around();
    expect(after.find((n) => n.node.id === P.gangs)!.degree).toBe(degree - 1);
    expect(after.map((n) => n.node.id)).toEqual(before.map((n) => n.node.id).filter((id) => id !== 'Theme:gangs'));
    expect(await store.paths(P.gangs, 'Theme:covid-19', { maxHops: 1, first: 5, via: [] })).toEqual([]);
    const now = await store.counts();
    expect(now.nodes).toEqual(counts.nodes);
    expect(now.relationships).toEqual({ ...counts.relationships, ABOUT: counts.relationships.ABOUT - 1 });
    // The bookkeeping is there, just not where reads look.
    const [row] = await runner.read('RETURN COUNT { ()-[:DECIDED]->() } AS decided, COUNT { (:Change) } AS changes, COUNT { (:ChangeSequence) } AS sequences');
    expect(row).toEqual({ decided: 2, changes: 16, sequences: 1 });
    const [node] = (await store.getNodes([P.gangs])) as Publication[];
    expect(Object.keys(node).sort()).toEqual(['abstract', 'id', 'language', 'scope', 'sourceCategory', 'title', 'type', 'version', 'year']);
  });

  it('numbers concurrent writes on one pair without gaps, each seeing the one before', async () => {
    const { version } = ((await store.getNodes([P.iom])) as Publication[])[0];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.setPublicationTheme({
      by: `c${i}`, at: minutes(10 + i), publicationId: P.iom, themeId: 'Theme:gangs', decision: i % 2 ? 'REJECTED' : 'CONFIRMED', note: null,
    })));
    const seqs = results.map((r) => r.change!.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(results.map((r) => r.publication.version).sort((a, b) => a - b)).toEqual(results.map((_, i) => version + 1 + i));
    // In seq order, each write's `before` is the decision the previous one left.
    const ordered = [...results].sort((a, b) => a.change!.seq - b.change!.seq);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i].change!.before).toMatchObject({ decision: ordered[i - 1].change!.after!.decision });
  });

  it('lets exactly one of many concurrent updates with the same version win', async () => {
    const { version } = ((await store.getNodes([P.nutshell])) as Publication[])[0];
    const settled = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.updatePublication({
      by: 'c', at: minutes(30), id: P.nutshell, edit: { year: 1990 + i }, expectedVersion: version,
    })));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected')) {
      expect(s.reason).toBeInstanceOf(VersionConflictError);
      expect(s.reason.currentVersion).toBe(version + 1);
    }
  });

  it('writes nothing, change record included, when a write is refused', async () => {
    const seq = (await feed(store)).at(-1)!.seq;
    await expect(store.updatePublication({ by: 'c', at: minutes(40), id: P.girl, edit: { title: 'x' }, expectedVersion: 99 })).rejects.toBeInstanceOf(VersionConflictError);
    expect((await feed(store)).at(-1)!.seq).toBe(seq);
    const [row] = await runner.read('MATCH (p:Publication {id: $id}) RETURN p.title AS title, p.curated AS curated, p._lock AS lock', { id: P.girl });
    expect(row).toEqual({ title: expect.not.stringMatching(/^x$/), curated: null, lock: null });
  });

  it('prunes by age and by count inside the writes, never re-using a seq', async () => {
    const pruning = new Neo4jStore(runner, undefined, { changes: { retentionDays: 1, maxRecords: 3 } });
    const last = (await feed(store)).at(-1)!.seq;
    // Every earlier record is older than a day by this write's clock: all go, and the count rule keeps 3.
    const far = (days: number) => new Date(Date.parse(AT) + days * DAY).toISOString();
    const written: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await pruning.setPublicationTheme({ by: 'p', at: far(10 + i / 100), publicationId: P.demand, themeId: 'Theme:gangs', decision: 'REJECTED', note: null });
      written.push(r.change!.seq);
    }
    expect(written).toEqual([last + 1, last + 2, last + 3, last + 4, last + 5]);
    expect((await feed(store)).map((c) => c.seq)).toEqual(written.slice(2));
    // Ten days later everything held is past its day; only the new record stays.
    const r = await pruning.clearPublicationTheme({ by: 'p', at: far(20), publicationId: P.demand, themeId: 'Theme:gangs' });
    expect(r.change!.seq).toBe(last + 6);
    expect((await feed(store)).map((c) => c.seq)).toEqual([last + 6]);
    expect((await store.historyOf([P.demand], 10)).get(P.demand)!.map((c) => c.seq)).toEqual([last + 6]);
  });

  it('appends an import\'s records in the order of its records, after curation writes, with the same at', async () => {
    const { records, reference } = prepared();
    const edited = records.map((r, i) => (i % 4 === 0 ? { ...r, abstract: `${r.abstract} (rev)` } : r));
    const start = (await feed(store)).at(-1)!.seq;
    await store.importPublications(edited, reference);
    const added = (await feed(store)).filter((c) => c.seq > start);
    expect(added.map((c) => c.ids[0])).toEqual(edited.filter((_, i) => i % 4 === 0).map((r) => r.id));
    expect(added.map((c) => c.seq)).toEqual(added.map((_, i) => start + 1 + i));
    expect(new Set(added.map((c) => c.at)).size).toBe(1);
    for (const c of added) expect(c).toMatchObject({ operation: 'IMPORT_UPDATE', before: { abstract: expect.any(String) }, after: { abstract: expect.stringMatching(/\(rev\)$/) } });
  });
});
