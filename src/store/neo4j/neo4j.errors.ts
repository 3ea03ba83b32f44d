import { Neo4jError, error as neo4jErrorCodes } from 'neo4j-driver';
import { ConflictError, DomainError, ResourceLimitError, TimeoutError, UnavailableError } from '../../domain/errors';

const UNAVAILABLE_CODES = new Set<string>([
  neo4jErrorCodes.SERVICE_UNAVAILABLE,
  neo4jErrorCodes.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

const TIMEOUT_CODES = new Set<string>([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.TransactionTimedOut',
]);

/** The transaction needed more memory than Neo4j allows: all transactions together, or one. */
const MEMORY_LIMIT_CODES = new Set<string>([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.ClientError.General.TransactionOutOfMemoryError',
]);

/**
 * What a client is told when the database cannot be reached. It names no host, port or driver
 * text: those stay in the error's `cause`, which the adapter logs.
 */
export const UNAVAILABLE_MESSAGE = 'the database is unavailable; retry in a few seconds';

/** Returns the domain error for a driver error, or the error unchanged when it has no domain meaning. */
export function mapNeo4jError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  if (isConnectionFailure(err)) return new UnavailableError(UNAVAILABLE_MESSAGE, { cause: err });
  if (!(err instanceof Neo4jError)) return err;
  const code = err.code;
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(`write rejected by a uniqueness constraint: ${firstLine(err.message)}`, { cause: err });
  }
  if (TIMEOUT_CODES.has(code)) return new TimeoutError('the query ran past its time limit and was stopped', { cause: err });
  if (MEMORY_LIMIT_CODES.has(code)) {
    return new ResourceLimitError(`Neo4j stopped the transaction at its memory limit, and kept nothing of it: ${firstLine(err.message)}`, { cause: err });
  }
  return err;
}

/** Whether a driver (or socket) error says the database cannot be reached or is not accepting work. */
function isConnectionFailure(err: unknown): boolean {
  if (err instanceof DomainError) return false;
  if (err instanceof Neo4jError) return UNAVAILABLE_CODES.has(err.code);
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ECONNRESET';
}

/** Returns the text worth logging about a failure: its message and its causes' (the driver's, the socket's), one line. */
export function describeFailure(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? firstLine(e.message) : String(e));
  }
  return parts.join(' <- ');
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
