import type { ChangePage, ChangeQuery, ChangeRecord } from '../../domain/curation.types';
import { DEFAULT_CHANGES_RETENTION_DAYS } from '../../domain/curation.types';
import type { Row, WriteTx } from './neo4j.runner';
import type { QueryName } from './queries';

/** How long change records are kept: by age (days, measured from each write's `at`) and by count. */
export interface ChangeRetention {
  readonly retentionDays?: number;
  readonly maxRecords?: number;
}

/** A change record before the sequence numbers it. */
export type ChangeDraft = Omit<ChangeRecord, 'seq'>;

/** The most change records kept by default. */
export const DEFAULT_MAX_CHANGE_RECORDS = 1_000_000;
/** The most records one write prunes by each rule (beyond those it adds itself), so that its cost stays bounded. */
export const PRUNE_LIMIT = 1_000;
/** Records per append statement of an import. */
const APPEND_BATCH = 2_000;
const DAY_MS = 86_400_000;

type Statement = (name: QueryName) => string;
type ReadStatement = (name: QueryName, params: Record<string, unknown>) => Promise<Row[]>;

/**
 * The Neo4j change feed: `(:Change)` nodes numbered by one `(:ChangeSequence)` node, with no
 * relationships and labels no graph read names. Writers append in their own transaction (after
 * their other writes, so the sequence's lock is the last one they take) and prune there too.
 */
export class ChangeFeed {
  private readonly retentionMs: number;
  private readonly maxRecords: number;

  constructor(private readonly q: Statement, retention: ChangeRetention = {}) {
    this.retentionMs = (retention.retentionDays ?? DEFAULT_CHANGES_RETENTION_DAYS) * DAY_MS;
    this.maxRecords = Math.max(0, Math.floor(retention.maxRecords ?? DEFAULT_MAX_CHANGE_RECORDS));
  }

  /**
   * Appends the drafts in order inside `tx`, moves the graph version (so other processes drop their
   * reference copies: reference-cache.ts) and then prunes what the retention no longer keeps (age
   * measured from the last draft's `at`); returns the records as stored.
   */
  async append(tx: WriteTx, drafts: readonly ChangeDraft[]): Promise<ChangeRecord[]> {
    if (drafts.length === 0) return [];
    const sent: Promise<Row[]>[] = [];
    for (let i = 0; i < drafts.length; i += APPEND_BATCH) {
      sent.push(tx.run(this.q('append-changes'), { changes: drafts.slice(i, i + APPEND_BATCH).map(toParams) }));
    }
    // Pipelined behind the appends; the statements of a transaction run in the order they are sent.
    const bumped = tx.run(this.q('bump-graph-version'), { id: 'changes' });
    const pruned = tx.run(this.q('prune-changes'), {
      cutoffMs: epoch(drafts[drafts.length - 1].at) - this.retentionMs,
      maxRecords: this.maxRecords,
      limit: PRUNE_LIMIT + drafts.length,
    });
    const [answers] = await Promise.all([Promise.all(sent), bumped, pruned]);
    const seqs = answers.flat().map((row) => row.seq as number);
    return drafts.map((draft, i) => ({ seq: seqs[i], ...draft }));
  }

  /** See GraphStore.changes. */
  async page(read: ReadStatement, query: ChangeQuery): Promise<ChangePage> {
    const first = Math.max(0, Math.floor(query.first));
    const rows = await read('changes', { after: query.after, types: [...query.types], limit: first + 1 });
    return { items: rows.slice(0, first).map((row) => toChangeRecord(row.change)), hasNextPage: rows.length > first };
  }
}

/** Returns the record of a `c {.seq, .at, …}` projection (before/after are stored as JSON text). */
export function toChangeRecord(item: unknown): ChangeRecord {
  const c = item as { seq: number; at: string; by: string; operation: ChangeRecord['operation']; ids: string[]; before: string | null; after: string | null };
  return {
    seq: c.seq, at: c.at, by: c.by, operation: c.operation, ids: c.ids ?? [],
    before: c.before === null ? null : JSON.parse(c.before), after: c.after === null ? null : JSON.parse(c.after),
  };
}

function toParams(draft: ChangeDraft): Record<string, unknown> {
  return {
    at: draft.at, atMs: epoch(draft.at), by: draft.by, operation: draft.operation, ids: [...draft.ids],
    before: draft.before === null ? null : JSON.stringify(draft.before),
    after: draft.after === null ? null : JSON.stringify(draft.after),
  };
}

/** Returns an ISO time as epoch milliseconds; an unreadable one counts as now, so it is never pruned for its age alone. */
function epoch(at: string): number {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? Date.now() : ms;
}
