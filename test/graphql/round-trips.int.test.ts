import { generateLibrary, toListing } from '../../src/ingest/library.generator';
import { prepareImport } from '../../src/ingest/prepare-import';
import type { RunningServer } from '../../src/server/http.server';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
import { gql, startTestServer } from '../helpers/api';
import { describeNeo4j, seedNeo4j, testRunner } from '../helpers/neo4j';

/** Three levels of nesting below the root list, every level a list: the classic N+1 shape. */
const DEEP = `query($first: Int!) {
  publications(first: $first) {
    nodes {
      title
      authors { name }
      themes {
        theme {
          name
          publications(first: 5) { nodes { title countries { name region { name } } } }
        }
      }
      countries { name regionChain { name } }
    }
  }
}`;

describeNeo4j('round trips grow with depth, not rows (real Neo4j)', () => {
  let store: Neo4jStore;
  let server: RunningServer;

  beforeAll(async () => {
    await seedNeo4j();
    store = new Neo4jStore(testRunner());
    const generated = prepareImport([{ file: 'generated.txt', text: toListing(generateLibrary({ publications: 400, seed: 'round-trips' })) }]);
    expect(generated.problems).toEqual([]);
    await store.importPublications(generated.records, generated.reference);
    // DEEP with first: 100 is priced at its documented maxima (about 5 million, README "Limits"),
    // far above what it reads; an operator who wants such traversals raises KG_MAX_COST, as here.
    // What is counted here is round trips, not time: the deadline is wide, so a busy CI machine's
    // Neo4j (after the suite's large imports) is not what fails it.
    server = await startTestServer(store, { maxCost: 10_000_000, costBudgetPerMin: 0, queryTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  it('answers a 3-level query over 100 publications in a bounded number of round trips', async () => {
    const few = await gql(server.url, DEEP, { first: 5 });
    const many = await gql(server.url, DEEP, { first: 100 });
    // Status and errors together, so a failure shows its code first.
    expect({ status: few.status, errors: few.errors }).toEqual({ status: 200, errors: undefined });
    expect({ status: many.status, errors: many.errors }).toEqual({ status: 200, errors: undefined });
    const rows = many.data!.publications.nodes as { themes: unknown[] }[];
    expect(rows).toHaveLength(100);
    expect(rows.reduce((n, r) => n + r.themes.length, 0)).toBeGreaterThan(100);
    // One round trip per (field, arguments) per level: publications, authors, themes, places,
    // theme publications, their places, the region chains — never one per row.
    expect(many.roundTrips).toBeLessThanOrEqual(8);
    expect(many.roundTrips).toBe(few.roundTrips);
  });

  it('reads a page with its authors, places and themes in the page\'s own round trip', async () => {
    const PAGE = `query($first: Int!) { publications(first: $first, filter: { yearFrom: 2015 }) {
      totalCount edges { cursor node { id title year authors { name } themes { score theme { id name } } countries { id name } regions { id } mentions { id } } }
    } }`;
    const page = await gql(server.url, PAGE, { first: 20 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.publications.edges).toHaveLength(20);
    expect(page.roundTrips).toBe(1);
    // The same lists as each field reads on its own (no page around them: batched keyed reads).
    const edges = page.data!.publications.edges as { node: { id: string } & Record<string, unknown> }[];
    const alone = await gql(server.url, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Publication { id title year authors { name } themes { score theme { id name } } countries { id name } regions { id } mentions { id } } } }`, { ids: edges.map((e) => e.node.id) });
    expect(alone.errors).toBeUndefined();
    expect(alone.roundTrips).toBeGreaterThan(1);
    expect(alone.data!.nodes).toEqual(edges.map((e) => e.node));
  });
});
