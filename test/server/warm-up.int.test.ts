import 'reflect-metadata';
import { Writable } from 'node:stream';
import pino from 'pino';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import { warmUpFromEnv } from '../../src/server/warm-up';
import { seededMemoryStore } from '../helpers/memory';

function capturingLogger() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('warm-up before listening (kg serve, KG_WARM_UP)', () => {
  it('reads KG_WARM_UP: on unless 0, and refuses anything else', () => {
    expect(warmUpFromEnv({})).toBe(true);
    expect(warmUpFromEnv({ KG_WARM_UP: '1' })).toBe(true);
    expect(warmUpFromEnv({ KG_WARM_UP: '0' })).toBe(false);
    expect(() => warmUpFromEnv({ KG_WARM_UP: 'maybe' })).toThrow(/KG_WARM_UP must be 1 or 0, not "maybe"/);
  });

  it('runs every warm-up operation without an error before the server listens, and none comes from the cache', async () => {
    const store = await seededMemoryStore();
    const log = capturingLogger();
    const server = await startServer({ store, logger: log.logger, port: 0, limits: limitsFromEnv({}), access: accessFromEnv({}), metrics: { kind: 'off' }, warmUp: true });
    try {
      const at = (msg: RegExp) => log.lines.findIndex((l) => msg.test(String(l.msg)));
      const warm = log.lines[at(/^warmed up the API/)];
      expect(warm).toMatchObject({ requests: 18, failed: 0, cacheHits: 0 });
      expect(warm.firstError).toBeUndefined();
      expect(at(/^warmed up the API/)).toBeLessThan(at(/^Server listening/));
      // The server answers as usual afterwards; a warm-up never changes an answer.
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ publications(first: 1) { totalCount } }' }) });
      expect(((await res.json()) as any).data.publications.totalCount).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });

  it('stops at the first failure: with private reads the one refused request ends it, and the server still starts', async () => {
    const store = await seededMemoryStore();
    const log = capturingLogger();
    const server = await startServer({ store, logger: log.logger, port: 0, limits: limitsFromEnv({}), access: accessFromEnv({ KG_AUTH_READS: 'authenticated' }), metrics: { kind: 'off' }, warmUp: true });
    try {
      const warm = log.lines.find((l) => /^warmed up the API/.test(String(l.msg)));
      expect(warm).toMatchObject({ requests: 1, failed: 1 });
      expect(String(warm!.firstError)).not.toBe('');
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ themes { id } }' }) });
      expect(res.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('is off unless asked for (startServer), so embedding servers and tests start as before', async () => {
    const store = await seededMemoryStore();
    const log = capturingLogger();
    const server = await startServer({ store, logger: log.logger, port: 0, metrics: { kind: 'off' } });
    await server.stop();
    expect(log.lines.some((l) => /^warmed up/.test(String(l.msg)))).toBe(false);
  });
});
