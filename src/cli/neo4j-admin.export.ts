import { existsSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigurationError, InvalidInputError } from '../domain/errors';
import type { InputFormat } from '../ingest/parse-result';
import { defaultTagging } from '../ingest/prepare-entry';
import { neo4jAdminArguments, writeBulkImportFiles, type BulkImportFiles } from '../store/neo4j/bulk-import.files';
import { readImportFiles, reportSkipped } from './import.command';
import { startPreparation } from './import.preparation';

/** What `kg export --format neo4j-admin` reads, as `kg import` takes it. */
export interface Neo4jAdminExportFlags {
  readonly format?: InputFormat;
  readonly skipInvalid?: boolean;
}

/** What an export wrote, and the command that loads it. */
export interface Neo4jAdminExport {
  readonly dir: string;
  readonly written: BulkImportFiles;
  /** The `neo4j-admin` arguments, with the files' absolute paths. */
  readonly args: readonly string[];
}

/**
 * Prepares `files` exactly as `kg import` does (strict decoding, every entry validated, the same
 * records; any problem throws InvalidInputError with file:line and writes nothing) and writes the
 * `neo4j-admin database import full` files for them into `dir`, which must not exist or be empty:
 * they are written into a folder beside it that is renamed to `dir` only once complete. Writes
 * `dir/import.sh` with the command, and prints the command to `out`.
 */
export async function exportForNeo4jAdmin(target: string, files: readonly string[], flags: Neo4jAdminExportFlags, out: NodeJS.WritableStream): Promise<Neo4jAdminExport> {
  const dir = resolve(target);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new ConfigurationError(`${target} must be a new or empty folder: the files of one bulk load are written together`);
  }
  if (files.length === 0) throw new ConfigurationError('name the files to export after the folder (listing pages, JSON or CSV, as kg import takes them)');
  const { inputs, runFiles } = readImportFiles(files, flags.format);
  // A new database holds no admin-defined themes: the taxonomy is data/taxonomy.yaml, as kg import's on an empty graph.
  const { taxonomy, reference } = defaultTagging();
  const preparation = startPreparation({ files: inputs, skipInvalid: flags.skipInvalid, batchSize: 2_000, taxonomy });
  let prepared;
  try {
    prepared = await preparation.all();
  } finally {
    await preparation.close();
  }
  reportSkipped(prepared.skipped, out);
  if (prepared.problems.length) throw new InvalidInputError(prepared.problems);

  const staging = mkdtempSync(join(dirname(dir), `.${basename(dir)}.partial-`));
  let written: BulkImportFiles;
  let args: string[];
  try {
    written = await writeBulkImportFiles(staging, prepared.records, reference, { at: new Date().toISOString(), files: runFiles });
    args = neo4jAdminArguments(written, (file) => join(dir, file));
    writeFileSync(join(staging, 'import.sh'), importScript(written), { mode: 0o755 });
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  out.write(`wrote ${written.files.length} files to ${dir}: ${written.publications} publications, ${written.relationships} relationships\n`);
  out.write('load them into a new, stopped database (then run `kg db migrate` for the constraints and indexes):\n');
  out.write(`neo4j-admin ${args.map(shellQuote).join(' ')}\n`);
  return { dir, written, args };
}

/** Returns dir/import.sh: the command, with the files found beside the script (or in the folder given as $1, such as a container's mount). */
function importScript(written: BulkImportFiles): string {
  const args = neo4jAdminArguments(written, (file) => `"$DIR/${file}"`, '"${DATABASE:-neo4j}"');
  return [
    '#!/bin/sh',
    '# Loads these files into a new, stopped Neo4j database: neo4j-admin database import full (written by kg export --format neo4j-admin).',
    '# Usage: sh import.sh [FOLDER_AS_NEO4J_SEES_IT]; DATABASE=name picks another database (default neo4j).',
    '# Then start Neo4j and run `kg db migrate`: constraints, indexes and full-text indexes are created on the loaded graph.',
    'set -e',
    'DIR="${1:-$(cd "$(dirname "$0")" && pwd)}"',
    // `database import full NAME` on the first line, then one option per line.
    `exec neo4j-admin ${args.slice(0, 4).join(' ')} \\\n  ${args.slice(4).join(' \\\n  ')}`,
    '',
  ].join('\n');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
