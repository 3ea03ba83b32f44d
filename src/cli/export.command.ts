import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import pino from 'pino';
import { ConfigurationError } from '../domain/errors';
import { startServer } from '../server/http.server';
import { DATA_DIR_HELP, resolveDataDir } from './data-dir';
import type { InputFormat } from '../ingest/parse-result';
import { logger } from './logger';
import { exportForNeo4jAdmin } from './neo4j-admin.export';
import { openStore, StoreChoice } from './open-store';

/** What each `--format` exports, as the server's `/export/…` path. */
const PATHS = {
  gexf: '/export/graph.gexf',
  graphml: '/export/graph.graphml',
  cyjs: '/export/graph.cyjs',
  csv: '/export/publications.csv',
  'matrix-csv': '/export/matrix.csv',
} as const;
type ExportFormat = keyof typeof PATHS;

interface ExportFlags {
  format: ExportFormat;
  out?: string;
  filter?: string;
  ids?: string;
  depth?: string;
  minCount?: string;
  placeLevel?: string;
  hxl?: boolean;
  key?: string;
  store?: StoreChoice;
  data?: string[];
  dataDir?: string;
  dataFormat?: InputFormat;
  skipInvalid?: boolean;
}

/** The format that is not an HTTP export: files for `neo4j-admin database import full`, from input files. */
const NEO4J_ADMIN = 'neo4j-admin';

/**
 * Returns the `kg export` command. It answers exactly as `GET /export/…` does, because it is that
 * route: the server starts inside this process on 127.0.0.1 (a free port), the export is asked of
 * it with the given key, and the bytes go to `--out` or standard output.
 */
export function exportCommand(): Command {
  return new Command('export')
    .description('export the theme network or a neighbourhood (GEXF, GraphML, Cytoscape.js), publications (CSV), the theme × place matrix (CSV), or input files as neo4j-admin bulk-load CSVs')
    .argument('[dir]', `--format ${NEO4J_ADMIN}: the new or empty folder to write the bulk-load files into`)
    .argument('[files...]', `--format ${NEO4J_ADMIN}: the listing, JSON or CSV files to load, read and validated as kg import reads them (or --data)`)
    .addOption(new Option('--format <format>', 'what to write').choices([...Object.keys(PATHS), NEO4J_ADMIN]).makeOptionMandatory())
    .option('--out <file>', 'file to write (default: standard output)')
    .option('--filter <json>', 'a PublicationFilterInput as JSON, as publications(filter:) takes it')
    .option('--ids <ids>', 'graph formats: comma-separated seed ids; exports their neighbourhood instead of the theme network')
    .option('--depth <n>', 'graph formats with --ids: hops (1 to 3)')
    .option('--min-count <n>', 'theme network: the fewest shared publications an edge needs')
    .option('--place-level <level>', 'matrix-csv: COUNTRY, SUBREGION or REGION')
    .option('--hxl', 'csv: add the HXL hashtag row under the header')
    .option('--key <key>', 'an API key, when reads need one (default: $KG_API_KEY)')
    .addOption(new Option('--store <store>', 'memory (embedded) or neo4j (default: neo4j when NEO4J_URI is set)').choices(['memory', 'neo4j']))
    .option('--data <files...>', `listing, JSON or CSV files for the embedded store (default: the bundled sample); with --format ${NEO4J_ADMIN}, the files to load, read and validated as kg import reads them`)
    .addOption(new Option('--data-format <format>', `${NEO4J_ADMIN}: the input format, as kg import --format (default: by extension or content)`).choices(['listing', 'json', 'csv']))
    .option('--skip-invalid', `${NEO4J_ADMIN}: leave out invalid entries and list them, as kg import --skip-invalid`)
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (dir: string | undefined, files: string[], flags: ExportFlags) => {
      if ((flags.format as string) === NEO4J_ADMIN) {
        if (!dir) throw new ConfigurationError(`--format ${NEO4J_ADMIN} needs the folder to write: kg export --format ${NEO4J_ADMIN} DIR FILE…`);
        await exportForNeo4jAdmin(dir, [...files, ...(flags.data ?? [])], { format: flags.dataFormat, skipInvalid: flags.skipInvalid }, process.stdout);
        return;
      }
      if (dir) throw new ConfigurationError(`a folder and files are only for --format ${NEO4J_ADMIN}; use --out FILE and --data FILE…`);
      const code = await runExport(flags);
      if (code !== 0) process.exitCode = code;
    });
}

async function runExport(flags: ExportFlags): Promise<number> {
  const params = new URLSearchParams();
  if (flags.filter !== undefined) params.set('filter', flags.filter);
  if (flags.ids !== undefined) params.set('ids', flags.ids);
  if (flags.depth !== undefined) params.set('depth', flags.depth);
  if (flags.minCount !== undefined) params.set('minCount', flags.minCount);
  if (flags.placeLevel !== undefined) params.set('placeLevel', flags.placeLevel);
  if (flags.hxl) params.set('hxl', '1');
  const store = await openStore(flags.store, flags.data ?? [], logger, resolveDataDir(flags.dataDir));
  const running = await startServer({ store, logger: pino({ level: 'warn' }), port: 0, host: '127.0.0.1' });
  try {
    const base = new URL(running.url);
    const url = new URL(`${PATHS[flags.format]}?${params}`, base);
    const key = flags.key ?? process.env.KG_API_KEY;
    const res = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    if (res.status !== 200 || !res.body) {
      process.stderr.write(`kg export: ${res.status} ${await res.text()}\n`);
      return 1;
    }
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
    if (flags.out) await pipeline(body, createWriteStream(flags.out));
    else await pipeline(body, process.stdout, { end: false });
    return 0;
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    process.stderr.write(`kg export: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await running.stop(1_000);
    await store.close();
  }
}
