import { Reflector } from '@nestjs/core';
import { AllExceptionsFilter } from '../filters/all-exceptions.filter';
import { JwtAuthGuard } from './jwt-auth.guard';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('JwtAuthGuard.handleRequest', () => {
  const guard = new JwtAuthGuard(new Reflector());
  const filter = new AllExceptionsFilter();

  it('answers 401 for a token passport refused (no user), whatever the reason', () => {
    expect(filter.map(thrownBy(() => guard.handleRequest(null, false)))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('passes on a failure to check a genuine token, so a lost database is a 503, not a 401', () => {
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    const thrown = thrownBy(() => guard.handleRequest(lost, false));
    expect(thrown).toBe(lost);
    expect(filter.map(thrown)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });

  it('returns the user when there is one', () => {
    expect(guard.handleRequest(null, { id: 1 })).toEqual({ id: 1 });
  });
});
