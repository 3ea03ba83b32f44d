/** Stops the Neo4j that global-setup started (if any) and removes its data folder. */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__KG_NEO4J__;
  if (server) {
    await server.stop();
    globalThis.__KG_NEO4J__ = undefined;
  }
}
