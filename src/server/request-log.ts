import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** The log of the request being served (its lines carry `reqId`), for code that runs inside it. */
export const requestLog = new AsyncLocalStorage<Logger>();

/** A logger that writes under the current request's id when there is one, else to `fallback`. */
export function requestAwareLog(fallback: Logger): Pick<Logger, 'info' | 'warn' | 'error'> {
  const current = () => requestLog.getStore() ?? fallback;
  return {
    info: ((...args: Parameters<Logger['info']>) => current().info(...args)) as Logger['info'],
    warn: ((...args: Parameters<Logger['warn']>) => current().warn(...args)) as Logger['warn'],
    error: ((...args: Parameters<Logger['error']>) => current().error(...args)) as Logger['error'],
  };
}
