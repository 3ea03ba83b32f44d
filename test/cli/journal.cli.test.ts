import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KG, ROOT, serveKg, type ServedKg } from '../helpers/kg-cli';

const PUBLICATION = 'Publication:iom-case-data-analysis-human-trafficking';

/** The environment of a user with no Neo4j and no tokens: the embedded store, API keys only. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  for (const name of Object.keys(env)) if (name.startsWith('NEO4J_') || name.startsWith('KG_')) delete env[name];
  return env;
}

type Server = ServedKg;

/** Starts `kg serve` on `dataDir` and resolves once it logs that it is ready (within 60 s). */
function serve(dataDir: string, started: ChildProcess[]): Promise<Server> {
  return serveKg(['--data-dir', dataDir], embeddedEnv(), started);
}

/** Resolves once the child has exited (within 10 s). */
function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit within 10 s`)), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, key?: string): Promise<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return (await res.json()) as { data?: any };
}

const READ = 'query ($id: ID!) { publication(id: $id) { title version themes { theme { id } } } }';
const REJECT = 'mutation ($p: ID!, $t: ID!) { setPublicationTheme(publication: $p, theme: $t, decision: REJECTED, note: "not this one") { publication { version } change { operation } } }';
const EDIT = 'mutation ($id: ID!, $v: Int!, $title: String!) { updatePublication(id: $id, expectedVersion: $v, input: { title: $title }) { publication { version title } change { operation } } }';

async function read(url: string): Promise<{ title: string; version: number; themes: string[] }> {
  const { data, errors } = await graphql(url, READ, { id: PUBLICATION });
  expect(errors).toBeUndefined();
  const p = data.publication as { title: string; version: number; themes: { theme: { id: string } }[] };
  return { title: p.title, version: p.version, themes: p.themes.map((t) => t.theme.id) };
}

describe('kg serve keeps curation writes across a SIGKILL (compiled CLI, embedded store)', () => {
  const started: ChildProcess[] = [];
  let dir: string;

  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'kg-cli-journal-'));
  }, 150_000);

  afterAll(() => {
    // Only the servers this test started, by their own handles.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays a REJECTED theme and an edited title that were acknowledged just before the server was killed', async () => {
    const dataDir = join(dir, 'state');
    const created = spawnSync(process.execPath, [KG, 'keys', 'create', '--name', 'cur', '--role', 'curator', '--data-dir', dataDir], { cwd: ROOT, env: embeddedEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(created.status).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^kg_/);

    const first = await serve(dataDir, started);
    expect(first.lines.find((l) => l.journal)).toMatchObject({ journal: join(dataDir, 'journal.ndjson'), replayed: 0, skipped: 0 });
    const initial = await read(first.url);
    expect(initial.version).toBe(1);
    const theme = initial.themes[0]!;
    expect(theme).toMatch(/^Theme:/);

    const edited = await graphql(first.url, EDIT, { id: PUBLICATION, v: 1, title: 'IOM case data (curated title)' }, key);
    expect(edited.errors).toBeUndefined();
    expect(edited.data).toEqual({ updatePublication: { publication: { version: 2, title: 'IOM case data (curated title)' }, change: { operation: 'UPDATE_PUBLICATION' } } });
    const rejected = await graphql(first.url, REJECT, { p: PUBLICATION, t: theme }, key);
    // Killed the moment the acknowledgement is in: no shutdown hook, no flush.
    process.kill(first.child.pid!, 'SIGKILL');
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data).toEqual({ setPublicationTheme: { publication: { version: 3 }, change: { operation: 'SET_THEME' } } });
    expect(await exited(first.child)).toBe('SIGKILL');

    const second = await serve(dataDir, started);
    expect(second.lines.find((l) => l.journal)).toMatchObject({ journal: join(dataDir, 'journal.ndjson'), replayed: 2, skipped: 0 });
    expect(second.lines.find((l) => l.journal)!.msg).toBe(`replayed 2 curation write(s) from ${join(dataDir, 'journal.ndjson')}`);
    const afterKill = await read(second.url);
    expect(afterKill.themes).not.toContain(theme);
    expect(afterKill.themes).toEqual(initial.themes.filter((t) => t !== theme));
    expect(afterKill).toMatchObject({ title: 'IOM case data (curated title)', version: 3 });

    // A write on the restarted server, killed again at once, is kept on top of the replayed ones.
    const again = await graphql(second.url, EDIT, { id: PUBLICATION, v: 3, title: 'IOM case data (second edit)' }, key);
    process.kill(second.child.pid!, 'SIGKILL');
    expect(again.data?.updatePublication?.publication).toEqual({ version: 4, title: 'IOM case data (second edit)' });
    expect(await exited(second.child)).toBe('SIGKILL');

    const third = await serve(dataDir, started);
    expect(third.lines.find((l) => l.journal)).toMatchObject({ replayed: 3, skipped: 0 });
    expect(await read(third.url)).toEqual({ title: 'IOM case data (second edit)', version: 4, themes: afterKill.themes });
    expect(readFileSync(join(dataDir, 'journal.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).op)).toEqual(['updatePublication', 'setPublicationTheme', 'updatePublication']);
    third.child.kill('SIGTERM');
    await exited(third.child);
  }, 180_000);
});
