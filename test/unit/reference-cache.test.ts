import { AsyncLocalStorage } from 'node:async_hooks';
import type { Driver } from 'neo4j-driver';
import { ReferenceCache, type ReferenceSource } from '../../src/store/neo4j/reference-cache';
import { ReferenceSnapshot } from '../../src/store/neo4j/reference-snapshot';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { loadQueries } from '../../src/store/neo4j/queries';

const CHECK_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` holds, polling every 5 ms; throws after `withinMs`. */
async function until(done: () => boolean, withinMs = 2_000): Promise<void> {
  const end = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`not within ${withinMs} ms`);
    await sleep(5);
  }
}

/** A source over a version the test moves; counts loads and version reads, and notes the async context of each read. */
function fakeSource(request: AsyncLocalStorage<string>) {
  const state = { version: 1, loads: 0, checks: 0, fail: false, slowMs: 0, contexts: [] as (string | undefined)[] };
  const source: ReferenceSource = {
    load: async () => {
      state.loads++;
      return new ReferenceSnapshot([{ type: 'GraphVersion', props: { version: state.version } }]);
    },
    version: async () => {
      state.checks++;
      state.contexts.push(request.getStore());
      if (state.slowMs) await sleep(state.slowMs);
      if (state.fail) throw new Error('Neo4j is unavailable');
      return state.version;
    },
    apart: (work) => work(),
  };
  return { state, source };
}

describe('ReferenceCache', () => {
  const request = new AsyncLocalStorage<string>();

  it('serves one load while the version holds, checking it in the background outside the caller', async () => {
    const { state, source } = fakeSource(request);
    const cache = new ReferenceCache(source, 60_000, CHECK_MS);
    const first = await request.run('request-1', () => cache.get());
    expect(first.version).toBe(1);
    await until(() => state.checks >= 3);
    expect(await cache.get()).toBe(first);
    expect(state.loads).toBe(1);
    // The timer was set while serving request-1, yet none of its reads ran in that request's context.
    expect(new Set(state.contexts)).toEqual(new Set([undefined]));
    cache.close();
  });

  it('drops the copy once the version moves: the next use reloads it', async () => {
    const { state, source } = fakeSource(request);
    const cache = new ReferenceCache(source, 60_000, CHECK_MS);
    await cache.get();
    state.version = 2;
    const checks = state.checks;
    await until(() => state.checks > checks);
    await sleep(5);
    expect((await cache.get()).version).toBe(2);
    expect(state.loads).toBe(2);
    cache.close();
  });

  it('drops the copy when a check fails or answers later than checkMs', async () => {
    for (const trouble of [{ fail: true }, { slowMs: CHECK_MS * 3 }]) {
      const { state, source } = fakeSource(request);
      const cache = new ReferenceCache(source, 60_000, CHECK_MS);
      await cache.get();
      Object.assign(state, trouble);
      await sleep(CHECK_MS * 6);
      // Dropped, and no longer checked: no copy is held.
      const checks = state.checks;
      await sleep(CHECK_MS * 4);
      expect(state.checks).toBe(checks);
      Object.assign(state, { fail: false, slowMs: 0 });
      await cache.get();
      expect(state.loads).toBe(2);
      cache.close();
    }
  });

  it('stops checking on close, and once the copy is past its maximum age', async () => {
    const { state, source } = fakeSource(request);
    const closed = new ReferenceCache(source, 60_000, CHECK_MS);
    await closed.get();
    await until(() => state.checks >= 1);
    closed.close();
    const atClose = state.checks;
    await sleep(CHECK_MS * 5);
    expect(state.checks).toBe(atClose);

    const aged = new ReferenceCache(source, CHECK_MS * 3, CHECK_MS);
    const loads = state.loads;
    await aged.get();
    await sleep(CHECK_MS * 8);
    const afterAge = state.checks;
    await sleep(CHECK_MS * 5);
    expect(state.checks).toBe(afterAge);
    await aged.get();
    expect(state.loads).toBe(loads + 2);
    aged.close();
  });

  it('with checkMs 0 sets no timer and reads the version before every use, in the caller', async () => {
    const { state, source } = fakeSource(request);
    const cache = new ReferenceCache(source, 60_000, 0);
    await request.run('request-1', () => cache.get());
    await sleep(CHECK_MS * 3);
    expect(state.checks).toBe(0);
    const held = await request.run('request-2', () => cache.get());
    expect(state).toMatchObject({ loads: 1, checks: 1, contexts: ['request-2'] });
    state.version = 5;
    const fresh = await request.run('request-3', () => cache.get());
    expect(fresh).not.toBe(held);
    expect(fresh.version).toBe(5);
    expect(state).toMatchObject({ loads: 2, checks: 2 });
    cache.close();
  });
});

describe('Neo4jStore reference copy', () => {
  /** A runner over a stand-in driver that answers reference-nodes and graph-version, counting every statement. */
  function fakeNeo4j() {
    const state = { version: 7, statements: [] as string[] };
    const queries = loadQueries();
    const rows = (statement: string): Record<string, unknown>[] => {
      if (statement === queries.get('reference-nodes')) {
        return [
          { type: 'GraphVersion', props: { version: state.version } },
          { type: 'Theme', props: { id: 'Theme:gangs', slug: 'gangs', name: 'Gangs', description: 'd' } },
        ];
      }
      if (statement === queries.get('graph-version')) return [{ version: state.version }];
      throw new Error(`unexpected statement ${statement.slice(0, 40)}`);
    };
    const tx = {
      run: async (statement: string) => {
        state.statements.push(statement === queries.get('reference-nodes') ? 'reference-nodes' : 'graph-version');
        return { records: rows(statement).map((row) => ({ toObject: () => row })) };
      },
    };
    const driver = {
      executeQueryBookmarkManager: undefined,
      session: () => ({ executeRead: (work: (t: typeof tx) => unknown) => work(tx), close: async () => {} }),
      close: async () => {},
    } as unknown as Driver;
    return { state, runner: new Neo4jRunner(driver, { queryTimeoutMs: 5_000, writeTimeoutMs: 600_000 }) };
  }

  it('checks in the background without adding a round trip to the request that loaded the copy, and stops on close', async () => {
    const { state, runner } = fakeNeo4j();
    const store = new Neo4jStore(runner, undefined, { referenceCacheMs: 60_000, referenceCheckMs: CHECK_MS });
    // One unit that outlives several checks: only its own load is counted.
    const unit = await runner.track(async () => {
      const [theme] = await store.getNodes(['Theme:gangs']);
      await until(() => state.statements.filter((s) => s === 'graph-version').length >= 3);
      await store.getNodes(['Theme:gangs']);
      return theme;
    });
    expect(unit).toMatchObject({ result: { id: 'Theme:gangs', name: 'Gangs' }, roundTrips: 1 });
    await store.close();
    const atClose = state.statements.length;
    await sleep(CHECK_MS * 5);
    expect(state.statements.length).toBe(atClose);
  });
});
