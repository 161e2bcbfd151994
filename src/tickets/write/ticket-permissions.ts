// Who may change what on a ticket (API.md → Roles), as pure rules. Unit-tested.
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { UserRole } from '../../common/user-role';
import { TicketStatus } from '../../common/ticket-enums';

export interface TicketFieldChanges {
  title?: unknown;
  description?: unknown;
  tags?: unknown;
  priority?: unknown;
  category_id?: unknown;
  assignee_id?: unknown;
}

/**
 * Requesters edit title, description and tags of their own tickets; priority, category and
 * assignment are the desk's. Nobody edits the content of a closed ticket (reopen it first).
 */
export function assertMayEditFields(caller: AuthUser, status: TicketStatus, changes: TicketFieldChanges): void {
  const deskFields = (['priority', 'category_id', 'assignee_id'] as const).filter((f) => changes[f] !== undefined);
  if (caller.role === UserRole.USER && deskFields.length) {
    throw AppException.forbidden(`Requesters may not change ${deskFields.join(', ')}`);
  }
  const contentFields = (['title', 'description', 'tags', 'priority', 'category_id'] as const).filter(
    (f) => changes[f] !== undefined,
  );
  if (status === TicketStatus.CLOSED && contentFields.length) {
    throw AppException.unprocessable('A closed ticket cannot be edited; reopen it first', {
      status: ['is closed'],
    });
  }
}

/**
 * Agents take a ticket for themselves or give it back; admins assign to anyone. (Whether the
 * target is an active agent or admin is checked against the database by the caller.)
 */
export function assertMayAssign(
  caller: AuthUser,
  currentAssigneeId: number | null,
  newAssigneeId: number | null,
): void {
  if (caller.role === UserRole.ADMIN) return;
  if (caller.role === UserRole.USER) throw AppException.forbidden('Requesters may not assign tickets');
  const takesIt = newAssigneeId === caller.id;
  const givesBack = newAssigneeId === null && currentAssigneeId === caller.id;
  if (!takesIt && !givesBack) {
    throw AppException.forbidden('Agents may only assign tickets to themselves or unassign themselves');
  }
}
