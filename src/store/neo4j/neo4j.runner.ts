import neo4j, { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mapNeo4jError } from './neo4j.errors';
import { toPlain } from './to-plain';
import type { Neo4jSettings } from './neo4j.config';
import type { TrackedWork, WorkBudget } from '../store';
import { WorkMeter } from '../work-meter';

/** A result row with every driver type converted to plain JS. */
export type Row = Record<string, unknown>;

/** A write transaction that runs several statements atomically and returns plain rows. */
export interface WriteTx {
  run(statement: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * The one place that talks to the driver: managed read/write transactions with a timeout,
 * plain-JS results, driver errors mapped to domain errors, and round-trip counting. Inside
 * `track`, no statement starts past the unit's deadline and none may run longer than what is left.
 */
export class Neo4jRunner {
  private readonly tracking = new AsyncLocalStorage<WorkMeter>();
  /** Total Cypher statements sent since start-up. */
  roundTrips = 0;

  constructor(
    readonly driver: Driver,
    readonly settings: Pick<Neo4jSettings, 'database' | 'queryTimeoutMs' | 'writeTimeoutMs'>,
  ) {}

  /** Returns a runner connected with the given settings (no network traffic until first use). */
  static connect(settings: Neo4jSettings): Neo4jRunner {
    const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
    const driver = neo4j.driver(settings.uri, auth, {
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      userAgent: 'kg-humanitarian/0.1',
    });
    return new Neo4jRunner(driver, settings);
  }

  /** Runs `fn` as one unit of work held to `budget`, counting the statements it sends and the objects the store returns. */
  async track<T>(fn: () => Promise<T>, budget?: WorkBudget): Promise<TrackedWork<T>> {
    const meter = new WorkMeter(budget);
    const result = await this.tracking.run(meter, fn);
    return { result, roundTrips: meter.roundTrips, objects: meter.objects };
  }

  /** Throws when the tracked unit in progress may start no new store call (see WorkMeter.admit). */
  admit(): void {
    this.tracking.getStore()?.admit();
  }

  /** Returns a store call's result after counting its objects for the tracked unit in progress (see WorkMeter.charge). */
  charge<T>(result: T): T {
    const meter = this.tracking.getStore();
    return meter ? meter.charge(result) : result;
  }

  /**
   * Runs `fn` with its statements counted for the unit in progress but not held to its deadline:
   * for work other units share (the reference snapshot), which one unit's short deadline must not fail for all.
   */
  async shared<T>(fn: () => Promise<T>): Promise<T> {
    const meter = this.tracking.getStore();
    if (!meter) return fn();
    const own = new WorkMeter();
    try {
      return await this.tracking.run(own, fn);
    } finally {
      meter.roundTrips += own.roundTrips;
    }
  }

  /** Runs one statement in a managed read transaction and returns its rows. */
  async read(statement: string, params: Record<string, unknown> = {}, timeoutMs = this.settings.queryTimeoutMs): Promise<Row[]> {
    const timeout = this.timeoutWithin(timeoutMs);
    return this.withSession('READ', (session) =>
      session.executeRead((tx) => this.runIn(tx, statement, params), { timeout }),
    );
  }

  /** Runs `work` in one managed write transaction: all its statements commit together or not at all. */
  async write<T>(work: (tx: WriteTx) => Promise<T>, timeoutMs = this.settings.writeTimeoutMs): Promise<T> {
    const timeout = this.timeoutWithin(timeoutMs);
    return this.withSession('WRITE', (session) =>
      session.executeWrite((tx) => work({ run: (s, p) => this.runIn(tx, s, p ?? {}) }), { timeout }),
    );
  }

  /** Resolves when the server answers; throws UnavailableError otherwise. */
  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.settings.database });
    } catch (err) {
      throw mapNeo4jError(err);
    }
  }

  /** Closes the driver and its connections. */
  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', fn: (s: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      // Shared bookmarks give read-your-writes across sessions, also on a cluster.
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      return await fn(session);
    } catch (err) {
      throw mapNeo4jError(err);
    } finally {
      await session.close();
    }
  }

  /** Returns a transaction timeout of at most `limitMs` that ends by the unit's deadline (at least 1 ms: 0 would mean none). */
  private timeoutWithin(limitMs: number): number {
    const left = this.tracking.getStore()?.msLeft() ?? Infinity;
    return left < limitMs ? Math.max(1, Math.ceil(left)) : limitMs;
  }

  private async runIn(tx: ManagedTransaction, statement: string, params: Record<string, unknown>): Promise<Row[]> {
    const meter = this.tracking.getStore();
    // The driver retries a transaction after transient errors (a timeout is one): never past the deadline.
    meter?.checkDeadline();
    this.roundTrips++;
    if (meter) meter.roundTrips++;
    const result = await tx.run(statement, params);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  }
}
