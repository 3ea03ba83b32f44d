import type { IdempotencyClaim, IdempotentAnswer } from '../../domain/idempotency.types';
import type { IdempotencyRecords } from '../store';
import type { CypherLoader } from './cypher-loader';
import type { Neo4jRunner } from './neo4j.runner';
import type { QueryName } from './queries';

/**
 * The Neo4j adapter of the idempotency records: one `(:IdempotencyKey)` node per id, shared by
 * every server process on the database. Each call is one statement in its own managed write
 * transaction; claims MERGE on the unique id, so two at once never both take a key.
 */
export class Neo4jIdempotency implements IdempotencyRecords {
  constructor(private readonly runner: Neo4jRunner, private readonly queries: CypherLoader<QueryName>) {}

  async claim(id: string, fingerprint: string, now: number, leaseMs: number): Promise<IdempotencyClaim> {
    const [row] = await this.runner.write((tx) => tx.run(this.queries.get('claim-idempotency-key'), { id, fingerprint, now, lease: now + leaseMs }));
    if (row?.take === true) return { state: 'claimed' };
    if (row?.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (row.state === 'done') return { state: 'done', answer: { status: Number(row.status), contentType: String(row.contentType), body: String(row.body) } };
    return { state: 'running' };
  }

  async complete(id: string, answer: IdempotentAnswer, until: number): Promise<void> {
    await this.runner.write((tx) => tx.run(this.queries.get('complete-idempotency-key'), { id, ...answer, until, now: Date.now() }));
  }

  async release(id: string): Promise<void> {
    await this.runner.write((tx) => tx.run(this.queries.get('release-idempotency-key'), { id }));
  }
}
