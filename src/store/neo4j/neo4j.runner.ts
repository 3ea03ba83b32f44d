import neo4j, { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mapNeo4jError } from './neo4j.errors';
import { toPlain } from './to-plain';
import type { Neo4jSettings } from './neo4j.config';

/** A result row with every driver type converted to plain JS. */
export type Row = Record<string, unknown>;

/** Counts Cypher round trips; one is open per tracked unit of work (for example a GraphQL request). */
export interface RoundTripCounter {
  count: number;
}

/** A write transaction that runs several statements atomically and returns plain rows. */
export interface WriteTx {
  run(statement: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * The one place that talks to the driver: managed read/write transactions with a timeout,
 * plain-JS results, driver errors mapped to domain errors, and round-trip counting.
 */
export class Neo4jRunner {
  private readonly tracking = new AsyncLocalStorage<RoundTripCounter>();
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

  /** Runs `fn` with a fresh counter that every statement inside it increments; returns both. */
  async track<T>(fn: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
    const counter: RoundTripCounter = { count: 0 };
    const result = await this.tracking.run(counter, fn);
    return { result, roundTrips: counter.count };
  }

  /** Returns the counter of the tracked unit of work in progress, if any. */
  currentCounter(): RoundTripCounter | undefined {
    return this.tracking.getStore();
  }

  /** Runs one statement in a managed read transaction and returns its rows. */
  async read(statement: string, params: Record<string, unknown> = {}, timeoutMs = this.settings.queryTimeoutMs): Promise<Row[]> {
    return this.withSession('READ', (session) =>
      session.executeRead((tx) => this.runIn(tx, statement, params), { timeout: timeoutMs }),
    );
  }

  /** Runs `work` in one managed write transaction: all its statements commit together or not at all. */
  async write<T>(work: (tx: WriteTx) => Promise<T>, timeoutMs = this.settings.writeTimeoutMs): Promise<T> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite((tx) => work({ run: (s, p) => this.runIn(tx, s, p ?? {}) }), { timeout: timeoutMs }),
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

  private async runIn(tx: ManagedTransaction, statement: string, params: Record<string, unknown>): Promise<Row[]> {
    this.roundTrips++;
    const counter = this.tracking.getStore();
    if (counter) counter.count++;
    const result = await tx.run(statement, params);
    return result.records.map((record) => toPlain(record.toObject()) as Row);
  }
}
