/** Stable machine-readable codes carried by every domain error. */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'RESOURCE_LIMIT'
  | 'INVALID_INPUT_FILE'
  | 'CONFIGURATION'
  | 'RESPONSE_TOO_LARGE';

/** Base class of the errors the domain and its adapters raise on purpose. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A caller passed an argument that cannot be honoured; `argument` names it. */
export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly argument: string, message: string) {
    super(`${argument}: ${message}`);
  }
}

/** One failing input field: its path (`input.countries`), its name (`countries`) and why. */
export interface FieldProblem {
  readonly argument: string;
  readonly field: string;
  readonly message: string;
}

/** Input fields that failed validation, each named; `argument` is the first one's path. */
export class InvalidFieldsError extends BadInputError {
  readonly field: string;
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems[0]?.argument ?? 'input', 'is invalid');
    this.field = problems[0]?.field ?? 'input';
    this.message = problems.map((p) => `${p.argument}: ${p.message}`).join('; ');
  }
}

/** The error for an id argument that names no node (a typo is not "no answer"). */
export function unknownNodeError(argument: string, ids: readonly string[]): BadInputError {
  return new BadInputError(argument, `unknown node ${ids.map((u) => `"${u}"`).join(', ')} (ids look like Theme:gangs or Country:BD)`);
}

/** An argument names something that does not exist; `argument` names the argument. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(readonly argument: string, message: string) {
    super(`${argument}: ${message}`);
  }
}

/** A write would break a uniqueness rule of the graph (for example two nodes with one id). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/** A write named a version that is no longer the stored one; nothing was written. */
export class VersionConflictError extends ConflictError {
  constructor(readonly id: string, readonly expectedVersion: number, readonly currentVersion: number) {
    super(`expectedVersion: ${id} is at version ${currentVersion}, not ${expectedVersion}; read it again and reapply your change`);
  }
}

/** A create named a publication id that is stored already; `argument` names the input field it came from. */
export class IdTakenError extends ConflictError {
  constructor(readonly id: string, readonly argument = 'input.id') {
    super(`${argument}: a publication with the id "${id}" exists already (without an id, it comes from the title); change that one with updatePublication, or give the new one another id`);
  }
}

/** The backing database cannot be reached or is not accepting work. */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE' as const;
}

/** A query ran past its time budget and was stopped. */
export class TimeoutError extends DomainError {
  readonly code = 'TIMEOUT' as const;
}

/**
 * One request read more than its response may hold (`KG_MAX_RESPONSE_NODES` objects, or the
 * byte cap): it is stopped, and nothing more is read for it.
 */
export class ResponseTooLargeError extends DomainError {
  readonly code = 'RESPONSE_TOO_LARGE' as const;
  constructor(readonly limit: number, readonly actual: number, readonly unit: 'objects' | 'bytes') {
    super(`the response would hold more than ${limit} ${unit} (${actual} so far); ask for fewer items (smaller first/limit) or fewer nested lists`);
  }
}

/** The database refused work that would pass one of its memory limits; nothing of it was kept. */
export class ResourceLimitError extends DomainError {
  readonly code = 'RESOURCE_LIMIT' as const;
}

/** Set-up is wrong in a way the operator must fix (a missing Cypher file, a bad setting). */
export class ConfigurationError extends DomainError {
  readonly code = 'CONFIGURATION' as const;
}

/** One problem found in an input file, located by file, line (or record) and field. */
export interface InputProblem {
  readonly file: string;
  /** 1-based line for text formats; for JSON the 1-based record number. */
  readonly line: number;
  /** Set for JSON input, where a record has no single line. */
  readonly record?: number;
  readonly field: string;
  readonly message: string;
}

/** Returns "file:line: field: message", the one-line form every importer error uses. */
export function formatProblem(p: InputProblem): string {
  const where = p.record !== undefined ? `${p.file}: record ${p.record}` : `${p.file}:${p.line}`;
  return `${where}: ${p.field}: ${p.message}`;
}

/** An input file holds problems; nothing of it was written. `argument` names the API argument that carried the file, if any. */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT_FILE' as const;
  constructor(readonly problems: readonly InputProblem[], readonly argument?: string) {
    super(
      `${problems.length} problem(s) in input:\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'),
    );
  }
}
