import { TimeoutError } from '../../src/domain/errors';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { describeNeo4j, testRunner, wipeDatabase } from '../helpers/neo4j';

/** Returns what the call rejected with, or undefined when it succeeded. */
const failureOf = (call: Promise<unknown>): Promise<unknown> => call.then(() => undefined, (err: unknown) => err);

describeNeo4j('Neo4j query timeouts', () => {
  let store: Neo4jStore;
  let hurried: Neo4jStore;
  beforeAll(async () => {
    store = new Neo4jStore(testRunner());
    await wipeDatabase(store.runner);
    const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: 3000, seed: 'timeouts' })) }]);
    await store.importPublications(prepared.records, prepared.reference);
    hurried = new Neo4jStore(testRunner({ queryTimeoutMs: 1 }));
  }, 120_000);
  afterAll(async () => {
    await hurried?.close();
    await store?.close();
  });

  it('stops a real query that runs past the time limit with a TimeoutError, and the store keeps working', async () => {
    // Neo4j's transaction monitor checks deadlines periodically (every 2 s by default), so a query
    // is stopped only when a check falls while it runs: repeat real exploration queries (each well
    // past 1 ms) back to back until one is. A check every 2 s makes a miss over 30 s practically impossible.
    const calls = [
      () => hurried.neighborhood(['Region:world', 'Region:asia'], { depth: 3, limit: 2000, types: [] }),
      () => hurried.themeMatrix(null, null, 'COUNTRY', {}),
      () => hurried.facets({}, 100),
    ];
    const deadline = Date.now() + 30_000;
    let error: unknown;
    for (let i = 0; error === undefined && Date.now() < deadline; i++) error = await failureOf(calls[i % calls.length]());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });

    // The driver and its pool survive: a store with the normal limit answers, and so does the
    // hurried one for a cheap query (a few tries, since a deadline check may catch even that).
    expect((await store.facets({}, 5)).total).toBe(3000);
    let themes: unknown[] | undefined;
    for (let tries = 1; themes === undefined; tries++) {
      try {
        themes = await hurried.listThemes();
      } catch (err) {
        if (!(err instanceof TimeoutError) || tries === 5) throw err;
      }
    }
    expect(themes).toHaveLength(14);
  }, 90_000);
});
