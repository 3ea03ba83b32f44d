import type { Neo4jRunner } from '../../src/store/neo4j/neo4j.runner';

/** Returns every publication with its properties and outgoing links, sorted, for whole-graph comparisons. */
export async function publicationSnapshot(runner: Neo4jRunner): Promise<unknown[]> {
  return runner.read(`
    MATCH (p:Publication)
    RETURN p.id AS id, p.title AS title, p.abstract AS abstract, p.year AS year, p.scope AS scope,
      p.sourceCategory AS sourceCategory, p.language AS language,
      COLLECT { MATCH (p)-[r:AUTHORED_BY]->(a) RETURN [r.position, a.id, a.name] ORDER BY r.position } AS authors,
      COLLECT { MATCH (p)-[:COVERS]->(x) RETURN x.id ORDER BY x.id } AS covers,
      COLLECT { MATCH (p)-[:MENTIONS]->(x) RETURN x.id ORDER BY x.id } AS mentions,
      COLLECT { MATCH (p)-[r:ABOUT]->(t) RETURN [t.id, r.score, r.evidence] ORDER BY t.id } AS themes
    ORDER BY id`);
}

/** Returns the graph's node and relationship totals, the import runs' records aside (every import adds one). */
export async function totals(runner: Neo4jRunner): Promise<{ nodes: number; relationships: number }> {
  const [row] = await runner.read('RETURN COUNT { MATCH (n) WHERE NOT n:ImportRun } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships');
  return row as { nodes: number; relationships: number };
}
