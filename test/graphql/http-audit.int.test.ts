import { serverAudits, type AuditResult } from 'graphql-http';
import type { RunningServer } from '../../src/server/http.server';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import type { GraphStore } from '../../src/store/store';
import { startTestServer } from '../helpers/api';
import { seededMemoryStore } from '../helpers/memory';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';

/** Runs every audit of graphql-http's public suite, one after another, against a URL. */
async function audit(url: string): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url, fetchFn: fetch })) results.push(await fn());
  return results;
}

/** The audits that are not `ok`, one readable line each. */
function failures(results: readonly AuditResult[]): string[] {
  return results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.id} ${r.name}${'reason' in r ? `: ${r.reason}` : ''}`);
}

function describeAudit(name: string, open: () => Promise<GraphStore>, describeIt: jest.Describe = describe): void {
  describeIt(`the graphql-http server audit on the ${name} store`, () => {
    let store: GraphStore;
    let server: RunningServer;

    beforeAll(async () => {
      store = await open();
      server = await startTestServer(store);
    });
    afterAll(async () => {
      await server?.stop();
      await store?.close();
    });

    it('passes every audit: no error, no warning, no notice', async () => {
      const results = await audit(server.url);
      // The suite of graphql-http 1.23 has 61 audits; a much shorter list would mean it was not run.
      expect(results.length).toBeGreaterThan(50);
      expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
      expect(failures(results)).toEqual([]);
      expect(results.every((r) => r.status === 'ok')).toBe(true);
    });
  });
}

describeAudit('embedded (memory)', seededMemoryStore);

describeAudit('Neo4j', async () => {
  await seedNeo4j();
  return new Neo4jStore(testRunner());
}, describeNeo4j);
