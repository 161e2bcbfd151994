import { AuthUser } from '../../common/auth-user';
import { UserRole } from '../../common/user-role';

/**
 * Who the worker acts as when an automation changes a ticket: the desk itself, with an admin's
 * rights (the rule was checked against the status machine as an admin would apply it). Its id is
 * no user's; what it writes is recorded with a null actor (see `ChangeContext.automationId`).
 */
export function systemCaller(): AuthUser {
  return { id: 0, role: UserRole.ADMIN, email: 'automations@system.invalid', name: 'Automations' };
}
