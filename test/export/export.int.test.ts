import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import pino from 'pino';
import { newApiKey } from '../../src/domain/api-key.secret';
import { prepareImport } from '../../src/ingest/prepare-import';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { EXTRA } from '../contract/contract.fixture';
import { gql } from '../helpers/api';
import { seedListingText } from '../helpers/seed';

const ROOT = join(__dirname, '..', '..');

/** The exports of a store loaded with the seed page and the contract's extra entries, checked with independent readers. */
describe('exports (GEXF, GraphML, Cytoscape.js, publications and matrix CSV)', () => {
  let store: MemoryStore;
  let server: RunningServer;
  let base: string;
  let network: { nodes: { theme: { id: string } }[]; edges: unknown[] };
  let total: number;

  beforeAll(async () => {
    store = new MemoryStore();
    const prepared = prepareImport([{ file: 'seed.txt', text: seedListingText() }, { file: 'extra.txt', text: readFileSync(EXTRA, 'utf8') }]);
    await store.importPublications(prepared.records, prepared.reference);
    server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}), access: accessFromEnv({}) });
    base = server.url.replace(/\/graphql$/, '');
    const answer = await gql(server.url, '{ themeGraph { nodes { theme { id } } edges { source } } publications { totalCount } }');
    network = answer.data!.themeGraph;
    total = answer.data!.publications.totalCount;
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  const get = (path: string) => fetch(`${base}${path}`);

  it('graph.gexf is GEXF 1.3 that graphology reads back, with the theme network\'s nodes and edges', async () => {
    const res = await get('/export/graph.gexf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    const text = await res.text();
    expect(text).toMatch(/<gexf [^>]*version="1\.3"/);
    const graph = parseGexf(Graph, text);
    expect(network.nodes.length).toBeGreaterThan(3);
    expect(graph.order).toBe(network.nodes.length);
    expect(graph.size).toBe(network.edges.length);
    expect(graph.getNodeAttribute(network.nodes[0]!.theme.id, 'count')).toBeGreaterThan(0);
  });

  it('graph.graphml and graph.cyjs hold the same graph; with ids they hold the neighbourhood', async () => {
    const graphml = parseGraphml(Graph, await (await get('/export/graph.graphml')).text());
    expect([graphml.order, graphml.size]).toEqual([network.nodes.length, network.edges.length]);
    const cy = (await (await get('/export/graph.cyjs')).json()) as { elements: { nodes: unknown[]; edges: unknown[] } };
    expect([cy.elements.nodes.length, cy.elements.edges.length]).toEqual([network.nodes.length, network.edges.length]);

    const around = (await gql(server.url, '{ neighborhood(ids: ["Theme:gangs"], depth: 2, limit: 2000) { nodes { id } edges { id } } }')).data!.neighborhood;
    const res = await get('/export/graph.graphml?ids=Theme:gangs&depth=2');
    expect(res.headers.get('x-kg-truncated')).toBe('false');
    const sub = parseGraphml(Graph, await res.text());
    expect([sub.order, sub.size]).toEqual([around.nodes.length, around.edges.length]);
    expect(sub.hasNode('Theme:gangs')).toBe(true);
  });

  it('publications.csv has one row per publication, ";" between values, and an HXL row when asked', async () => {
    const rows = parseCsv(await (await get('/export/publications.csv')).text()) as string[][];
    expect(rows[0]).toEqual(['id', 'title', 'year', 'scope', 'country_codes', 'countries', 'regions', 'themes', 'authors', 'source_category']);
    expect(rows.length - 1).toBe(total);
    const withHxl = parseCsv(await (await get('/export/publications.csv?hxl=1')).text()) as string[][];
    expect(withHxl[1]!.every((tag) => tag.startsWith('#'))).toBe(true);
    expect(withHxl[1]).toContain('#country+code');
    expect(withHxl.length - 2).toBe(total);
    const filtered = await get(`/export/publications.csv?filter=${encodeURIComponent(JSON.stringify({ themes: ['Theme:child-marriage'] }))}`);
    const marriage = (await gql(server.url, '{ publications(filter: { themes: ["Theme:child-marriage"] }) { totalCount } }')).data!.publications.totalCount;
    expect(filtered.headers.get('x-kg-total-count')).toBe(String(marriage));
    const filteredRows = parseCsv(await filtered.text()) as string[][];
    expect(filteredRows.length - 1).toBe(marriage);
    expect(filteredRows.slice(1).every((r) => r[7]!.split(';').includes('child-marriage'))).toBe(true);
  });

  it('matrix.csv has a row per theme and a column per place, zero cells included', async () => {
    const matrix = (await gql(server.url, '{ themeMatrix(placeLevel: REGION) { rows { total } columns { total } } }')).data!.themeMatrix;
    const rows = parseCsv(await (await get('/export/matrix.csv?placeLevel=REGION')).text()) as string[][];
    expect(rows.length).toBe(matrix.rows.length + 3);
    expect(rows[0]!.length).toBe(matrix.columns.length + 3);
    expect(rows.slice(2, -1).some((r) => r.slice(2, -1).includes('0'))).toBe(true);
  });

  it('names a bad parameter, passes on the API\'s own refusals, and needs no more than reads do', async () => {
    const bad = await get('/export/publications.csv?filter=not-json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
    const tooMany = await get(`/export/publications.csv?filter=${encodeURIComponent(JSON.stringify({ countries: Array.from({ length: 51 }, (_, i) => `Country:X${i}`) }))}`);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await get('/export/graph.gexf?depth=9&ids=Theme:gangs')).status).toBe(400);
  });

  it('in private mode an export needs a reader, as /graphql does', async () => {
    const privateServer = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}), access: accessFromEnv({ KG_AUTH_READS: 'authenticated' }) });
    try {
      const at = privateServer.url.replace(/\/graphql$/, '');
      expect((await fetch(`${at}/export/matrix.csv`)).status).toBe(401);
      const reader = newApiKey('export-reader', 'reader', null);
      await store.apiKeys.create(reader.record);
      const res = await fetch(`${at}/export/matrix.csv`, { headers: { authorization: `Bearer ${reader.secret}` } });
      expect(res.status).toBe(200);
    } finally {
      await privateServer.stop();
    }
  });

  it('kg export writes the same export to a file', () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    const dir = mkdtempSync(join(tmpdir(), 'kg-export-'));
    try {
      const out = join(dir, 'graph.gexf');
      const env = { ...process.env };
      delete env.NEO4J_URI;
      const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'kg.js'), 'export', '--format', 'gexf', '--out', out, '--store', 'memory', '--data-dir', dir], { encoding: 'utf8', env, timeout: 60_000 });
      expect(run.stderr).not.toMatch(/kg export:/);
      expect(run.status).toBe(0);
      const graph = parseGexf(Graph, readFileSync(out, 'utf8'));
      expect(graph.order).toBeGreaterThan(3);
      const csv = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'kg.js'), 'export', '--format', 'csv', '--hxl', '--store', 'memory', '--data-dir', dir], { encoding: 'utf8', env, timeout: 60_000 });
      expect(csv.status).toBe(0);
      expect((parseCsv(csv.stdout) as string[][])[1]).toContain('#country+code');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
