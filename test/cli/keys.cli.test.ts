import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KG, ROOT, serveKg, type ServedKg } from '../helpers/kg-cli';
import { describeNeo4j } from '../helpers/neo4j';

const SECRET = 'cli-test-secret-of-at-least-thirty-two-bytes-42';

/** The environment of a user with no Neo4j: the embedded store. */
function embeddedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...extra };
  delete env.NEO4J_URI;
  for (const name of Object.keys(env)) if (name.startsWith('KG_AUTH_') && !(name in extra)) delete env[name];
  return env;
}

function kg(args: string[], env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [KG, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts `kg serve` and resolves with its log lines once it says it is ready. */
function serve(args: string[], env: NodeJS.ProcessEnv): Promise<ServedKg> {
  return serveKg(args, env);
}

async function me(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { name kind roles } }' }) });
  return { status: res.status, body: (await res.json()) as { data?: { me: { name: string; kind: string; roles: string[] } }; errors?: { message: string }[] } };
}

describe('kg keys and kg token (compiled CLI, embedded store)', () => {
  const children: ChildProcess[] = [];
  let dir: string;

  beforeAll(() => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'kg-cli-keys-'));
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key, prints it once, lists it without the secret, serves it, and revokes it across processes', async () => {
    const dataDir = join(dir, 'state');
    const created = kg(['keys', 'create', '--name', 'dashboard', '--role', 'reader', '--expires', '90d', '--data-dir', dataDir], embeddedEnv());
    expect(created.status).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^kg_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(new RegExp(`created key "dashboard" \\(reader, expires .*\\) in ${dataDir}; it is shown once`));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const listed = kg(['keys', 'list', '--data-dir', dataDir], embeddedEnv());
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+ROLE\s+STATUS\s+CREATED\s+LAST USED\s+EXPIRES\n/);
    expect(listed.stdout).toMatch(/dashboard\s+reader\s+active\s+\d{4}-\d\d-\d\dT\S+\s+-\s+\d{4}-/);
    expect(listed.stdout).not.toContain(secret.slice(3));

    const duplicate = kg(['keys', 'create', '--name', 'dashboard', '--role', 'admin', '--data-dir', dataDir], embeddedEnv());
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/dashboard/);

    const server = await serve(['--data-dir', dataDir], embeddedEnv({ KG_AUTH_JWT_SECRET: SECRET }));
    children.push(server.child);
    expect(server.lines.find((l) => l.dataDir)).toMatchObject({ dataDir, reads: 'public', tokens: 'HS256 secret', activeApiKeys: 1 });
    const answer = await me(server.url, { authorization: `Bearer ${secret}` });
    expect(answer.body.data!.me).toEqual({ name: 'dashboard', kind: 'API_KEY', roles: ['READER'] });

    const token = kg(['token', '--sub', 'ana', '--role', 'curator', '--ttl', '1h'], embeddedEnv({ KG_AUTH_JWT_SECRET: SECRET }));
    expect(token.status).toBe(0);
    const asAna = await me(server.url, { authorization: `Bearer ${token.stdout.trim()}` });
    expect(asAna.body.data!.me).toEqual({ name: 'ana', kind: 'JWT', roles: ['CURATOR'] });

    const revoked = kg(['keys', 'revoke', 'dashboard', '--data-dir', dataDir], embeddedEnv());
    expect(revoked.status).toBe(0);
    const at = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - at < 3_000) {
      status = (await me(server.url, { 'x-api-key': secret })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - at).toBeLessThan(1_000);
    const after = kg(['keys', 'list', '--json', '--data-dir', dataDir], embeddedEnv());
    const keys = JSON.parse(after.stdout) as { name: string; status: string; lastUsedAt: string | null; hash?: string }[];
    expect(keys).toEqual([expect.objectContaining({ name: 'dashboard', status: 'revoked' })]);
    expect(Date.parse(keys[0]!.lastUsedAt!)).toBeGreaterThan(at - 60_000);
    expect(keys[0]!.hash).toBeUndefined();
  }, 120_000);

  it('says in its start-up log how to enable mutations when no credentials are configured', async () => {
    const server = await serve(['--data-dir', join(dir, 'empty')], embeddedEnv());
    children.push(server.child);
    const warning = server.lines.find((l) => /no credentials are configured/.test(l.msg ?? ''));
    expect(warning?.msg).toMatch(/every mutation is refused.*kg keys create --name NAME --role curator.*KG_AUTH_JWT_SECRET or KG_AUTH_JWKS_URL/);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { revokeApiKey(name: "x") { name } }' }) });
    expect(res.status).toBe(401);
    server.child.kill('SIGTERM');
  }, 90_000);

  it('refuses bad flags with a message naming them', () => {
    const badExpiry = kg(['keys', 'create', '--name', 'x', '--role', 'reader', '--expires', 'soon', '--data-dir', join(dir, 'bad')], embeddedEnv());
    expect(badExpiry.status).toBe(1);
    expect(badExpiry.stderr).toMatch(/--expires: "soon" is not a duration/);
    const badName = kg(['keys', 'create', '--name', 'no spaces', '--role', 'reader', '--data-dir', join(dir, 'bad')], embeddedEnv());
    expect(badName.stderr).toMatch(/name: "no spaces" is not a key name/);
    const noSecret = kg(['token', '--sub', 'ana'], embeddedEnv());
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toMatch(/KG_AUTH_JWT_SECRET, which is not set/);
    const badRole = kg(['keys', 'create', '--name', 'x', '--role', 'root', '--data-dir', join(dir, 'bad')], embeddedEnv());
    expect(badRole.stderr).toMatch(/--role.*Allowed choices are reader, curator, admin/);
  });
});

describeNeo4j('kg keys on Neo4j (compiled CLI)', () => {
  it('keeps keys as :ApiKey nodes when NEO4J_URI is set', () => {
    const env = { ...process.env, LOG_LEVEL: 'warn' };
    const name = `neo4j-cli-${Date.now()}`;
    const created = kg(['keys', 'create', '--name', name, '--role', 'curator'], env);
    expect(created.stderr).toMatch(/in Neo4j at bolt:/);
    expect(created.status).toBe(0);
    const listed = kg(['keys', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name, role: 'curator', status: 'active' })]));
    expect(kg(['keys', 'revoke', name], env).status).toBe(0);
    const after = JSON.parse(kg(['keys', 'list', '--json'], env).stdout) as { name: string; status: string }[];
    expect(after.find((k) => k.name === name)!.status).toBe('revoked');
  }, 60_000);
});
