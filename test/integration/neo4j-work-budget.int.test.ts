import { performance } from 'node:perf_hooks';
import { Neo4jError } from 'neo4j-driver';
import { TimeoutError } from '../../src/domain/errors';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

const QUERY_TIMEOUT_MS = 30_000;

describeNeo4j('Neo4j and the work budget (real Neo4j)', () => {
  let store: Neo4jStore;
  beforeAll(async () => {
    store = new Neo4jStore(testRunner({ queryTimeoutMs: QUERY_TIMEOUT_MS }));
    await wipeDatabase(store.runner);
    const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: 3000, seed: 'work-budget' })) }]);
    await store.importPublications(prepared.records, prepared.reference);
  }, 120_000);
  afterAll(() => store?.close());

  it('gives each transaction only what is left of the deadline, so Neo4j stops a real query long before KG_QUERY_TIMEOUT_MS', async () => {
    // Neo4j checks transaction deadlines every 2 s or so, so a query is stopped only when a check
    // falls while it runs: repeat real exploration queries, each in a unit with 20 ms to spend.
    const calls = [
      () => store.neighborhood(['Region:world', 'Region:asia'], { depth: 3, limit: 2000, types: [] }),
      () => store.themeMatrix(null, null, 'COUNTRY', {}),
      () => store.facets({}, 100),
    ];
    const giveUp = Date.now() + 30_000;
    const failures: unknown[] = [];
    let stopped: { error: TimeoutError; ms: number } | undefined;
    for (let i = 0; !stopped && Date.now() < giveUp; i++) {
      const started = performance.now();
      const unit = await store.track(() => calls[i % calls.length]().then(() => undefined, (err: unknown) => err), { deadline: Date.now() + 20, timeoutMs: 20 });
      if (unit.result === undefined) continue;
      failures.push(unit.result);
      // Without a driver error as its cause, the runner refused a statement (or a retry) itself, past the deadline.
      if (unit.result instanceof TimeoutError && unit.result.cause instanceof Neo4jError) stopped = { error: unit.result, ms: performance.now() - started };
    }
    for (const failure of failures) expect(failure).toBeInstanceOf(TimeoutError);
    // The server stopped one, well before the 30 s the setting allows.
    expect(stopped?.error.message).toBe('the query ran past its time limit and was stopped');
    expect(stopped!.ms).toBeLessThan(QUERY_TIMEOUT_MS / 3);
    // The store keeps serving, within a budget too.
    const after = await store.track(() => store.facets({}, 5), { deadline: Date.now() + 20_000, maxObjects: 1_000 });
    expect(after.result.total).toBe(3000);
    expect(after.roundTrips).toBe(1);
  }, 90_000);

  it('stops a unit whose answers pass maxObjects on the call that passes it (page items count one each), then refuses the next call', async () => {
    const unit = await store.track(async () => {
      const page = await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 100 });
      const next = await store.findPublications({}, { field: 'YEAR', direction: 'DESC' }, { first: 100, after: page.items[99].key }).catch((err: unknown) => err);
      const later = await store.listThemes().catch((err: unknown) => err);
      return { page, next, later };
    }, { maxObjects: 150 });
    expect(unit.result.page.items).toHaveLength(100);
    expect(unit.result.next).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 150, actual: 200 });
    expect(unit.result.later).toMatchObject({ code: 'RESPONSE_TOO_LARGE', limit: 150, actual: 200 });
    expect(unit).toMatchObject({ roundTrips: 2, objects: 200 });
  });
});
