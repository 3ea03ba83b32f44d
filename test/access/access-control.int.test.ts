import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import pino from 'pino';
import { newApiKey } from '../../src/domain/api-key.secret';
import type { Role } from '../../src/domain/identity.types';
import { accessFromEnv, type AccessConfig } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv, type LimitsConfig } from '../../src/server/limits/limits.config';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { applySchema } from '../../src/store/neo4j/neo4j.schema';
import type { ApiKeyStore, GraphStore } from '../../src/store/store';
import { prepareImport } from '../../src/ingest/prepare-import';
import { seededMemoryStore } from '../helpers/memory';
import { seedListingText } from '../helpers/seed';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';

const SECRET = 'test-secret-of-at-least-thirty-two-bytes-0123456789';
const ISSUER = 'https://id.example.org/realms/research';
const AUDIENCE = 'kg-api';
const now = () => Math.floor(Date.now() / 1000);

/** A pino logger whose JSON lines are collected. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function call(url: string, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
const ME = '{ me { name kind roles budget { limit remaining resetsAt } expiresAt } }';

async function hsToken(claims: Record<string, unknown>, options: { secret?: string; exp?: number; nbf?: number; iss?: string; aud?: string; sub?: string } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(options.sub ?? 'ana')
    .setIssuedAt().setExpirationTime(options.exp ?? now() + 600).setIssuer(options.iss ?? ISSUER).setAudience(options.aud ?? AUDIENCE);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

/** A JWS with `alg: none`: header and payload, and an empty signature. */
function unsignedToken(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

/** Every store the access rules run against: the embedded one with a data directory, and Neo4j. */
interface StoreUnderTest {
  store: GraphStore;
  /** A second handle on the same keys, as another process would have. */
  another(): ApiKeyStore;
  close(): Promise<void>;
}

async function addKey(keys: ApiKeyStore, name: string, role: Role, lifetimeMs: number | null = null, at = Date.now()): Promise<string> {
  const { secret, record } = newApiKey(name, role, lifetimeMs, at);
  await keys.create(record);
  return secret;
}

function describeAccess(kind: string, open: () => Promise<StoreUnderTest>): void {
  describe(`access control over HTTP (${kind} store)`, () => {
    let under: StoreUnderTest;
    const servers: RunningServer[] = [];
    const serve = async (access: Partial<AccessConfig> = {}, limits: Partial<LimitsConfig> = {}, logger: pino.Logger = pino({ level: 'silent' })) => {
      const server = await startServer({
        store: under.store, logger, port: 0, host: '127.0.0.1',
        limits: limitsFromEnv({}, limits),
        access: accessFromEnv({}, { jwtSecret: SECRET, issuer: ISSUER, audience: AUDIENCE, ...access }),
        metrics: { kind: 'same-port' },
      });
      servers.push(server);
      return server;
    };
    let url: string;
    let keys: Record<string, string>;

    beforeAll(async () => {
      under = await open();
      const day = 86_400_000;
      keys = {
        reader: await addKey(under.store.apiKeys, 'dashboard', 'reader'),
        curator: await addKey(under.store.apiKeys, 'curator-1', 'curator', 90 * day),
        admin: await addKey(under.store.apiKeys, 'ops-admin', 'admin'),
        expired: await addKey(under.store.apiKeys, 'old-script', 'reader', day, Date.now() - 2 * day),
        revoked: await addKey(under.store.apiKeys, 'leaked', 'curator'),
      };
      await under.store.apiKeys.revoke('leaked', new Date().toISOString());
      url = (await serve()).url;
    });
    afterAll(async () => {
      for (const s of servers) await s.stop();
      await under?.close();
    });

    describe('JWTs (HS256 secret)', () => {
      it('a valid token is its subject, with the roles of its claim', async () => {
        const res = await call(url, ME, bearer(await hsToken({ roles: ['curator'] })));
        expect(res.status).toBe(200);
        expect(res.body.data!.me).toMatchObject({ name: 'ana', kind: 'JWT', roles: ['CURATOR'] });
        expect(Date.parse(res.body.data!.me.expiresAt)).toBeGreaterThan(Date.now());
      });

      it.each([
        ['expired', { exp: now() - 120 }, /expired/],
        ['not yet valid', { nbf: now() + 120 }, /not valid yet/],
        ['signed with another secret', { secret: 'another-secret-of-at-least-thirty-two-bytes!!' }, /signature/],
        ['from another issuer', { iss: 'https://evil.example.com' }, /issuer/],
        ['for another audience', { aud: 'someone-else' }, /audience/],
      ])('a token %s gets 401 UNAUTHENTICATED with a Bearer challenge', async (_label, options, message) => {
        const res = await call(url, ME, bearer(await hsToken({ roles: ['reader'] }, options)));
        expect(res.status).toBe(401);
        expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
        expect(res.body.errors![0]!.message).toMatch(message);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="kg", error="invalid_token"/);
        expect(res.body.data).toBeUndefined();
      });

      it('exp and nbf are enforced with the small clock skew (30 s), not to the second', async () => {
        const justExpired = await call(url, ME, bearer(await hsToken({ roles: ['reader'] }, { exp: now() - 10 })));
        expect(justExpired.status).toBe(200);
        const almostValid = await call(url, ME, bearer(await hsToken({ roles: ['reader'] }, { nbf: now() + 10 })));
        expect(almostValid.status).toBe(200);
      });

      it('alg none is refused', async () => {
        const res = await call(url, ME, bearer(unsignedToken({ sub: 'mallory', roles: ['admin'], exp: now() + 600, iss: ISSUER, aud: AUDIENCE })));
        expect(res.status).toBe(401);
        expect(res.body.errors![0]!.message).toMatch(/unsigned \(alg none\)/);
      });

      it('a token without exp is refused', async () => {
        const token = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setIssuer(ISSUER).setAudience(AUDIENCE)
          .sign(new TextEncoder().encode(SECRET));
        const res = await call(url, ME, bearer(token));
        expect(res.status).toBe(401);
        expect(res.body.errors![0]!.message).toMatch(/exp/);
      });
    });

    describe('API keys', () => {
      it('a key works as Authorization: Bearer and as X-API-Key', async () => {
        for (const headers of [bearer(keys.reader!), { 'x-api-key': keys.reader! }]) {
          const res = await call(url, ME, headers);
          expect(res.status).toBe(200);
          expect(res.body.data!.me).toMatchObject({ name: 'dashboard', kind: 'API_KEY', roles: ['READER'], expiresAt: null });
        }
        const curator = await call(url, ME, { 'x-api-key': keys.curator! });
        expect(curator.body.data!.me).toMatchObject({ name: 'curator-1', roles: ['CURATOR'] });
        expect(Date.parse(curator.body.data!.me.expiresAt)).toBeGreaterThan(Date.now() + 80 * 86_400_000);
      });

      it('an unknown, a revoked and an expired key get the same 401, telling none apart', async () => {
        const unknown = newApiKey('nobody', 'admin', null).secret;
        const answers = await Promise.all([unknown, keys.revoked!, keys.expired!].map((k) => call(url, ME, bearer(k))));
        for (const res of answers) {
          expect(res.status).toBe(401);
          expect(res.body.errors![0]).toEqual({ message: 'the API key is not valid', extensions: { code: 'UNAUTHENTICATED' } });
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
        }
        expect(new Set(answers.map((a) => a.headers.get('www-authenticate'))).size).toBe(1);
      });

      it('a key revoked by another process is refused within a second', async () => {
        const secret = await addKey(under.store.apiKeys, 'short-lived', 'reader');
        expect((await call(url, ME, bearer(secret))).status).toBe(200);
        const revokedAt = Date.now();
        expect(await under.another().revoke('short-lived', new Date().toISOString())).toBe(true);
        let refusedAfter = -1;
        for (let i = 0; i < 30 && refusedAfter < 0; i++) {
          if ((await call(url, ME, bearer(secret))).status === 401) refusedAfter = Date.now() - revokedAt;
          else await new Promise((r) => setTimeout(r, 50));
        }
        expect(refusedAfter).toBeGreaterThanOrEqual(0);
        expect(refusedAfter).toBeLessThan(1_000);
      });

      it('records when a key was last used, and never its secret', async () => {
        await call(url, ME, bearer(keys.admin!));
        let used: string | null = null;
        for (let i = 0; i < 40 && !used; i++) {
          used = (await under.store.apiKeys.list()).find((k) => k.name === 'ops-admin')!.lastUsedAt;
          if (!used) await new Promise((r) => setTimeout(r, 25));
        }
        expect(Date.parse(used!)).toBeGreaterThan(Date.now() - 60_000);
        const listed = await call(url, '{ apiKeys { name role status lastUsedAt } }', bearer(keys.admin!));
        expect(listed.status).toBe(200);
        expect(JSON.stringify(listed.body)).not.toContain(keys.admin!.slice(3));
        expect(listed.body.data!.apiKeys).toEqual(expect.arrayContaining([
          expect.objectContaining({ name: 'leaked', status: 'REVOKED' }),
          expect.objectContaining({ name: 'old-script', status: 'EXPIRED' }),
          expect.objectContaining({ name: 'dashboard', role: 'READER', status: 'ACTIVE' }),
        ]));
      });
    });

    describe('roles', () => {
      const CREATE = 'mutation($name: String!) { createApiKey(name: $name, role: READER, expiresIn: "30d") { secret key { name role status expiresAt } } }';

      it('an anonymous mutation gets 401 with a Bearer challenge, saying how to get a role', async () => {
        const res = await call(url, CREATE, {}, { name: 'anon-try' });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="kg"');
        expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', needed: 'admin', field: 'createApiKey' });
        expect(res.body.errors![0]!.message).toMatch(/needs the admin role.*Authorization: Bearer/);
      });

      it('a role too low gets 403 FORBIDDEN naming the role needed, and nothing is written', async () => {
        for (const [credential, holder] of [[keys.reader!, 'dashboard holds reader'], [keys.curator!, 'curator-1 holds curator']] as const) {
          const res = await call(url, CREATE, bearer(credential), { name: 'too-low' });
          expect(res.status).toBe(403);
          expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', needed: 'admin', field: 'createApiKey' });
          expect(res.body.errors![0]!.message).toContain(holder);
        }
        const token = await call(url, '{ apiKeys { name } }', bearer(await hsToken({ roles: ['curator'] })));
        expect(token.status).toBe(403);
        expect((await under.store.apiKeys.list()).map((k) => k.name)).not.toContain('too-low');
      });

      it('an admin makes a key through the API; its secret is shown once and works at once', async () => {
        const res = await call(url, CREATE, bearer(keys.admin!), { name: 'made-by-api' });
        expect(res.status).toBe(200);
        const made = res.body.data!.createApiKey;
        expect(made.key).toMatchObject({ name: 'made-by-api', role: 'READER', status: 'ACTIVE' });
        expect(made.secret).toMatch(/^kg_[A-Za-z0-9_-]{43}$/);
        const me = await call(url, ME, bearer(made.secret));
        expect(me.body.data!.me.name).toBe('made-by-api');
        const again = await call(url, CREATE, bearer(keys.admin!), { name: 'made-by-api' });
        expect(again.body.errors![0]!.message).toMatch(/made-by-api/);
      });

      it('an admin token from the identity provider is admin too', async () => {
        const res = await call(url, '{ apiKeys { name } }', bearer(await hsToken({ roles: ['admin'] })));
        expect(res.status).toBe(200);
        expect(res.body.data!.apiKeys.length).toBeGreaterThanOrEqual(5);
      });

      it('reads stay public by default', async () => {
        const res = await call(url, '{ themes { id } me { name kind roles } }');
        expect(res.status).toBe(200);
        expect(res.body.data!.themes.length).toBeGreaterThan(0);
        expect(res.body.data!.me).toEqual({ name: 'anonymous', kind: 'ANONYMOUS', roles: [] });
      });
    });

    describe('private mode (KG_AUTH_READS=authenticated)', () => {
      let privateUrl: string;
      let origin: string;
      beforeAll(async () => {
        privateUrl = (await serve({ reads: 'authenticated' })).url;
        origin = new URL(privateUrl).origin;
      });

      it('an anonymous read gets 401 before it is parsed; a reader reads', async () => {
        const anonymous = await call(privateUrl, '{ themes { id } }');
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
        expect(anonymous.body.errors![0]!.message).toMatch(/private/);
        const broken = await call(privateUrl, '{ themes {');
        expect(broken.status).toBe(401);
        const reader = await call(privateUrl, '{ themes { id } }', bearer(keys.reader!));
        expect(reader.status).toBe(200);
        expect(reader.body.data!.themes.length).toBeGreaterThan(0);
      });

      it('a token that carries none of the roles gets 403', async () => {
        const res = await call(privateUrl, '{ themes { id } }', bearer(await hsToken({ roles: ['offline_access'] })));
        expect(res.status).toBe(403);
        expect(res.body.errors![0]!.message).toMatch(/needs the reader role/);
      });

      it('metrics need reader too; health probes and the playground page stay open', async () => {
        expect((await fetch(`${origin}/metrics`)).status).toBe(401);
        expect((await fetch(`${origin}/metrics`, { headers: bearer(keys.reader!) })).status).toBe(200);
        expect((await fetch(`${origin}/health/ready`)).status).toBe(200);
        expect((await fetch(`${origin}/health/live`)).status).toBe(200);
        const page = await fetch(privateUrl, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/text\/html/);
      });
    });

    describe('budgets per identity', () => {
      it('each key, token subject and address has its own budget, sized by its role', async () => {
        const budgeted = await serve({}, { costBudgetPerMin: 30, costBudgetPerMinReader: 60, costBudgetPerMinCurator: 90, budgetWindowMs: 60_000 });
        const THEMES = '{ themes { id name } }'; // 2 + 50 × 1 = 52 points
        const anonymous = await call(budgeted.url, '{ me { budget { limit remaining } } }');
        const meCost = Number(anonymous.headers.get('x-kg-cost'));
        expect(meCost).toBe(2);
        expect(anonymous.body.data!.me.budget).toEqual({ limit: 30, remaining: 30 - meCost });
        expect((await call(budgeted.url, THEMES)).status).toBe(429);

        const reader = await call(budgeted.url, THEMES, bearer(keys.reader!));
        expect(reader.status).toBe(200);
        expect(reader.headers.get('ratelimit-limit')).toBe('60');
        expect(reader.headers.get('ratelimit-remaining')).toBe('8');
        const readerAgain = await call(budgeted.url, THEMES, bearer(keys.reader!));
        expect(readerAgain.status).toBe(429);
        expect(readerAgain.body.errors![0]!.message).toMatch(/^dashboard has spent its budget of 60 .*KG_COST_BUDGET_PER_MIN_READER/);
        expect(Number(readerAgain.headers.get('retry-after'))).toBeGreaterThan(0);

        // Another identity of the same role, from the same address, still has all of its own.
        const other = await call(budgeted.url, '{ me { name budget { limit remaining resetsAt } } }', bearer(await hsToken({ roles: ['reader'] }, { sub: 'ben' })));
        expect(other.body.data!.me).toMatchObject({ name: 'ben', budget: { limit: 60, remaining: 60 - 2 } });
        expect(Date.parse(other.body.data!.me.budget.resetsAt)).toBeGreaterThan(Date.now());
        const curator = await call(budgeted.url, THEMES, bearer(keys.curator!));
        expect(curator.headers.get('ratelimit-remaining')).toBe('38');
        // Admin has no budget here (KG_COST_BUDGET_PER_MIN_ADMIN from the defaults is large).
        const admin = await call(budgeted.url, '{ me { budget { limit } } }', bearer(keys.admin!));
        expect(admin.body.data!.me.budget.limit).toBe(20_000_000);
      });
    });

    describe('failed attempts', () => {
      it('are counted in the metrics and rate-limited per address; logs carry the name, never a secret', async () => {
        const log = capturingLogger();
        const guarded = await serve({ maxFailuresPerMin: 3 }, {}, log.logger);
        const origin = new URL(guarded.url).origin;
        const ok = await call(guarded.url, ME, bearer(keys.reader!));
        expect(ok.status).toBe(200);
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await call(guarded.url, ME, bearer(`kg_${'x'.repeat(43)}`))).status);
        expect(statuses).toEqual([401, 401, 401, 429]);
        const blocked = await call(guarded.url, ME, bearer(keys.reader!));
        expect(blocked.status).toBe(429);
        expect(blocked.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
        // Without credentials the address is still served (anonymously).
        expect((await call(guarded.url, '{ themes { id } }')).status).toBe(200);
        const metrics = await (await fetch(`${origin}/metrics`)).text();
        expect(metrics).toMatch(/kg_auth_failures_total\{reason="bad_key"\} 3/);
        expect(metrics).toMatch(/kg_auth_failures_total\{reason="too_many_failures"\} 2/);
        expect(metrics).toMatch(/kg_graphql_requests_total\{operation="anonymous",outcome="ok",identity="dashboard"\} 1/);
        const lines = log.lines.join('\n');
        expect(lines).toMatch(/"identity":"dashboard"/);
        for (const secret of Object.values(keys)) expect(lines).not.toContain(secret.slice(3));
      });
    });
  });
}

