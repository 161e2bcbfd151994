// How a database failure is told apart, by class and SQLSTATE, never by message text: an outage
// (503, retry), a refusal of one named constraint (mapped by the repository that owns it), or
// anything else (a bug: 500, logged).
import { DatabaseError, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DependencyUnavailableError } from '../common/errors/dependency-unavailable.error';

/**
 * The database could not be reached, is shutting down, or the connection was lost while a
 * statement ran. The exception filter answers 503 for it (a `DependencyUnavailableError`).
 */
export class DatabaseUnavailableError extends DependencyUnavailableError {
  constructor(cause: unknown) {
    super('The database is unavailable', cause);
    this.name = 'DatabaseUnavailableError';
  }
}

/** SQLSTATEs of a server that is going away or not accepting connections (class 08: connection exceptions). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

function isUnavailableSqlState(code: string): boolean {
  return UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08');
}

/** The server's own error (a `DatabaseError` with its SQLSTATE) behind a TypeORM or pg error, if any. */
export function serverErrorOf(error: unknown): DatabaseError | undefined {
  if (error instanceof DatabaseError) return error;
  if (error instanceof QueryFailedError && error.driverError instanceof DatabaseError) return error.driverError;
  return undefined;
}

/** Whether `error` is Postgres refusing a row for the constraint named `constraint`. */
export function violates(error: unknown, constraint: string): boolean {
  return serverErrorOf(error)?.constraint === constraint;
}

/**
 * Rethrows a refusal of one of `constraints` as the error its owner chose (a 409 or a 422 naming
 * the field); anything else unchanged, so an unexpected violation stays a 500 and is logged.
 */
export function mapConstraintErrors(constraints: Record<string, () => Error>): (error: unknown) => never {
  return (error: unknown) => {
    const name = serverErrorOf(error)?.constraint;
    const mapped = name !== undefined && Object.hasOwn(constraints, name) ? constraints[name]() : undefined;
    throw mapped ?? error;
  };
}

/**
 * What a failed statement's error means: the server shutting down or refusing connections (by
 * SQLSTATE), or any failure on a connection that is no longer usable (it never reached a working
 * server), is an outage; the server's other errors are left as they are.
 */
export function classifyStatementError(error: unknown, connectionUsable: boolean): unknown {
  if (error instanceof DatabaseError) {
    return isUnavailableSqlState(error.code ?? '') ? new DatabaseUnavailableError(error) : error;
  }
  return connectionUsable ? error : new DatabaseUnavailableError(error);
}

/**
 * The pool's class (the driver's `Pool`): a failed checkout (refused, timed out, server starting
 * or stopping) is always an outage, so it is thrown as one.
 */
export class UnavailableAwarePool extends Pool {
  override connect(...args: unknown[]): never {
    const connect = super.connect.bind(this) as (...a: unknown[]) => unknown;
    const [callback] = args;
    if (typeof callback === 'function') {
      return connect((error: unknown, ...rest: unknown[]) =>
        (callback as (...a: unknown[]) => void)(error ? new DatabaseUnavailableError(error) : error, ...rest),
      ) as never;
    }
    return (connect() as Promise<unknown>).catch((error: unknown) => {
      throw new DatabaseUnavailableError(error);
    }) as never;
  }
}
