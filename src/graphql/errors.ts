import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, InvalidFieldsError, InvalidInputError, ResponseTooLargeError, VersionConflictError } from '../domain/errors';

/** The extension codes clients can rely on. */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  RESOURCE_LIMIT: 'RESOURCE_LIMIT',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

const DOMAIN_TO_GRAPHQL: Record<string, string> = {
  BAD_USER_INPUT: ERROR_CODES.BAD_USER_INPUT,
  INVALID_INPUT_FILE: ERROR_CODES.BAD_USER_INPUT,
  NOT_FOUND: ERROR_CODES.NOT_FOUND,
  CONFLICT: ERROR_CODES.CONFLICT,
  UNAVAILABLE: ERROR_CODES.UNAVAILABLE,
  TIMEOUT: ERROR_CODES.TIMEOUT,
  RESOURCE_LIMIT: ERROR_CODES.RESOURCE_LIMIT,
  RESPONSE_TOO_LARGE: ERROR_CODES.RESPONSE_TOO_LARGE,
};

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/**
 * Returns the error as clients see it: domain errors with their code and the argument they name,
 * class-validator failures as BAD_USER_INPUT naming each argument path, GraphQL's own errors
 * as they are, and anything else as a generic internal error (logged by `onInternal`), never a stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onInternal: (err: unknown) => void): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // Apollo wraps errors thrown by plugin hooks (before execution) in a GraphQLError without a path.
  const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError ? unwrapped.originalError : unwrapped;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof ResponseTooLargeError) {
    return { message: original.message, extensions: { code: ERROR_CODES.RESPONSE_TOO_LARGE, limit: original.limit, actual: original.actual, unit: original.unit } };
  }
  if (original instanceof VersionConflictError) {
    return { ...base, message: original.message, extensions: { code: ERROR_CODES.CONFLICT, argument: 'expectedVersion', id: original.id, expectedVersion: original.expectedVersion, currentVersion: original.currentVersion } };
  }
  if (original instanceof InvalidFieldsError) {
    return { ...base, message: original.message, extensions: { code: ERROR_CODES.BAD_USER_INPUT, argument: original.argument, field: original.field, problems: original.problems } };
  }
  if (original instanceof InvalidInputError) {
    // Every problem of the text, located as `kg import` locates them (line, or record for JSON).
    const problems = original.problems.map(({ line, record, field, message }) => ({ line, ...(record !== undefined ? { record } : {}), field, message }));
    return { ...base, message: original.message, extensions: { code: ERROR_CODES.BAD_USER_INPUT, ...(original.argument ? { argument: original.argument } : {}), field: problems[0]?.field, problems } };
  }
  if (original instanceof DomainError) {
    const argument = (original as { argument?: string }).argument;
    return { ...base, message: original.message, extensions: { code: DOMAIN_TO_GRAPHQL[original.code] ?? ERROR_CODES.INTERNAL, ...(argument ? { argument } : {}) } };
  }
  const code = formatted.extensions?.code;
  if (code === 'BAD_USER_INPUT' && Array.isArray(formatted.extensions?.validationErrors)) {
    const problems = flatten(formatted.extensions.validationErrors as ValidationErrorLike[], '');
    return {
      ...base,
      message: problems.map((p) => `${p.argument}: ${p.message}`).join('; ') || formatted.message,
      // `field` is the input field (the last part of the argument path: `input.title` → `title`).
      extensions: { code, argument: problems[0]?.argument, field: problems[0]?.field, problems },
    };
  }
  if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
    const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...base, extensions };
  }
  onInternal(original);
  return { ...base, message: 'Internal server error', extensions: { code: ERROR_CODES.INTERNAL } };
}

function flatten(errors: ValidationErrorLike[], prefix: string): { argument: string; field: string; message: string }[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ argument: path, field: e.property, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
