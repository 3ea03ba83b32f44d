import neo4j, { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { AsyncLocalStorage } from 'node:async_hooks';
import { UnavailableError } from '../../domain/errors';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { describeFailure, mapNeo4jError, UNAVAILABLE_MESSAGE } from './neo4j.errors';
import { toPlain } from './to-plain';
import { NEO4J_FAILURE_DEFAULTS, type Neo4jSettings } from './neo4j.config';
import type { TrackedWork, WorkBudget } from '../store';
import { WorkMeter } from '../work-meter';

/** A result row with every driver type converted to plain JS. */
export type Row = Record<string, unknown>;

/** A write transaction that runs several statements atomically and returns plain rows. */
export interface WriteTx {
  run(statement: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/** Where the runner writes what clients are not told (the driver's message, the address); a pino logger fits. */
export interface Neo4jLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** The driver's connection pool size. */
const MAX_POOL_SIZE = 50;

/** The settings a runner reads; see Neo4jSettings. */
export type RunnerSettings = Pick<Neo4jSettings, 'database' | 'queryTimeoutMs' | 'writeTimeoutMs' | 'breakerFailures' | 'breakerOpenMs'> & { readonly uri?: string };

/**
 * The one place that talks to the driver: managed read/write transactions with a timeout,
 * plain-JS results, driver errors mapped to domain errors, and round-trip counting. Inside
 * `track`, no statement starts past the unit's deadline and none may run longer than what is left.
 * Every call goes through a circuit breaker: after `breakerFailures` consecutive connection
 * failures, calls fail at once with UnavailableError for `breakerOpenMs`, then one probe may pass.
 */
export class Neo4jRunner {
  private readonly tracking = new AsyncLocalStorage<WorkMeter>();
  /** Total Cypher statements sent since start-up. */
  roundTrips = 0;
  /** Fails calls at once while Neo4j keeps refusing connections, so that a dead database is not hammered. */
  readonly breaker: CircuitBreaker;

  constructor(
    readonly driver: Driver,
    readonly settings: RunnerSettings,
    private readonly log?: Neo4jLog,
  ) {
    this.breaker = new CircuitBreaker({
      failureThreshold: settings.breakerFailures ?? NEO4J_FAILURE_DEFAULTS.breakerFailures,
      openMs: settings.breakerOpenMs ?? NEO4J_FAILURE_DEFAULTS.breakerOpenMs,
      isFailure: (err) => err instanceof UnavailableError,
      rejection: (retryInMs) => new UnavailableError(UNAVAILABLE_MESSAGE, {
        cause: new Error(`circuit open after repeated connection failures; the next call may probe in ${retryInMs} ms`),
      }),
      onStateChange: (from, to, failures) => this.stateChanged(from, to, failures),
    });
  }

  /**
   * Returns a runner connected with the given settings (no network traffic until first use).
   * The driver's timeouts bound how long a call to an unreachable Neo4j takes to fail: a refused
   * connection fails at once and is retried once about a second later (maxRetryMs 0); a silent
   * host costs `connectTimeoutMs` per attempt. A connection is waited for no longer than a query may run.
   */
  static connect(settings: Neo4jSettings, log?: Neo4jLog): Neo4jRunner {
    const auth = settings.user ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
    const connectTimeoutMs = settings.connectTimeoutMs ?? NEO4J_FAILURE_DEFAULTS.connectTimeoutMs;
    const driver = neo4j.driver(settings.uri, auth, {
      maxConnectionPoolSize: MAX_POOL_SIZE,
      connectionAcquisitionTimeout: Math.max(connectTimeoutMs, settings.queryTimeoutMs),
      connectionTimeout: connectTimeoutMs,
      maxTransactionRetryTime: settings.maxRetryMs ?? NEO4J_FAILURE_DEFAULTS.maxRetryMs,
      userAgent: 'kg-humanitarian/0.1',
    });
    return new Neo4jRunner(driver, settings, log);
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
    await this.guarded(async () => {
      try {
        await this.driver.verifyConnectivity({ database: this.settings.database });
      } catch (err) {
        throw mapNeo4jError(err);
      }
    });
  }

  /**
   * Resolves when Neo4j answers `statement` (a trivial read) within `timeoutMs`; otherwise rejects
   * with UnavailableError, its message safe to show and the reason its cause. Outside any unit's budget.
   */
  async ping(statement: string, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const answer = this.tracking.exit(() => this.read(statement, {}, timeoutMs));
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError(`the database did not answer within ${timeoutMs} ms; retry in a few seconds`, {
        cause: new Error(`no answer to the readiness read within ${timeoutMs} ms`),
      })), timeoutMs);
      timer.unref();
    });
    // Once the time is up the read may still fail; nobody waits for it any more.
    answer.catch(() => undefined);
    try {
      await Promise.race([answer, late]);
    } catch (err) {
      throw err instanceof UnavailableError ? err : new UnavailableError(UNAVAILABLE_MESSAGE, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the driver and its connections. */
  async close(): Promise<void> {
    await this.driver.close();
  }

  /** Runs one driver call through the circuit breaker, logging the details of a connection failure that clients are not shown. */
  private guarded<T>(call: () => Promise<T>): Promise<T> {
    return this.breaker.run(async () => {
      try {
        return await call();
      } catch (err) {
        if (err instanceof UnavailableError) this.log?.warn({ uri: this.settings.uri, reason: describeFailure(err.cause) }, 'Neo4j is unavailable');
        throw err;
      }
    });
  }

  private stateChanged(from: CircuitState, to: CircuitState, failures: number): void {
    const details = { uri: this.settings.uri, failures, openMs: this.settings.breakerOpenMs ?? NEO4J_FAILURE_DEFAULTS.breakerOpenMs };
    if (to === 'open') this.log?.warn(details, 'Neo4j circuit open: calls fail at once until a probe gets through');
    else if (to === 'closed') this.log?.info(details, 'Neo4j answers again: circuit closed');
  }

  private withSession<T>(mode: 'READ' | 'WRITE', fn: (s: Session) => Promise<T>): Promise<T> {
    return this.guarded(() => this.inSession(mode, fn));
  }

  /** Sessions open now (each holds at most one pooled connection) and the pool's size, for the metrics. */
  connectionUse(): { inUse: number; max: number } {
    return { inUse: this.sessionsOpen, max: MAX_POOL_SIZE };
  }

  private sessionsOpen = 0;

  private async inSession<T>(mode: 'READ' | 'WRITE', fn: (s: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      // Shared bookmarks give read-your-writes across sessions, also on a cluster.
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    this.sessionsOpen++;
    try {
      return await fn(session);
    } catch (err) {
      throw mapNeo4jError(err);
    } finally {
      this.sessionsOpen--;
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
