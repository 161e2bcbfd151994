// Who may read or change which user, as pure rules (API.md → Roles, Users). Unit-tested.
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { UserRole } from '../common/user-role';

export interface UserChanges {
  name?: string;
  role?: UserRole;
  is_active?: boolean;
  password?: string;
  current_password?: string;
}

/** A requester sees only themselves; everyone else is "not found" to them (no existence oracle). */
export function canSeeUser(caller: AuthUser, targetId: number): boolean {
  return caller.role !== UserRole.USER || caller.id === targetId;
}

/**
 * Throws the contract's error for a change the caller may not make. Admins edit name, role and
 * is_active of others; anyone edits their own name, and their own password with the current one.
 */
export function assertMayUpdateUser(caller: AuthUser, targetId: number, changes: UserChanges): void {
  const self = caller.id === targetId;
  if (!canSeeUser(caller, targetId)) throw AppException.notFound('User');
  const adminFields = changes.role !== undefined || changes.is_active !== undefined;
  const passwordFields = changes.password !== undefined || changes.current_password !== undefined;

  if (!self && caller.role !== UserRole.ADMIN) throw AppException.forbidden('Only admins may edit other users');
  if (adminFields && caller.role !== UserRole.ADMIN)
    throw AppException.forbidden('Only admins may change role or is_active');
  if (adminFields && self) {
    throw AppException.unprocessable('Admins cannot change their own role or deactivate themselves', {
      role: changes.role !== undefined ? ['cannot be changed on your own account'] : undefined,
      is_active: changes.is_active !== undefined ? ['cannot be changed on your own account'] : undefined,
    });
  }
  if (passwordFields && !self) throw AppException.forbidden('Only the account owner may change its password');
  if (passwordFields && (changes.password === undefined || changes.current_password === undefined)) {
    throw AppException.validation('password and current_password go together', {
      [changes.password === undefined ? 'password' : 'current_password']: ['is required to change the password'],
    });
  }
}

export function assertMayDeactivateUser(caller: AuthUser, targetId: number): void {
  if (caller.role !== UserRole.ADMIN) throw AppException.forbidden('Only admins may deactivate users');
  if (caller.id === targetId) throw AppException.unprocessable('Admins cannot deactivate themselves');
}
