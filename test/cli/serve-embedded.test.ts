import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/** Starts `kg serve` as a user would (compiled CLI, no NEO4J_URI) and returns its URL once it logs readiness. */
async function startServe(child: ChildProcess): Promise<{ url: string; store: string; nodes: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kg serve did not become ready within 60 s')), 60_000);
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; store?: string; nodes?: number };
        if (entry.url) {
          clearTimeout(timer);
          resolve({ url: entry.url, store: entry.store!, nodes: entry.nodes! });
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`kg serve exited with ${code}`)));
  });
}

describe('kg serve with no NEO4J_URI (embedded store, as a child process)', () => {
  let child: ChildProcess | undefined;

  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  }, 120_000);

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('serves the bundled sample and answers Theme:gangs', async () => {
    // Its API keys go to a throwaway data directory, not the user's.
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KG_DATA_DIR: mkdtempSync(join(tmpdir(), 'kg-serve-')) };
    delete (env as Record<string, string | undefined>).NEO4J_URI;
    const started = Date.now();
    child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'kg.js'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const ready = await startServe(child);
    expect(ready.store).toBe('memory');
    expect(ready.nodes).toBeGreaterThan(250);
    const res = await fetch(ready.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ theme(id: "Theme:gangs") { name publications { nodes { title } } } }' }),
    });
    const body = (await res.json()) as { data: { theme: { name: string; publications: { nodes: { title: string }[] } } } };
    process.stdout.write(`[serve] embedded server: first answer ${Date.now() - started} ms after spawn\n`);
    expect(body.data.theme.name).toBe('Gangs');
    expect(body.data.theme.publications.nodes.map((n) => n.title)).toEqual(['The Connection Between the Mara Salvatrucha (MS-13) and Human Trafficking']);
  }, 90_000);
});
