import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import pino from 'pino';
import { prepareImport } from '../../src/ingest/prepare-import';
import { accessFromEnv } from '../../src/server/access/access.config';
import { startServer, type RunningServer } from '../../src/server/http.server';
import { limitsFromEnv } from '../../src/server/limits/limits.config';
import { MemoryStore } from '../../src/store/memory/memory.store';
import { EXTRA } from '../contract/contract.fixture';
import { gql } from '../helpers/api';
import { seedListingText } from '../helpers/seed';

/** The official GEXF 1.3 XML Schema, vendored byte for byte (see the folder's README.md). */
const XSD_DIR = join(__dirname, '..', 'fixtures', 'gexf-1.3');

/** One libxml2 diagnostic, as libxml2-wasm reports it. */
interface Diagnostic {
  readonly message: string;
  readonly level: number;
  readonly line: number;
  readonly col: number;
}

/**
 * The validator runs in a worker thread. libxml2-wasm is ESM with a top-level await (it
 * instantiates its WebAssembly module when loaded), which neither Node's require(esm) nor
 * Jest's CommonJS module loader can load, and transpiling it to CommonJS cannot keep a top-level
 * await; a worker thread loads it with Node's own ESM loader, in this process.
 *
 * The worker serves the schema documents from the vendored folder only: `gexf.xsd` includes
 * `dynamics.xsd` and imports `viz.xsd` by relative schemaLocation, and a reference to the
 * published copies (http://gexf.net/1.3/NAME.xsd) is answered with the local file too, so
 * validation never depends on the network.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, readdirSync } = require('node:fs');
const { basename, join } = require('node:path');
const { fileURLToPath } = require('node:url');

const ready = (async () => {
  const lib = await import(workerData.libxml2);
  const files = new Map(readdirSync(workerData.dir).filter((f) => f.endsWith('.xsd')).map((f) => [f, readFileSync(join(workerData.dir, f))]));
  const local = (name) => {
    let path = name;
    if (/^https?:\\/\\/(www\\.)?gexf\\.net\\/1\\.3\\//.test(name)) return files.get(basename(name));
    if (name.startsWith('file:')) path = fileURLToPath(name);
    return path.startsWith(workerData.dir + '/') ? files.get(basename(path)) : undefined;
  };
  const open = new Map();
  let next = 1;
  lib.xmlRegisterInputProvider({
    match: (name) => local(name) !== undefined,
    open: (name) => { const fd = next++; open.set(fd, { bytes: local(name), at: 0 }); return fd; },
    read: (fd, buf) => {
      const file = open.get(fd);
      if (!file) return -1;
      const n = Math.min(buf.byteLength, file.bytes.length - file.at);
      buf.set(file.bytes.subarray(file.at, file.at + n));
      file.at += n;
      return n;
    },
    close: (fd) => open.delete(fd),
  });
  const entry = join(workerData.dir, 'gexf.xsd');
  const xsd = lib.XmlDocument.fromBuffer(files.get('gexf.xsd'), { url: entry });
  const validator = lib.XsdValidator.fromDoc(xsd);
  xsd.dispose();
  return { lib, validator };
})();

const details = (e) => (Array.isArray(e && e.details) ? e.details.map(({ message, level, line, col }) => ({ message: String(message).trim(), level, line, col })) : null);

parentPort.on('message', async ({ id, xml }) => {
  try {
    const { lib, validator } = await ready;
    let doc;
    try {
      doc = lib.XmlDocument.fromString(xml);
    } catch (e) {
      return parentPort.postMessage({ id, parsed: false, errors: details(e) || [{ message: String(e), level: 3, line: 0, col: 0 }] });
    }
    try {
      validator.validate(doc);
      parentPort.postMessage({ id, parsed: true, errors: [] });
    } catch (e) {
      const errors = details(e);
      if (!errors) throw e;
      parentPort.postMessage({ id, parsed: true, errors });
    } finally {
      doc.dispose();
    }
  } catch (e) {
    parentPort.postMessage({ id, failure: String((e && e.stack) || e) + (details(e) ? ' ' + JSON.stringify(details(e)) : '') });
  }
});
`;

/** A GEXF 1.3 validator against the vendored schema: `validate(xml)` answers libxml2's diagnostics (none when the document is valid). */
class GexfSchema {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: { parsed: boolean; errors: Diagnostic[] }) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { libxml2: pathToFileURL(require.resolve('libxml2-wasm')).href, dir: XSD_DIR },
    });
    this.worker.on('message', (m: { id: number; parsed: boolean; errors: Diagnostic[]; failure?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.failure) p?.reject(new Error(m.failure));
      else p?.resolve({ parsed: m.parsed, errors: m.errors });
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  validate(xml: string): Promise<{ parsed: boolean; errors: Diagnostic[] }> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, xml });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Counts the elements named `name` in the GEXF namespace, read off the text (a second, independent count). */
const countElements = (xml: string, name: string) => (xml.match(new RegExp(`<${name}[\\s/>]`, 'g')) ?? []).length;

