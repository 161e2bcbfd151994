import { UserRole } from '../../common/user-role';
import { TICKET_STATUSES, TicketStatus } from '../../common/ticket-enums';
import { ALLOWED_TRANSITIONS, checkStatusChange, StatusChangeCheck, statusTimestamps } from './ticket-status-machine';

const { OPEN, IN_PROGRESS, PENDING, ESCALATED, RESOLVED, CLOSED } = TicketStatus;
type Kind = StatusChangeCheck['kind'];

/**
 * The expected outcome of every ordered pair, written out by hand from API.md (not derived from
 * ALLOWED_TRANSITIONS, so the table itself is under test). Rows: from; columns: to, in this order.
 */
const ORDER = [OPEN, IN_PROGRESS, PENDING, ESCALATED, RESOLVED, CLOSED] as const;
const N: Kind = 'noop';
const K: Kind = 'ok';
const I: Kind = 'invalid';
const F: Kind = 'forbidden';

const DESK: Record<TicketStatus, readonly Kind[]> = {
  // to:   open, in_progress, pending, escalated, resolved, closed
  [OPEN]: [N, K, K, I, K, K],
  [IN_PROGRESS]: [K, N, K, I, K, K],
  [PENDING]: [K, K, N, I, K, K],
  [ESCALATED]: [I, K, K, N, K, K],
  [RESOLVED]: [K, I, I, I, N, K],
  [CLOSED]: [K, I, I, I, I, N],
};

const REQUESTER: Record<TicketStatus, readonly Kind[]> = {
  // to:   open, in_progress, pending, escalated, resolved, closed
  [OPEN]: [N, F, F, I, F, K],
  [IN_PROGRESS]: [F, N, F, I, F, K],
  [PENDING]: [F, F, N, I, F, K],
  [ESCALATED]: [I, F, F, N, F, K],
  [RESOLVED]: [K, I, I, I, N, K],
  [CLOSED]: [F, I, I, I, I, N],
};

const EXPECTED: Record<UserRole, Record<TicketStatus, readonly Kind[]>> = {
  [UserRole.USER]: REQUESTER,
  [UserRole.AGENT]: DESK,
  [UserRole.ADMIN]: DESK,
};

type Row = [UserRole, TicketStatus, TicketStatus, Kind];
const table: Row[] = Object.values(UserRole).flatMap((role) =>
  ORDER.flatMap((from) => ORDER.map((to, i): Row => [role, from, to, EXPECTED[role][from][i]])),
);

describe('ALLOWED_TRANSITIONS', () => {
  it('covers every status, in the order of the enum', () => {
    expect(ORDER).toEqual(TICKET_STATUSES);
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('is exactly the table of API.md', () => {
    expect(ALLOWED_TRANSITIONS).toEqual({
      open: ['in_progress', 'pending', 'resolved', 'closed'],
      in_progress: ['open', 'pending', 'resolved', 'closed'],
      pending: ['open', 'in_progress', 'resolved', 'closed'],
      escalated: ['in_progress', 'pending', 'resolved', 'closed'],
      resolved: ['closed', 'open'],
      closed: ['open'],
    });
  });

  it('never allows a status to itself or anything to escalated', () => {
    for (const from of TICKET_STATUSES) {
      expect(ALLOWED_TRANSITIONS[from]).not.toContain(from);
      expect(ALLOWED_TRANSITIONS[from]).not.toContain(ESCALATED);
    }
  });

  it('cannot be modified at runtime', () => {
    expect(Object.isFrozen(ALLOWED_TRANSITIONS)).toBe(true);
    for (const from of TICKET_STATUSES) expect(Object.isFrozen(ALLOWED_TRANSITIONS[from])).toBe(true);
  });
});

describe('checkStatusChange', () => {
  it('has a row for every ordered pair of statuses for each role', () => {
    expect(table).toHaveLength(3 * 6 * 6);
  });

  it.each(table)('%s: %s → %s is %s', (role, from, to, kind) => {
    const result = checkStatusChange(from, to, { role, isRequester: role === UserRole.USER });
    expect(result.kind).toBe(kind);
    if (result.kind === 'invalid' || result.kind === 'forbidden') {
      expect(result.reason).toEqual(expect.any(String));
      expect(result.reason.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ kind });
    }
  });

  it.each(ORDER.flatMap((from) => ORDER.map((to): [TicketStatus, TicketStatus] => [from, to])))(
    'staff who are also the requester get the desk rules: %s → %s',
    (from, to) => {
      for (const role of [UserRole.AGENT, UserRole.ADMIN]) {
        expect(checkStatusChange(from, to, { role, isRequester: true }).kind).toBe(DESK[from][ORDER.indexOf(to)]);
      }
    },
  );

  it('agrees with ALLOWED_TRANSITIONS for the desk', () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        if (from === to) continue;
        const kind = checkStatusChange(from, to, { role: UserRole.AGENT, isRequester: false }).kind;
        expect(kind).toBe(ALLOWED_TRANSITIONS[from].includes(to) ? 'ok' : 'invalid');
      }
    }
  });

  it('a user who is not the requester may change nothing, but invalid stays invalid and same stays noop', () => {
    const actor = { role: UserRole.USER, isRequester: false };
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const expected = REQUESTER[from][ORDER.indexOf(to)];
        const kind = checkStatusChange(from, to, actor).kind;
        expect([from, to, kind]).toEqual([from, to, expected === 'ok' ? 'forbidden' : expected]);
      }
    }
  });

  it('explains why escalated cannot be requested', () => {
    expect(checkStatusChange(OPEN, ESCALATED, { role: UserRole.ADMIN, isRequester: false })).toEqual({
      kind: 'invalid',
      reason: expect.stringMatching(/escalation worker/),
    });
  });

  it('tells a requester that reopening a closed ticket is for the desk', () => {
    expect(checkStatusChange(CLOSED, OPEN, { role: UserRole.USER, isRequester: true })).toEqual({
      kind: 'forbidden',
      reason: expect.stringMatching(/agents and admins/i),
    });
  });

  it('names both statuses when a transition does not exist', () => {
    const result = checkStatusChange(CLOSED, RESOLVED, { role: UserRole.AGENT, isRequester: false });
    expect(result).toEqual({ kind: 'invalid', reason: expect.stringContaining('closed') });
    expect(result).toEqual({ kind: 'invalid', reason: expect.stringContaining('resolved') });
  });
});

