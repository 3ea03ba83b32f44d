import { performance } from 'node:perf_hooks';
import { TimeoutError } from '../../src/domain/errors';
import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import { MemoryStore } from '../../src/store/memory/memory.store';
import type { GraphStore } from '../../src/store/store';

const SIZE = 10_000;
/** An author of the library (set once it is loaded) and a country no publication covers: 6 hops apart, through hubs. */
const ends = { from: '', to: 'Country:TV' };

/** Long calls over a large library: each walks or counts far more than a few thousand steps. */
const LONG_CALLS: [string, (s: GraphStore) => Promise<unknown>][] = [
  ['neighborhood', (s) => s.neighborhood(['Region:world', 'Region:asia', 'Theme:child-trafficking'], { depth: 3, limit: 2000, types: [] })],
  ['paths', (s) => s.paths(ends.from, ends.to, { maxHops: 6, first: 20, via: [] })],
  ['facets', (s) => s.facets({}, 100)],
  ['themeMatrix', (s) => s.themeMatrix(null, null, 'COUNTRY', {})],
  ['themeGraph', (s) => s.themeGraph({}, 1)],
];

describe('MemoryStore deadlines inside long calls', () => {
  const store = new MemoryStore();
  beforeAll(async () => {
    const prepared = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: SIZE, seed: 'deadlines' })) }]);
    await store.importPublications(prepared.records, prepared.reference);
    ends.from = (await store.listAuthors({ first: 1 })).items[0].node.id;
  }, 120_000);
  afterAll(() => store.close());
  afterEach(() => jest.restoreAllMocks());

  it.each(LONG_CALLS)('stops %s mid-call once the deadline passes (a clock that moves 1 ms per reading)', async (_name, call) => {
    // Admission reads the clock once, before the deadline; from then on only the loops' checkpoints read it.
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now++);
    const unit = await store.track(() => call(store).catch((err: unknown) => err), { deadline: now + 3, timeoutMs: 3 });
    jest.restoreAllMocks();
    expect(unit.result).toBeInstanceOf(TimeoutError);
    // The call was admitted (one round trip) and then stopped from inside: it returned nothing.
    expect(unit).toMatchObject({ roundTrips: 1, objects: 0 });
  });

  it.each(LONG_CALLS)('answers %s or stops it within a bounded time when the deadline is a few ms away', async (_name, call) => {
    const started = performance.now();
    const unit = await store.track(() => call(store).then(() => 'answered', (err: unknown) => err), { deadline: Date.now() + 3, timeoutMs: 3 });
    const ms = performance.now() - started;
    expect(unit.result === 'answered' || unit.result instanceof TimeoutError).toBe(true);
    expect(ms).toBeLessThan(1_000);
  });

  it('answers the same long calls in full without a deadline', async () => {
    const answers = await store.track(() => Promise.all(LONG_CALLS.map(([, call]) => call(store))));
    expect(answers.roundTrips).toBeGreaterThanOrEqual(LONG_CALLS.length);
    expect(answers.objects).toBeGreaterThan(2_000);
    expect(answers.result[1]).toHaveLength(20);
    expect((answers.result[1] as { length: number }[])[0].length).toBe(6);
  });
});
