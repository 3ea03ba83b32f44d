import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
const KG = join(ROOT, 'dist', 'src', 'cli', 'kg.js');

/** Bounds of the load: it stops at whichever comes first. */
const LOAD_MS = 8_000;
const LOAD_REQUESTS = 600;
const ATTACKERS = 12;

/** POSTs from a given local address (127.0.0.2 is another client to the server's budgets). */
function post(url: string, query: string, localAddress = '127.0.0.1'): Promise<{ status: number; ms: number; code?: string }> {
  const started = performance.now();
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let code: string | undefined;
        const text = Buffer.concat(chunks).toString('utf8');
        // A large body is an answer with data (refusals are small): parsing megabytes here would
        // stall this process, which also times the other client, and so measure the test, not the server.
        if (text.length <= 65_536 || !text.startsWith('{"data"')) {
          try {
            code = JSON.parse(text).errors?.[0]?.extensions?.code;
          } catch {
            code = 'UNPARSABLE';
          }
        }
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, code });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const coauthors = (levels: number) => {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `coauthors(first: 100) { count author { name ${inner} } }`;
  return `{ author(id: "Author:x") { ${inner} } }`;
};

/** The shapes and others like them: refused ones, and heavy ones just inside the limits. */
const ATTACK = [
  coauthors(5),
  coauthors(4),
  `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: neighborhood(ids: ["Theme:gangs"], depth: 3, limit: 2000) { nodes { id } }`).join(' ')} }`,
  `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: facets(first: 100) { themes { count theme { name } } countries { count country { name } } }`).join(' ')} }`,
  '{ neighborhood(ids: ["Region:world", "Theme:child-trafficking"], depth: 3, limit: 2000) { nodes { id label type degree } edges { id source target type } } }',
  '{ publications(first: 100) { nodes { title abstract authors { name } themes { theme { name } evidence } countries { name } } } }',
  '{ themeMatrix(placeLevel: COUNTRY) { cells { theme place count } rows { theme { name } total } } }',
  '{ author(id: "Author:x") { coauthors(first: 100) { author { coauthors(first: 100) { author { name } } } } } }',
];

