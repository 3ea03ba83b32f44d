import { AsyncResource } from 'node:async_hooks';
import { DEFAULT_REFERENCE_CHECK_MS } from './neo4j.config';
import type { ReferenceSnapshot } from './reference-snapshot';

/** What the cache reads through the store. */
export interface ReferenceSource {
  /** Reads the snapshot with the graph version it was read at (reference-nodes.cypher). */
  readonly load: () => Promise<ReferenceSnapshot>;
  /** Reads the graph version (graph-version.cypher). */
  readonly version: () => Promise<number>;
  /** Runs `work` as a unit of its own, so that no request's round trips, deadline or objects include it. */
  readonly apart: <T>(work: () => Promise<T>) => Promise<T>;
}

interface Entry {
  readonly loadedAt: number;
  readonly snapshot: Promise<ReferenceSnapshot>;
}

/** Runs `fn` in the async context this module was loaded in (start-up), so timers it sets belong to no request, its tracking or its log. */
const detached = AsyncResource.bind(<T>(fn: () => T): T => fn());

/**
 * The Neo4j adapter's copy of the reference data (countries, regions, themes, the place tree) with
 * the graph version it was read at, which every write moves in its own transaction. A copy is used
 * for at most `maxAgeMs`. While one is held, a timer reads the version every `checkMs`, outside
 * every request (no request's round trips change), and drops the copy when the version moved, or
 * when the check failed or took longer than `checkMs`; the next use reloads it. So a write by
 * another process shows here within about `checkMs` and a round trip. With `checkMs` 0 there is no
 * timer: every use reads the version first, one more round trip of the request that uses it.
 */
export class ReferenceCache {
  private entry: Entry | null = null;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly source: ReferenceSource,
    private readonly maxAgeMs: number,
    private readonly checkMs: number = DEFAULT_REFERENCE_CHECK_MS,
  ) {}

  /** Returns the snapshot, loading it when none is held (one load, shared by concurrent callers). */
  async get(): Promise<ReferenceSnapshot> {
    const held = this.current();
    if (!held) return this.load().snapshot;
    if (this.checkMs > 0) return held.snapshot;
    const [snapshot, version] = await Promise.all([held.snapshot, this.source.version()]);
    if (snapshot.version === version) return snapshot;
    this.dropIf(held);
    // A load another caller started meanwhile began after this call did: it is recent enough.
    return (this.current() ?? this.load()).snapshot;
  }

  /** Drops the held snapshot, if any, and its check; the next use reloads. */
  invalidate(): void {
    this.dropIf(this.entry);
  }

  /** Drops the snapshot and stops checking for good. */
  close(): void {
    this.closed = true;
    this.invalidate();
  }

  /** Returns the entry in use, after dropping one past its maximum age. */
  private current(): Entry | null {
    const entry = this.entry;
    if (entry && Date.now() - entry.loadedAt >= this.maxAgeMs) this.dropIf(entry);
    return this.entry;
  }

  private load(): Entry {
    const entry: Entry = { loadedAt: Date.now(), snapshot: this.source.load() };
    this.entry = entry;
    // A failed load is not kept: the next use tries again.
    entry.snapshot.then(() => this.arm(entry), () => this.dropIf(entry));
    return entry;
  }

  private dropIf(entry: Entry | null): void {
    if (!entry || this.entry !== entry) return;
    this.entry = null;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(entry: Entry): void {
    if (this.closed || this.checkMs === 0 || this.entry !== entry) return;
    clearTimeout(this.timer);
    this.timer = detached(() => setTimeout(() => void this.check(entry), this.checkMs).unref());
  }

  private async check(entry: Entry): Promise<void> {
    this.timer = undefined;
    if (this.current() !== entry) return;
    let late: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_, reject) => {
      late = setTimeout(() => reject(new Error(`no graph version within ${this.checkMs} ms`)), this.checkMs).unref();
    });
    try {
      const [snapshot, version] = await Promise.all([entry.snapshot, Promise.race([this.source.apart(this.source.version), overdue])]);
      if (snapshot.version === version) return this.arm(entry);
    } catch {
      // A failed or late check cannot vouch for the copy: it goes, as when the version moved.
    } finally {
      clearTimeout(late);
    }
    this.dropIf(entry);
  }
}
