import { once } from 'node:events';
import { createWriteStream, openSync } from 'node:fs';
import { extname } from 'node:path';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { BadInputError } from '../domain/errors';
import {
  DEFAULT_SEED, generatePublications, jsonChunks, listingChunks, MAX_PUBLICATIONS,
} from '../ingest/library.generator';

/** The formats `kg generate` writes. */
export type GenerateFormat = 'listing' | 'json';

interface GenerateFlags {
  publications: number;
  seed?: string;
  format?: GenerateFormat;
}

/** What one run wrote. */
export interface GenerateSummary {
  readonly publications: number;
  readonly format: GenerateFormat;
  /** The output path, or "stdout". */
  readonly file: string;
  readonly bytes: number;
}

/** Writes are batched to about this many characters. */
const BATCH = 1 << 16;

/** Parses --publications: a whole number from 1 to 1,000,000, else a commander error naming the range. */
export function parsePublicationCount(value: string): number {
  const n = /^\d[\d_]*$/.test(value.trim()) ? Number(value.trim().replace(/_/g, '')) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_PUBLICATIONS) {
    throw new InvalidArgumentError(`must be a whole number between 1 and ${MAX_PUBLICATIONS.toLocaleString('en-US')}.`);
  }
  return n;
}

/** Returns the format for OUT: the explicit choice, else json for a .json file, else listing. */
export function formatFor(out: string, explicit?: GenerateFormat): GenerateFormat {
  return explicit ?? (out !== '-' && extname(out).toLowerCase() === '.json' ? 'json' : 'listing');
}

/** Returns the `kg generate` command: writes a seeded synthetic library (listing or JSON) to OUT or stdout. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('write a synthetic library (marked as synthetic in every entry) for load tests and demos')
    .argument('<out>', 'output file, or - for stdout')
    .requiredOption('--publications <n>', `number of publications (1 to ${MAX_PUBLICATIONS.toLocaleString('en-US')})`, parsePublicationCount)
    .option('--seed <seed>', 'random seed; the same seed gives the same library', DEFAULT_SEED)
    .addOption(new Option('--format <format>', 'output format (default: json for a .json OUT, else listing)').choices(['listing', 'json']))
    .action(async (out: string, flags: GenerateFlags) => {
      const summary = await runGenerate(out, flags);
      process.stderr.write(`${formatGenerateSummary(summary)}\n`);
    });
}

/** Generates and writes the library to `out` ("-" for `stdout`, default process.stdout); returns what it wrote. */
export async function runGenerate(out: string, flags: GenerateFlags, stdout: NodeJS.WritableStream = process.stdout): Promise<GenerateSummary> {
  const format = formatFor(out, flags.format);
  const pubs = generatePublications({ publications: flags.publications, seed: flags.seed });
  const chunks = format === 'json' ? jsonChunks(pubs) : listingChunks(pubs);
  if (out === '-') {
    const bytes = await writeChunks(chunks, stdout);
    return { publications: flags.publications, format, file: 'stdout', bytes };
  }
  let fd: number;
  try {
    fd = openSync(out, 'w');
  } catch (cause) {
    throw new BadInputError('OUT', `cannot write ${out}: ${(cause as Error).message}`);
  }
  const stream = createWriteStream(out, { fd });
  try {
    const bytes = await writeChunks(chunks, stream);
    stream.end();
    await finished(stream);
    return { publications: flags.publications, format, file: out, bytes };
  } catch (err) {
    stream.destroy();
    throw err;
  }
}

/** The one-line report printed to stderr. */
export function formatGenerateSummary(s: GenerateSummary): string {
  const count = s.publications.toLocaleString('en-US');
  return `generated ${count} synthetic publication${s.publications === 1 ? '' : 's'} (${s.format}) to ${s.file}: ${s.bytes.toLocaleString('en-US')} bytes`;
}

/** Writes the chunks in batches, waiting for 'drain' when the stream asks; returns the UTF-8 bytes written. */
async function writeChunks(chunks: Iterable<string>, stream: NodeJS.WritableStream): Promise<number> {
  let failure: Error | undefined;
  const onError = (err: Error): void => {
    failure ??= err;
  };
  stream.on('error', onError);
  let bytes = 0;
  let batch = '';
  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    bytes += Buffer.byteLength(batch);
    const ok = stream.write(batch);
    batch = '';
    if (!ok) await once(stream, 'drain');
  };
  try {
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= BATCH) await flush();
    }
    if (batch) await flush();
    if (failure) throw failure;
    return bytes;
  } finally {
    stream.off('error', onError);
  }
}
