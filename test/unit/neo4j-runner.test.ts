import type { Driver } from 'neo4j-driver';
import { TimeoutError } from '../../src/domain/errors';
import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';

interface Attempt { mode: 'READ' | 'WRITE'; timeout: number }

/**
 * Returns a runner over a stand-in driver that records the transaction timeout of every managed
 * transaction and runs its work `tries` times (as the driver does after a transient error).
 */
function fakeRunner(settings: { queryTimeoutMs: number; writeTimeoutMs: number }, tries = 1, between: () => Promise<void> = async () => {}) {
  const attempts: Attempt[] = [];
  const tx = { run: async () => ({ records: [] }) };
  const transaction = (mode: Attempt['mode']) => async (work: (t: typeof tx) => Promise<unknown>, config: { timeout: number }) => {
    attempts.push({ mode, timeout: config.timeout });
    let result: unknown;
    for (let i = 0; i < tries; i++) {
      if (i > 0) await between();
      result = await work(tx);
    }
    return result;
  };
  const driver = {
    executeQueryBookmarkManager: undefined,
    session: () => ({ executeRead: transaction('READ'), executeWrite: transaction('WRITE'), close: async () => {} }),
  } as unknown as Driver;
  return { runner: new Neo4jRunner(driver, settings), attempts };
}

describe('Neo4jRunner and the work budget', () => {
  const settings = { queryTimeoutMs: 5_000, writeTimeoutMs: 600_000 };

  it('uses the configured timeouts outside a budget', async () => {
    const { runner, attempts } = fakeRunner(settings);
    await runner.read('RETURN 1');
    await runner.write((tx) => tx.run('RETURN 1'));
    await runner.track(() => runner.read('RETURN 1'));
    expect(attempts).toEqual([{ mode: 'READ', timeout: 5_000 }, { mode: 'WRITE', timeout: 600_000 }, { mode: 'READ', timeout: 5_000 }]);
  });

  it('never gives a statement longer than the unit has left, nor longer than the setting', async () => {
    const { runner, attempts } = fakeRunner(settings);
    await runner.track(async () => {
      await runner.read('RETURN 1');
      await runner.write((tx) => tx.run('RETURN 1'));
    }, { deadline: Date.now() + 800 });
    await runner.track(() => runner.read('RETURN 1'), { deadline: Date.now() + 60_000 });
    expect(attempts.map((a) => a.mode)).toEqual(['READ', 'WRITE', 'READ']);
    for (const { timeout } of attempts.slice(0, 2)) {
      expect(timeout).toBeLessThanOrEqual(800);
      expect(timeout).toBeGreaterThan(700);
    }
    expect(attempts[2].timeout).toBe(5_000);
  });

  it('starts no transaction once the deadline has passed, and counts no round trip', async () => {
    const { runner, attempts } = fakeRunner(settings);
    const unit = await runner.track(() => runner.read('RETURN 1').catch((err: unknown) => err), { deadline: Date.now() - 1, timeoutMs: 30 });
    expect(unit.result).toBeInstanceOf(TimeoutError);
    expect(unit).toMatchObject({ roundTrips: 0, objects: 0 });
    expect(attempts).toEqual([]);
    expect(runner.roundTrips).toBe(0);
  });

  it('does not let a retried transaction start past the deadline', async () => {
    const deadline = Date.now() + 30;
    const waitPastDeadline = () => new Promise<void>((resolve) => setTimeout(resolve, deadline - Date.now() + 5));
    const { runner } = fakeRunner(settings, 2, waitPastDeadline);
    const unit = await runner.track(() => runner.read('RETURN 1').catch((err: unknown) => err), { deadline });
    expect(unit.result).toBeInstanceOf(TimeoutError);
    expect(unit.roundTrips).toBe(1);
  });

  it('runs shared work counted for the unit but free of its deadline', async () => {
    const { runner, attempts } = fakeRunner(settings);
    const unit = await runner.track(() => runner.shared(() => runner.read('RETURN 1')), { deadline: Date.now() + 50 });
    expect(unit.roundTrips).toBe(1);
    expect(attempts).toEqual([{ mode: 'READ', timeout: 5_000 }]);
  });
});
