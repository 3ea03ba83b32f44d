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

/** Returns the domain error for a driver error, or the error unchanged when it has no domain meaning. */
export function mapNeo4jError(err: unknown): unknown {
  if (err instanceof DomainError || !(err instanceof Neo4jError)) {
    if (isConnectionRefused(err)) return new UnavailableError('Neo4j is unreachable', { cause: err });
    return err;
  }
  const code = err.code;
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(`write rejected by a uniqueness constraint: ${firstLine(err.message)}`, { cause: err });
  }
  if (UNAVAILABLE_CODES.has(code)) return new UnavailableError(`Neo4j is unavailable: ${firstLine(err.message)}`, { cause: err });
  if (TIMEOUT_CODES.has(code)) return new TimeoutError('the query ran past its time limit and was stopped', { cause: err });
  if (MEMORY_LIMIT_CODES.has(code)) {
    return new ResourceLimitError(`Neo4j stopped the transaction at its memory limit, and kept nothing of it: ${firstLine(err.message)}`, { cause: err });
  }
  return err;
}

function isConnectionRefused(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH';
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
