import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { UserRole } from '../../common/user-role';
import { TicketStatus } from '../../common/ticket-enums';
import { assertMayAssign, assertMayEditFields, TicketFieldChanges } from './ticket-permissions';

const as = (role: UserRole, id = 1): AuthUser => ({ id, role, email: 'x@y.z', name: role });

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AppException).code;
  }
}

describe('ticket permissions', () => {
  const edits: Array<[UserRole, TicketStatus, TicketFieldChanges, string | undefined]> = [
    [UserRole.USER, TicketStatus.OPEN, { title: 'a', description: 'b', tags: [] }, undefined],
    [UserRole.USER, TicketStatus.OPEN, { priority: 'high' }, 'FORBIDDEN'],
    [UserRole.USER, TicketStatus.OPEN, { category_id: 1 }, 'FORBIDDEN'],
    [UserRole.USER, TicketStatus.OPEN, { assignee_id: 2 }, 'FORBIDDEN'],
    [UserRole.USER, TicketStatus.CLOSED, { title: 'a' }, 'UNPROCESSABLE'],
    [UserRole.USER, TicketStatus.RESOLVED, { title: 'a' }, undefined],
    [UserRole.AGENT, TicketStatus.OPEN, { priority: 'high', category_id: 1, assignee_id: 1 }, undefined],
    [UserRole.AGENT, TicketStatus.CLOSED, { priority: 'high' }, 'UNPROCESSABLE'],
    [UserRole.ADMIN, TicketStatus.CLOSED, { tags: ['x'] }, 'UNPROCESSABLE'],
    [UserRole.ADMIN, TicketStatus.CLOSED, { assignee_id: 3 }, undefined],
    [UserRole.ADMIN, TicketStatus.CLOSED, {}, undefined],
  ];
  it.each(edits)('%s editing a %s ticket with %j → %s', (role, status, changes, expected) => {
    expect(codeOf(() => assertMayEditFields(as(role), status, changes))).toBe(expected);
  });

  const assigns: Array<[UserRole, number | null, number | null, string | undefined]> = [
    [UserRole.AGENT, null, 1, undefined], // takes it
    [UserRole.AGENT, 2, 1, undefined], // takes it over
    [UserRole.AGENT, 1, null, undefined], // gives it back
    [UserRole.AGENT, 2, null, 'FORBIDDEN'], // not theirs to unassign
    [UserRole.AGENT, null, 2, 'FORBIDDEN'], // to someone else
    [UserRole.ADMIN, 2, 3, undefined],
    [UserRole.ADMIN, 2, null, undefined],
    [UserRole.USER, null, 1, 'FORBIDDEN'],
  ];
  it.each(assigns)('%s moving the assignee %s → %s → %s', (role, from, to, expected) => {
    expect(codeOf(() => assertMayAssign(as(role, 1), from, to))).toBe(expected);
  });
});