/** The other client: a small query from 127.0.0.2 every 100 ms for the load's duration; prints the statuses and times. */
const OTHER_CLIENT = `
const { request } = require('node:http');
const [url, loadMs] = process.argv.slice(1);
const body = JSON.stringify({ query: '{ theme(id: "Theme:gangs") { name } }' });
const one = () => new Promise((resolve, reject) => {
  const started = performance.now();
  const req = request(url, { method: 'POST', localAddress: '127.0.0.2', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve([res.statusCode, performance.now() - started]));
  });
  req.on('error', reject);
  req.end(body);
});
(async () => {
  const stopAt = Date.now() + Number(loadMs);
  const statuses = [], ms = [];
  while (Date.now() < stopAt) {
    const [status, took] = await one();
    statuses.push(status);
    ms.push(took);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(JSON.stringify({ statuses, ms }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('memory stays bounded while abusive requests arrive (kg serve on a 10,000-publication library)', () => {
  let child: ChildProcess | undefined;
  let url = '';

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    const file = join(mkdtempSync(join(tmpdir(), 'kg-abuse-')), 'library.txt');
    const gen = spawnSync(process.execPath, [KG, 'generate', '--publications', '10000', '--seed', 'abuse', file], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(`kg generate failed: ${gen.stderr}`);
    // Budgets off: an attacker with many addresses never meets one, so the bound must hold without them.
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KG_COST_BUDGET_PER_MIN: '0' };
    delete (env as Record<string, string | undefined>).NEO4J_URI;
    child = spawn(process.execPath, [KG, 'serve', '--data', file], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('kg serve did not become ready within 90 s')), 90_000);
      createInterface({ input: child!.stderr! }).on('line', (line) => {
        try {
          const entry = JSON.parse(line) as { url?: string };
          if (entry.url) {
            clearTimeout(timer);
            resolve(entry.url);
          }
        } catch {
          // not a log line
        }
      });
      child!.once('exit', (code) => reject(new Error(`kg serve exited with ${code}`)));
    });
  }, 180_000);

  afterAll(() => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  });

  it('keeps resident memory under 1 GB and answers another client within 1 s (or three heavy turns)', async () => {
    const pid = child!.pid!;
    // One heavy turn on this machine: the slowest of the heavy shapes that pass, each sent alone
    // (twice; the second counts). The lane lets a small query wait behind at most one turn, and its
    // two or three socket reads behind at most one each.
    let turnMs = 0;
    for (const [n, shape] of ATTACK.entries()) {
      let last = await post(url, `${shape} # alone ${n}a`);
      if (last.code) continue;
      last = await post(url, `${shape} # alone ${n}b`);
      turnMs = Math.max(turnMs, last.ms);
    }
    const boundMs = Math.max(1000, 3 * turnMs);
    const startedRss = rssMb(pid);
    let peakRss = startedRss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMb(pid)); }, 50);
    const deadline = Date.now() + LOAD_MS;
    let sent = 0;
    const outcomes = new Map<string, number>();
    const attacker = async (n: number) => {
      for (let i = n; Date.now() < deadline && sent < LOAD_REQUESTS; i += ATTACKERS) {
        sent++;
        // Each request differs (a comment), so the response cache never answers one: an attacker can always do that.
        const res = await post(url, `${ATTACK[i % ATTACK.length]} # request ${sent}`);
        const key = res.code ?? String(res.status);
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    };
    // The other client runs in a process of its own, so that what it measures is the server, not
    // this test process's own event loop and garbage collector (busy with the attackers' answers).
    const other = new Promise<{ statuses: number[]; ms: number[] }>((resolve, reject) => {
      const probe = spawn(process.execPath, ['-e', OTHER_CLIENT, url, String(LOAD_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      probe.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
      probe.once('error', reject);
      probe.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the other client exited with ${code}`))));
    });
    const [, seen] = await Promise.all([Promise.all(Array.from({ length: ATTACKERS }, (_, n) => attacker(n))), other]);
    const simple = seen.ms;
    expect(seen.statuses.every((s) => s === 200)).toBe(true);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, rssMb(pid));
    process.stdout.write(`[abuse] ${sent} abusive requests in ${LOAD_MS / 1000} s at most: ${JSON.stringify(Object.fromEntries(outcomes))}; ` +
      `RSS ${startedRss.toFixed(0)} → peak ${peakRss.toFixed(0)} MB; other client: ${simple.length} answers, slowest ${Math.max(...simple).toFixed(0)} ms ` +
      `(bound ${boundMs.toFixed(0)} ms; slowest heavy shape alone ${turnMs.toFixed(0)} ms)\n`);
    expect(sent).toBeGreaterThan(ATTACKERS);
    expect(outcomes.get('QUERY_TOO_COMPLEX')).toBeGreaterThan(0);
    expect(simple.length).toBeGreaterThan(5);
    expect(peakRss).toBeLessThan(1024);
    // Heavy operations take turns of the heavy lane (KG_MAX_HEAVY_CONCURRENT, 1): without it, eight
    // of them at once kept the other client waiting 3.3–4.9 s on two cores; with two turns 0.3–1.5 s
    // (Node 22 and 24); with one, 0.5–0.75 s here and 1.05 s once on CI, while turns were handed on
    // in the same chain of microtasks; handed on after a poll for I/O, 0.18–0.32 s (0.25 s with a
    // busy loop on one of the two cores). Once the response cache came, every attack request was
    // made distinct, so that each one runs: 0.18–0.53 s here. On a slower machine (CI once: 1.75 s,
    // for the first, cold request) a turn takes longer, so the bound is three turns when that is more than 1 s;
    // kg serve now warms up before it listens (src/server/warm-up.ts).
    expect(Math.max(...simple)).toBeLessThan(boundMs);
  }, 60_000);
});