describeAccess('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-access-'));
  const prepared = prepareImport([{ file: 'seed-listing.txt', text: seedListingText() }]);
  const store = new MemoryStore({ dataDir: dir });
  await store.importPublications(prepared.records, prepared.reference);
  return {
    store,
    another: () => new MemoryStore({ dataDir: dir }).apiKeys,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeNeo4j('on Neo4j', () => {
  describeAccess('neo4j', async () => {
    await seedNeo4j();
    const runner = testRunner();
    await applySchema(runner);
    const other = testRunner();
    return {
      store: new Neo4jStore(runner),
      another: () => new Neo4jStore(other).apiKeys,
      close: async () => {
        await runner.close();
        await other.close();
      },
    };
  });
});

/** JWKS verification, with key rotation, over HTTP on a store. */
function describeJwks(kind: string, open: () => Promise<{ store: GraphStore; close: () => Promise<void> }>): void {
describe(`JWKS (an identity provider's keys, served by a local HTTP server; ${kind} store)`, () => {
  let jwksServer: Server;
  let jwks: { keys: JWK[] } = { keys: [] };
  let fetches = 0;
  let jwksUrl: URL;
  let store: GraphStore;
  let closeStore: () => Promise<void>;
  let server: RunningServer;
  const pair = async (kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    return { kid, publicKey, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  };
  const rsToken = (privateKey: CryptoKey, kid: string, claims: Record<string, unknown> = { realm_access: { roles: ['curator', 'offline_access'] } }) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setSubject('4f1c-uuid').setIssuedAt().setExpirationTime('10m')
      .setIssuer(ISSUER).setAudience(AUDIENCE).sign(privateKey);

  beforeAll(async () => {
    jwksServer = createServer((req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = new URL(`http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/realms/research/protocol/openid-connect/certs`);
    ({ store, close: closeStore } = await open());
    server = await startServer({
      store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}),
      access: accessFromEnv({}, { jwksUrl, issuer: ISSUER, audience: AUDIENCE, rolesClaim: 'realm_access.roles', jwksCooldownMs: 0 }),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await closeStore?.();
    await new Promise((r) => jwksServer?.close(r));
  });

  it('verifies RS256 tokens, reads roles from realm_access.roles, and follows key rotation', async () => {
    const first = await pair('key-2026-11');
    jwks = { keys: [first.jwk] };
    const before = await call(server.url, ME, bearer(await rsToken(first.privateKey, first.kid, { realm_access: { roles: ['curator', 'offline_access'] }, preferred_username: 'ana.lopez' })));
    expect(before.status).toBe(200);
    expect(before.body.data!.me).toMatchObject({ name: 'ana.lopez', kind: 'JWT', roles: ['CURATOR'] });
    const fetchedOnce = fetches;
    expect(fetchedOnce).toBe(1);

    // Rotation: the provider publishes a new key and drops the old one.
    const second = await pair('key-2026-12');
    jwks = { keys: [second.jwk] };
    const rotated = await call(server.url, ME, bearer(await rsToken(second.privateKey, second.kid)));
    expect(rotated.status).toBe(200);
    expect(rotated.body.data!.me.roles).toEqual(['CURATOR']);
    expect(fetches).toBe(fetchedOnce + 1); // an unknown kid made jose fetch the set again
    const old = await call(server.url, ME, bearer(await rsToken(first.privateKey, first.kid)));
    expect(old.status).toBe(401);
    expect(old.body.errors![0]!.message).toMatch(/key the identity provider does not list/);
  });

  it('refuses HS/RS confusion: an HS256 token signed with the provider\'s public key', async () => {
    const key = await pair('key-confusion');
    jwks = { keys: [key.jwk] };
    const pem = await exportSPKI(key.publicKey);
    for (const secret of [pem, JSON.stringify(key.jwk)]) {
      const forged = await new SignJWT({ realm_access: { roles: ['admin'] } }).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setSubject('mallory')
        .setExpirationTime('10m').setIssuer(ISSUER).setAudience(AUDIENCE).sign(new TextEncoder().encode(secret));
      const res = await call(server.url, '{ apiKeys { name } }', bearer(forged));
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.message).toMatch(/signed with HS256, but this server verifies only RS256/);
    }
  });

  it('with both a secret and a JWKS, an HS256 token forged with the public key fails its signature', async () => {
    const key = await pair('key-both');
    jwks = { keys: [key.jwk] };
    const both = await startServer({
      store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}),
      access: accessFromEnv({}, { jwksUrl, jwtSecret: SECRET, issuer: ISSUER, audience: AUDIENCE, jwksCooldownMs: 0 }),
    });
    try {
      const forged = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime('10m')
        .setIssuer(ISSUER).setAudience(AUDIENCE).sign(new TextEncoder().encode(await exportSPKI(key.publicKey)));
      const res = await call(both.url, ME, bearer(forged));
      expect(res.status).toBe(401);
      expect(res.body.errors![0]!.message).toMatch(/signature/);
      const genuine = await call(both.url, ME, bearer(await rsToken(key.privateKey, key.kid, { roles: ['reader'] })));
      expect(genuine.status).toBe(200);
    } finally {
      await both.stop();
    }
  });
});
}

describeJwks('embedded', async () => {
  const store = await seededMemoryStore();
  return { store, close: () => store.close() };
});

describeNeo4j('JWKS on Neo4j', () => {
  describeJwks('neo4j', async () => {
    const runner = testRunner();
    return { store: new Neo4jStore(runner), close: () => runner.close() };
  });
});
