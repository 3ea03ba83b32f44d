import type { ChangePage, ChangeQuery, ChangeRecord } from '../../domain/curation.types';
import { DEFAULT_CHANGES_RETENTION_DAYS } from '../../domain/curation.types';
import { nodeTypeOf } from '../../domain/node.types';
import type { ByKey } from '../store';
import { keyed } from './memory.view';

/** A change record before the log numbers it. */
export type ChangeDraft = Omit<ChangeRecord, 'seq'>;

/** How long change records are kept: by age (days, measured from each write's `at`) and by count. */
export interface ChangeRetention {
  readonly retentionDays?: number;
  readonly maxRecords?: number;
}

/** The most change records kept by default. */
export const DEFAULT_MAX_CHANGE_RECORDS = 1_000_000;

const DAY_MS = 86_400_000;

/**
 * The memory store's change feed: records in seq order, never renumbered, and per publication id
 * its records in seq order (for historyOf). Nothing any graph read looks at.
 */
export class ChangeLog {
  private records: ChangeRecord[] = [];
  /** Each record's `at` as epoch milliseconds, by index. */
  private times: number[] = [];
  private byId = new Map<string, ChangeRecord[]>();
  private lastSeq = 0;
  /** The earliest `at` held (epoch ms), so most writes can tell at once that nothing is old enough to prune. */
  private earliest = Infinity;
  private readonly retentionMs: number;
  private readonly maxRecords: number;

  constructor(retention: ChangeRetention = {}) {
    this.retentionMs = (retention.retentionDays ?? DEFAULT_CHANGES_RETENTION_DAYS) * DAY_MS;
    this.maxRecords = Math.max(0, retention.maxRecords ?? DEFAULT_MAX_CHANGE_RECORDS);
  }

  /** Returns the seq the next appended record will get. */
  get nextSeq(): number {
    return this.lastSeq + 1;
  }

  /**
   * Numbers and appends the drafts (in order), then prunes what the retention no longer keeps,
   * measuring age from the last draft's `at`; returns the records as appended. Cannot throw.
   */
  append(drafts: readonly ChangeDraft[]): ChangeRecord[] {
    const added = drafts.map((draft) => freeze({ seq: ++this.lastSeq, ...draft }));
    for (const record of added) {
      this.records.push(record);
      this.times.push(epoch(record.at));
      for (const id of publicationIds(record)) (this.byId.get(id) ?? this.byId.set(id, []).get(id)!).push(record);
      this.earliest = Math.min(this.earliest, this.times[this.times.length - 1]);
    }
    if (added.length) this.prune(epoch(added[added.length - 1].at));
    return added;
  }

  /** See GraphStore.changes. */
  page(query: ChangeQuery): ChangePage {
    const first = Math.max(0, Math.floor(query.first));
    const types = query.types.length ? new Set<string>(query.types) : null;
    const items: ChangeRecord[] = [];
    let hasNextPage = false;
    for (let i = this.firstAfter(query.after ?? 0); i < this.records.length; i++) {
      const record = this.records[i];
      if (types && !record.ids.some((id) => types.has(nodeTypeOf(id) ?? ''))) continue;
      if (items.length === first) {
        hasNextPage = true;
        break;
      }
      items.push(record);
    }
    return { items, hasNextPage };
  }

  /** See GraphStore.historyOf: newest first; ids that are not publications' have none. */
  history(ids: readonly string[], first: number): ByKey<ChangeRecord[]> {
    const limit = Math.max(0, Math.floor(first));
    return keyed(ids, (id) => {
      const list = nodeTypeOf(id) === 'Publication' ? this.byId.get(id) ?? [] : [];
      return limit === 0 ? [] : list.slice(-limit).reverse();
    });
  }

  /** Forgets every record and starts numbering again from 1 (the store is emptied). */
  clear(): void {
    this.records = [];
    this.times = [];
    this.byId = new Map();
    this.lastSeq = 0;
    this.earliest = Infinity;
  }

  /** Drops the records older than the retention allows at `now`, then the oldest beyond the maximum. */
  private prune(now: number): void {
    const cutoff = now - this.retentionMs;
    let removed: ChangeRecord[] = [];
    if (this.earliest < cutoff) {
      const records: ChangeRecord[] = [];
      const times: number[] = [];
      this.records.forEach((r, i) => {
        if (this.times[i] < cutoff) removed.push(r);
        else {
          records.push(r);
          times.push(this.times[i]);
        }
      });
      this.records = records;
      this.times = times;
    }
    const excess = this.records.length - this.maxRecords;
    if (excess > 0) {
      removed = removed.concat(this.records.splice(0, excess));
      this.times.splice(0, excess);
    }
    if (removed.length === 0) return;
    const gone = new Set(removed);
    for (const id of new Set(removed.flatMap(publicationIds))) {
      const list = this.byId.get(id)!.filter((r) => !gone.has(r));
      if (list.length) this.byId.set(id, list);
      else this.byId.delete(id);
    }
    let earliest = Infinity;
    for (const t of this.times) if (t < earliest) earliest = t;
    this.earliest = earliest;
  }

  /** Returns the index of the first record with seq > after (records are in seq order). */
  private firstAfter(after: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].seq > after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Returns the publication ids a record touches, once each. */
function publicationIds(record: ChangeRecord): string[] {
  return [...new Set(record.ids.filter((id) => nodeTypeOf(id) === 'Publication'))];
}

/** Returns an ISO time as epoch milliseconds; an unreadable one counts as now, so it is never pruned for its age alone. */
function epoch(at: string): number {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? Date.now() : ms;
}

/** Returns the record frozen with its lists and objects, so no caller can change the log through an answer. */
function freeze(record: ChangeRecord): ChangeRecord {
  Object.freeze(record.ids);
  if (record.before) Object.freeze(record.before);
  if (record.after) Object.freeze(record.after);
  return Object.freeze(record);
}
