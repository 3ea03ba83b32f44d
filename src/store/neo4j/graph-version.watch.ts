import { AsyncResource } from 'node:async_hooks';

/** What the watch reads through the store. */
export interface VersionSource {
  /** Reads the graph version (graph-version.cypher). */
  readonly version: () => Promise<number>;
  /** Runs `work` as a unit of its own, so that no request's round trips, deadline or objects include it. */
  readonly apart: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Runs `fn` in the async context this module was loaded in, so the timers it sets belong to no request. */
const detached = AsyncResource.bind(<T>(fn: () => T): T => fn());

/**
 * The Neo4j adapter's knowledge of the graph version, for answers kept in memory (the server's
 * response cache). Every write, by any process, moves the version in its own transaction
 * (bump-graph-version.cypher). Once asked, the watch reads the version every `checkMs` in the
 * background, apart from every request, and `current()` answers from the last read without a
 * round trip. It vouches for a version only while that read is fresh (at most two periods old);
 * after a write by this process, until the next read has seen it; and never when `checkMs` is 0.
 * So a write by another process is seen within about `checkMs`.
 *
 * The token also carries an epoch that moves when the version is seen to go down (a wiped and
 * re-imported database), so a number reached again never stands for different data.
 */
export class GraphVersionWatch {
  private known: number | null = null;
  /** The last version read, kept across moved(): a lower one next means the database was replaced. */
  private lastSeen: number | null = null;
  private readAt = 0;
  private epoch = 0;
  /** Counts moved() calls, so that a read that was out during a write is not trusted. */
  private writes = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private closed = false;

  /**
   * @param onChange called when a read finds the version moved, before the new one is vouched for:
   *   the adapter drops its reference copy there, so that an answer read under the new version
   *   never comes from a copy of the old one.
   */
  constructor(
    private readonly source: VersionSource,
    private readonly checkMs: number,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The graph version as a token (`epoch.version`), or null when the watch cannot vouch for one now. */
  current(): string | null {
    if (this.closed || this.checkMs <= 0) return null;
    if (!this.timer && !this.reading) this.schedule(0);
    if (this.known === null || Date.now() - this.readAt > 2 * this.checkMs) return null;
    return `${this.epoch}.${this.known}`;
  }

  /** A write by this process moved the version: vouch for nothing until a read begun after it has seen the new one. */
  moved(): void {
    this.writes++;
    this.known = null;
    if (!this.closed && this.checkMs > 0 && !this.reading) this.schedule(0);
  }

  /** Stops reading for good. */
  close(): void {
    this.closed = true;
    this.known = null;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = detached(() => setTimeout(() => void this.check(), ms).unref());
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    if (this.closed || this.reading) return;
    this.reading = true;
    const startedAt = Date.now();
    const writes = this.writes;
    let again = this.checkMs;
    try {
      const version = await this.source.apart(this.source.version);
      if (this.lastSeen !== null && version < this.lastSeen) this.epoch++;
      if (this.lastSeen !== null && version !== this.lastSeen) this.onChange();
      this.lastSeen = version;
      if (this.writes === writes) {
        this.known = version;
        this.readAt = startedAt;
      } else {
        again = 0; // a write of this process happened while the read was out: read again at once
      }
    } catch {
      this.known = null;
    } finally {
      this.reading = false;
      if (!this.closed) this.schedule(again);
    }
  }
}