describe('statusTimestamps', () => {
  const t0 = new Date('2025-03-01T09:00:00.000Z');
  const t1 = new Date('2025-03-02T10:30:00.000Z');
  const now = new Date('2025-03-03T12:00:00.000Z');
  const none = { resolvedAt: null, closedAt: null };

  it('open → resolved sets resolved_at only', () => {
    expect(statusTimestamps(RESOLVED, none, now)).toEqual({ resolvedAt: now, closedAt: null });
  });

  it('open → closed sets both', () => {
    expect(statusTimestamps(CLOSED, none, now)).toEqual({ resolvedAt: now, closedAt: now });
  });

  it('resolved → closed keeps resolved_at and sets closed_at', () => {
    expect(statusTimestamps(CLOSED, { resolvedAt: t0, closedAt: null }, now)).toEqual({
      resolvedAt: t0,
      closedAt: now,
    });
  });

  it('closed → open clears both', () => {
    expect(statusTimestamps(OPEN, { resolvedAt: t0, closedAt: t1 }, now)).toEqual(none);
  });

  it('resolved → closed → open clears both', () => {
    const resolved = statusTimestamps(RESOLVED, none, t0);
    const closed = statusTimestamps(CLOSED, resolved, t1);
    expect(closed).toEqual({ resolvedAt: t0, closedAt: t1 });
    expect(statusTimestamps(OPEN, closed, now)).toEqual(none);
  });

  it('resolved → open clears resolved_at; resolving again later stamps the new time', () => {
    const reopened = statusTimestamps(OPEN, { resolvedAt: t0, closedAt: null }, t1);
    expect(reopened).toEqual(none);
    expect(statusTimestamps(RESOLVED, reopened, now)).toEqual({ resolvedAt: now, closedAt: null });
  });

  it.each([OPEN, IN_PROGRESS, PENDING, ESCALATED])('moving to %s clears both', (to) => {
    expect(statusTimestamps(to, { resolvedAt: t0, closedAt: t1 }, now)).toEqual(none);
    expect(statusTimestamps(to, none, now)).toEqual(none);
  });

  it('an already-set timestamp is kept, not overwritten by now', () => {
    expect(statusTimestamps(RESOLVED, { resolvedAt: t0, closedAt: null }, now)).toEqual({
      resolvedAt: t0,
      closedAt: null,
    });
    expect(statusTimestamps(CLOSED, { resolvedAt: t0, closedAt: t1 }, now)).toEqual({ resolvedAt: t0, closedAt: t1 });
  });

  it('leaving closed for anything but closed clears closed_at', () => {
    expect(statusTimestamps(RESOLVED, { resolvedAt: t0, closedAt: t1 }, now)).toEqual({
      resolvedAt: t0,
      closedAt: null,
    });
  });

  it('does not mutate its input', () => {
    const current = { resolvedAt: t0, closedAt: t1 };
    statusTimestamps(OPEN, current, now);
    expect(current).toEqual({ resolvedAt: t0, closedAt: t1 });
  });

  it('keeps resolved_at set exactly in resolved/closed and closed_at exactly in closed, along any path', () => {
    const path = [OPEN, IN_PROGRESS, PENDING, RESOLVED, OPEN, CLOSED, OPEN, ESCALATED, RESOLVED, CLOSED];
    let state: { resolvedAt: Date | null; closedAt: Date | null } = none;
    path.forEach((to, i) => {
      state = statusTimestamps(to, state, new Date(t0.getTime() + i * 60_000));
      expect(state.resolvedAt !== null).toBe(to === RESOLVED || to === CLOSED);
      expect(state.closedAt !== null).toBe(to === CLOSED);
    });
    // The last resolution (step 8) is kept through the close at step 9.
    expect(state).toEqual({
      resolvedAt: new Date(t0.getTime() + 8 * 60_000),
      closedAt: new Date(t0.getTime() + 9 * 60_000),
    });
  });
});
