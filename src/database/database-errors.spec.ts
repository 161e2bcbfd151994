import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyStatementError, DatabaseUnavailableError, mapConstraintErrors, violates } from './database-errors';

function serverError(code: string, constraint?: string): DatabaseError {
  const error = new DatabaseError('server says no', 0, 'error');
  return Object.assign(error, { code, constraint });
}

describe('classifyStatementError', () => {
  it('calls a server shutting down or refusing connections an outage, by SQLSTATE', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001']) {
      expect(classifyStatementError(serverError(code), true)).toBeInstanceOf(DatabaseUnavailableError);
    }
  });

  it("leaves the server's other errors as they are, whatever the connection's state", () => {
    const unique = serverError('23505', 'users_email_key');
    expect(classifyStatementError(unique, true)).toBe(unique);
    expect(classifyStatementError(unique, false)).toBe(unique);
  });

  it('calls a client-side failure an outage only when the connection is no longer usable', () => {
    const lost = new Error('Connection terminated unexpectedly');
    expect(classifyStatementError(lost, false)).toBeInstanceOf(DatabaseUnavailableError);
    const bug = new TypeError('bad parameter');
    expect(classifyStatementError(bug, true)).toBe(bug);
  });
});

describe('mapConstraintErrors', () => {
  const map = mapConstraintErrors({ tickets_category_id_fkey: () => new Error('no such category') });

  it('rethrows a refusal of a listed constraint as its mapped error, also when TypeORM wrapped it', () => {
    const wrapped = new QueryFailedError('INSERT ...', [], serverError('23503', 'tickets_category_id_fkey'));
    expect(() => map(wrapped)).toThrow('no such category');
    expect(violates(wrapped, 'tickets_category_id_fkey')).toBe(true);
  });

  it('rethrows any other error unchanged (an unexpected violation stays a bug)', () => {
    const other = new QueryFailedError('INSERT ...', [], serverError('23503', 'tickets_requester_id_fkey'));
    expect(() => map(other)).toThrow(other);
    expect(violates(other, 'tickets_category_id_fkey')).toBe(false);
    const plain = new Error('x');
    expect(() => map(plain)).toThrow(plain);
  });
});
