import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { assertMayDeactivateUser, assertMayUpdateUser, canSeeUser, UserChanges } from './user-permissions';
import { UserRole } from '../common/user-role';

const caller = (role: UserRole, id = 1): AuthUser => ({ id, role, email: `${role}@x.test`, name: role });

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AppException).code;
  }
}

describe('user permissions', () => {
  it('hides other users from requesters only', () => {
    expect(canSeeUser(caller(UserRole.USER, 1), 1)).toBe(true);
    expect(canSeeUser(caller(UserRole.USER, 1), 2)).toBe(false);
    expect(canSeeUser(caller(UserRole.AGENT, 1), 2)).toBe(true);
    expect(canSeeUser(caller(UserRole.ADMIN, 1), 2)).toBe(true);
  });

  const cases: Array<[string, UserRole, 'self' | 'other', UserChanges, string | undefined]> = [
    ['user renames self', UserRole.USER, 'self', { name: 'a' }, undefined],
    ['user renames other', UserRole.USER, 'other', { name: 'a' }, 'NOT_FOUND'],
    ['user promotes self', UserRole.USER, 'self', { role: UserRole.ADMIN }, 'FORBIDDEN'],
    ['user reactivates self', UserRole.USER, 'self', { is_active: true }, 'FORBIDDEN'],
    ['user changes own password', UserRole.USER, 'self', { password: 'p', current_password: 'c' }, undefined],
    ['user password without current', UserRole.USER, 'self', { password: 'p' }, 'VALIDATION_FAILED'],
    ['agent renames other', UserRole.AGENT, 'other', { name: 'a' }, 'FORBIDDEN'],
    ['agent promotes self', UserRole.AGENT, 'self', { role: UserRole.ADMIN }, 'FORBIDDEN'],
    ['admin edits other', UserRole.ADMIN, 'other', { name: 'a', role: UserRole.AGENT, is_active: false }, undefined],
    ['admin demotes self', UserRole.ADMIN, 'self', { role: UserRole.USER }, 'UNPROCESSABLE'],
    ['admin deactivates self', UserRole.ADMIN, 'self', { is_active: false }, 'UNPROCESSABLE'],
    ["admin sets other's password", UserRole.ADMIN, 'other', { password: 'p', current_password: 'c' }, 'FORBIDDEN'],
    ['admin changes own password', UserRole.ADMIN, 'self', { password: 'p', current_password: 'c' }, undefined],
  ];

  it.each(cases)('%s → %s', (_name, role, target, changes, expected) => {
    expect(codeOf(() => assertMayUpdateUser(caller(role, 1), target === 'self' ? 1 : 2, changes))).toBe(expected);
  });

  it('lets only admins deactivate, and never themselves', () => {
    expect(codeOf(() => assertMayDeactivateUser(caller(UserRole.ADMIN, 1), 2))).toBeUndefined();
    expect(codeOf(() => assertMayDeactivateUser(caller(UserRole.ADMIN, 1), 1))).toBe('UNPROCESSABLE');
    expect(codeOf(() => assertMayDeactivateUser(caller(UserRole.AGENT, 1), 2))).toBe('FORBIDDEN');
  });
});
