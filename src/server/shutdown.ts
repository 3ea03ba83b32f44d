import type { Logger } from 'pino';
import { ConfigurationError } from '../domain/errors';

/** How long requests in flight may take to finish after SIGTERM or SIGINT (`KG_SHUTDOWN_GRACE_MS`). */
export function shutdownGraceFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KG_SHUTDOWN_GRACE_MS?.trim();
  if (!raw) return 10_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`KG_SHUTDOWN_GRACE_MS must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

/** What a graceful shutdown closes, in order. */
export interface ShutdownSteps {
  /** Stops accepting and lets requests in flight finish, for at most `graceMs`. */
  stopServer(graceMs: number): Promise<void>;
  /** Closes the store (the Neo4j driver and its pool). */
  closeStore(): Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM and SIGINT: stop accepting connections, let requests in flight
 * finish for at most the grace period, close the store, exit 0. A second signal exits at once
 * (status 130 for SIGINT, 143 for SIGTERM), for an operator who will not wait.
 */
export function exitGracefullyOnSignals(steps: ShutdownSteps, graceMs: number, logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    shuttingDown = true;
    const started = Date.now();
    logger.info({ signal, graceMs }, 'shutting down: finishing requests in flight');
    void (async () => {
      let code = 0;
      try {
        await steps.stopServer(graceMs);
      } catch (err) {
        code = 1;
        logger.error({ err }, 'the server did not stop cleanly');
      }
      try {
        await steps.closeStore();
      } catch (err) {
        code = 1;
        logger.error({ err }, 'the store did not close cleanly');
      }
      logger.info({ ms: Date.now() - started }, 'stopped');
      exit(code);
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