/** The GEXF exports, checked against the official GEXF 1.3 XML Schema with libxml2 (libxml2-wasm). */
describe('GEXF export and the GEXF 1.3 XML Schema', () => {
  let store: MemoryStore;
  let server: RunningServer;
  let base: string;
  let schema: GexfSchema;
  let network: { nodes: unknown[]; edges: unknown[] };

  beforeAll(async () => {
    schema = new GexfSchema();
    store = new MemoryStore();
    const prepared = prepareImport([{ file: 'seed.txt', text: seedListingText() }, { file: 'extra.txt', text: readFileSync(EXTRA, 'utf8') }]);
    await store.importPublications(prepared.records, prepared.reference);
    server = await startServer({ store, logger: pino({ level: 'silent' }), port: 0, host: '127.0.0.1', limits: limitsFromEnv({}), access: accessFromEnv({}) });
    base = server.url.replace(/\/graphql$/, '');
    network = (await gql(server.url, '{ themeGraph { nodes { theme { id } } edges { source } } }')).data!.themeGraph;
  });
  afterAll(async () => {
    await schema?.close();
    await server?.stop();
    await store?.close();
  });

  const gexf = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    return res.text();
  };

  it('the theme network validates with no errors, and graphology reads the same nodes and edges', async () => {
    const xml = await gexf('/export/graph.gexf');
    expect(await schema.validate(xml)).toEqual({ parsed: true, errors: [] });
    const graph = parseGexf(Graph, xml);
    expect(network.nodes.length).toBeGreaterThan(3);
    expect(network.edges.length).toBeGreaterThan(0);
    expect([graph.order, graph.size]).toEqual([network.nodes.length, network.edges.length]);
    expect([countElements(xml, 'node'), countElements(xml, 'edge')]).toEqual([graph.order, graph.size]);
    // A theme's size (its publication count) travels as data, not as a viz element the schema refuses.
    expect(xml).not.toMatch(/<viz:/);
    graph.forEachNode((_id, a) => expect([a.size, typeof a.count]).toEqual([a.count, 'number']));
  });

  it('the neighbourhood of Theme:gangs (depth 2) validates with no errors, and graphology reads the same nodes and edges', async () => {
    const around = (await gql(server.url, '{ neighborhood(ids: ["Theme:gangs"], depth: 2, limit: 2000) { nodes { id } edges { id } } }')).data!.neighborhood;
    const xml = await gexf('/export/graph.gexf?ids=Theme:gangs&depth=2');
    expect(await schema.validate(xml)).toEqual({ parsed: true, errors: [] });
    const graph = parseGexf(Graph, xml);
    expect(graph.hasNode('Theme:gangs')).toBe(true);
    expect(around.edges.length).toBeGreaterThan(0);
    expect([graph.order, graph.size]).toEqual([around.nodes.length, around.edges.length]);
    expect([countElements(xml, 'node'), countElements(xml, 'edge')]).toEqual([graph.order, graph.size]);
  });

  it('rejects a tampered export: an edge without its target, and an element the schema does not know', async () => {
    const xml = await gexf('/export/graph.gexf');
    const noTarget = xml.replace(/(<edge\b[^>]*?)\s+target="[^"]*"/, '$1');
    expect(noTarget).not.toBe(xml);
    const missing = await schema.validate(noTarget);
    expect(missing.parsed).toBe(true);
    expect(missing.errors.length).toBeGreaterThan(0);
    expect(missing.errors.map((e) => e.message).join('\n')).toMatch(/'target' is required/);

    const unknown = xml.replace('<nodes', '<clusters/><nodes');
    expect(unknown).not.toBe(xml);
    const extra = await schema.validate(unknown);
    expect(extra.errors.length).toBeGreaterThan(0);
    expect(extra.errors.map((e) => e.message).join('\n')).toMatch(/clusters.*not expected/);
  });
});
