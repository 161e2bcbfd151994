import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DependencyUnavailableError } from '../errors/dependency-unavailable.error';
import { AppException } from '../errors/app.exception';
import { ErrorCode } from '../errors/error-code';
import { AllExceptionsFilter, loggable } from './all-exceptions.filter';

function pgError(code: string): QueryFailedError {
  return new QueryFailedError('INSERT INTO users ...', [], Object.assign(new Error('duplicate key'), { code }));
}

describe('AllExceptionsFilter.map', () => {
  const filter = new AllExceptionsFilter();

  it('keeps an AppException as thrown', () => {
    const mapped = filter.map(new AppException(ErrorCode.VERSION_CONFLICT, 'stale', { current_version: 3 }));
    expect(mapped).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', details: { current_version: 3 } });
  });

  it('lists at most 100 details of any AppException, counting the rest in _truncated', () => {
    const details = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}`, ['bad']]));
    const mapped = filter.map(AppException.validation('many', details));
    expect(Object.keys(mapped.details)).toHaveLength(101);
    expect(mapped.details._truncated).toBe(150);
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(filter.map(new ForbiddenException())).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(filter.map(new BadRequestException('nope'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('leaves a violated constraint to its owner: one that reaches the filter is a 500, without SQL', () => {
    for (const code of ['23505', '23503']) {
      const mapped = filter.map(pgError(code));
      expect(mapped).toMatchObject({ status: 500, code: 'INTERNAL' });
      expect(mapped.message).not.toMatch(/INSERT|users/);
    }
  });

  it('maps an outage to 503 UNAVAILABLE with Retry-After, by class and code, never by message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(filter.map(refused)).toMatchObject({ status: 503, code: 'UNAVAILABLE', headers: { 'Retry-After': '5' } });
    const timedOut = new DependencyUnavailableError('The database is unavailable', new Error('timeout exceeded'));
    expect(filter.map(timedOut)).toMatchObject({ status: 503 });
    // As TypeORM wraps what our pool's client threw for a statement on a dead connection.
    expect(filter.map(new QueryFailedError('SELECT 1', [], timedOut))).toMatchObject({ status: 503 });
    // The same words without the class are not an outage.
    expect(filter.map(new Error('timeout exceeded when trying to connect'))).toMatchObject({ status: 500 });
  });

  it('hides everything else behind 500 INTERNAL', () => {
    const mapped = filter.map(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(mapped).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      details: {},
      headers: {},
    });
    expect(filter.map(pgError('42P01'))).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('logs failed queries without their SQL or parameters', () => {
    const error = new QueryFailedError(
      'INSERT INTO users (password_hash) VALUES ($1)',
      ['$argon2id$v=19$secret'],
      Object.assign(new Error('boom'), { code: '22021' }),
    );
    const logged = JSON.stringify(loggable(error));
    expect(logged).not.toContain('argon2id');
    expect(logged).not.toContain('INSERT');
    expect(loggable(error)).toMatchObject({ type: 'QueryFailedError', code: '22021' });
  });

  it('maps input Postgres refuses (NUL bytes, impossible dates) to 400', () => {
    expect(filter.map(pgError('22021'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(filter.map(pgError('22008'))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it("maps Fastify's own client errors by their status", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(filter.map(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
