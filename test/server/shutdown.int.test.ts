import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
const KG = join(ROOT, 'dist', 'src', 'cli', 'kg.js');

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly bound: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `kg serve` on the bundled sample (PORT 0), without HOST, and waits for its ready line. */
async function serve(env: Record<string, string> = {}): Promise<Served> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env };
  delete childEnv.NEO4J_URI;
  delete childEnv.HOST;
  // As operators run it: Jest sets NODE_ENV=test, which hid Apollo's own signal handler (http.server.ts).
  delete childEnv.NODE_ENV;
  const child = spawn(process.execPath, [KG, 'serve'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  const ready = await new Promise<{ url: string; bound: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kg serve did not become ready within 60 s')), 60_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; bound?: string };
        if (entry.url && entry.bound) {
          clearTimeout(timer);
          resolve({ url: entry.url, bound: entry.bound });
        }
      } catch {
        // not a log line
      }
    });
    void exited.then(({ code }) => reject(new Error(`kg serve exited with ${code} before it was ready`)));
  });
  return { child, exited, ...ready };
}

/**
 * Starts a POST whose body is held back after its first half, so the request is in flight for as
 * long as the test wants; `finish()` sends the rest, and `answer` is the response.
 */
function heldRequest(url: string, query: string) {
  const body = Buffer.from(JSON.stringify({ query }));
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.write(body.subarray(0, half));
    finish = () => req.end(body.subarray(half));
  });
  return { answer, finish: () => finish() };
}

describe('kg serve: default bind address and graceful shutdown', () => {
  const started: ChildProcess[] = [];
  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }, 180_000);
  afterAll(() => {
    for (const child of started) if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  });

  it('binds 127.0.0.1 when neither HOST nor --host says otherwise, and logs the address really bound', async () => {
    const served = await serve();
    started.push(served.child);
    expect(served.bound).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(served.url).toBe(`http://${served.bound}/graphql`);
    served.child.kill('SIGTERM');
    expect((await served.exited).code).toBe(0);
  }, 90_000);

  it('on SIGTERM lets a request in flight finish, refuses new connections, closes the store and exits 0', async () => {
    const served = await serve();
    started.push(served.child);
    const held = heldRequest(served.url, '{ themes { name } }');
    await new Promise((r) => setTimeout(r, 200)); // the server has the request's headers and half its body
    served.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // Listening has stopped: a new connection is refused.
    await expect(fetch(served.url.replace('/graphql', '/health/live'))).rejects.toThrow();
    held.finish();
    const answer = await held.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.themes.length).toBeGreaterThan(5);
    const exit = await served.exited;
    expect([exit.code, exit.signal]).toEqual([0, null]);
  }, 90_000);

  it('waits at most KG_SHUTDOWN_GRACE_MS for a request that never finishes, then exits 0', async () => {
    const served = await serve({ KG_SHUTDOWN_GRACE_MS: '700' });
    started.push(served.child);
    const held = heldRequest(served.url, '{ themes { name } }');
    held.answer.catch(() => undefined); // its connection is closed at the end of the grace period
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    served.child.kill('SIGTERM');
    const exit = await served.exited;
    expect([exit.code, exit.signal]).toEqual([0, null]);
    expect(exit.at - signalled).toBeGreaterThanOrEqual(600);
    expect(exit.at - signalled).toBeLessThan(5_000);
  }, 90_000);

  it('exits at once on a second signal', async () => {
    const served = await serve({ KG_SHUTDOWN_GRACE_MS: '30000' });
    started.push(served.child);
    const held = heldRequest(served.url, '{ themes { name } }');
    held.answer.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    served.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const second = Date.now();
    served.child.kill('SIGTERM');
    const exit = await served.exited;
    expect(exit.code).toBe(143);
    expect(exit.at - second).toBeLessThan(2_000);
  }, 90_000);
});
