import 'reflect-metadata';
import { Command } from 'commander';
import { DomainError } from '../domain/errors';
import { dbCommand } from './db-migrate.command';
import { importCommand } from './import.command';
import { exportCommand } from './export.command';
import { keysCommand } from './keys.command';
import { tokenCommand } from './token.command';
import { serveCommand } from './serve.command';
import { generateCommand } from './generate.command';

/** Builds the `kg` program with all its sub-commands. */
export function buildProgram(): Command {
  const program = new Command('kg')
    .description('Humanitarian research knowledge graph: import, serve and manage it')
    .showHelpAfterError();
  program.addCommand(serveCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  program.addCommand(generateCommand());
  program.addCommand(dbCommand());
  program.addCommand(keysCommand());
  program.addCommand(tokenCommand());
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    const message = err instanceof DomainError ? `${err.code}: ${err.message}` : (err as Error).stack ?? String(err);
    process.stderr.write(`kg: ${message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module || require.main?.filename.endsWith('bin/kg.js')) void main(process.argv);
