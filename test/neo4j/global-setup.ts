import { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';
import { applySchema, serverVersion } from '../../src/store/neo4j/neo4j.schema';
import { jarCacheBytes, missingTools, startNeo4j, LocalNeo4j } from './neo4j-server';

declare global {
  // Shared with global-teardown.ts, which runs in the same context.
  var __KG_NEO4J__: LocalNeo4j | undefined;
}

const say = (line: string): void => void process.stdout.write(`[neo4j] ${line}\n`);

/** Starts the real Neo4j for the suite (or uses NEO4J_URI), applies the schema, and exports the URI to the tests. */
export default async function globalSetup(): Promise<void> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  let uri = process.env.NEO4J_URI;
  const t0 = Date.now();
  if (!uri) {
    const missing = missingTools();
    if (missing) {
      if (ci) throw new Error(`CI=true and Neo4j cannot start: ${missing}. Install a JDK 17+ and Maven, or set NEO4J_URI.`);
      process.env.KG_NEO4J_SKIP = `${missing}; install a JDK 17+ and Maven, or set NEO4J_URI`;
      say('!'.repeat(78));
      say(`SKIPPING every Neo4j test: ${process.env.KG_NEO4J_SKIP}`);
      say('!'.repeat(78));
      return;
    }
    try {
      const server = await startNeo4j({ log: say });
      globalThis.__KG_NEO4J__ = server;
      uri = server.uri;
      say(`jar cache ${server.jarsCached ? 'warm' : 'cold'} (${(jarCacheBytes() / 1e6).toFixed(0)} MB); process up in ${(server.startMs / 1000).toFixed(1)}s`);
    } catch (err) {
      if (ci) throw err;
      process.env.KG_NEO4J_SKIP = `Neo4j failed to start: ${(err as Error).message}`;
      say(`SKIPPING every Neo4j test: ${process.env.KG_NEO4J_SKIP}`);
      return;
    }
    process.env.NEO4J_URI = uri;
  }

  const runner = Neo4jRunner.connect({
    uri,
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
    database: process.env.NEO4J_DATABASE,
    queryTimeoutMs: 30_000,
    writeTimeoutMs: 300_000,
  });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        await runner.verify();
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await applySchema(runner);
    const v = await serverVersion(runner);
    process.env.KG_NEO4J_VERSION = `${v.name} ${v.version} ${v.edition}`;
    say(`${process.env.KG_NEO4J_VERSION} ready at ${uri} in ${((Date.now() - t0) / 1000).toFixed(1)}s (schema applied)`);
  } finally {
    await runner.close();
  }
}
