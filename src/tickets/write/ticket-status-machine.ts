// The ticket status machine (API.md → Tickets, Roles), as pure rules. Unit-tested.
import { UserRole } from '../../common/user-role';
import { TicketStatus } from '../../common/ticket-enums';

const { OPEN, IN_PROGRESS, PENDING, ESCALATED, RESOLVED, CLOSED } = TicketStatus;

/**
 * Every transition the contract allows, for anyone. `escalated` is a target of no row: only the
 * escalation worker sets it, outside this table. `closed → open` is further restricted to the
 * desk (see {@link checkStatusChange}).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = Object.freeze({
  [OPEN]: Object.freeze([IN_PROGRESS, PENDING, RESOLVED, CLOSED]),
  [IN_PROGRESS]: Object.freeze([OPEN, PENDING, RESOLVED, CLOSED]),
  [PENDING]: Object.freeze([OPEN, IN_PROGRESS, RESOLVED, CLOSED]),
  [ESCALATED]: Object.freeze([IN_PROGRESS, PENDING, RESOLVED, CLOSED]),
  [RESOLVED]: Object.freeze([CLOSED, OPEN]),
  [CLOSED]: Object.freeze([OPEN]),
});

/**
 * - `noop`: same status; nothing to write (no event, no version bump).
 * - `ok`: apply it.
 * - `invalid`: no one may make this change → 422 `INVALID_TRANSITION`.
 * - `forbidden`: the transition exists, but not for this caller → 403 `FORBIDDEN`.
 */
export type StatusChangeCheck =
  { kind: 'noop' } | { kind: 'ok' } | { kind: 'invalid'; reason: string } | { kind: 'forbidden'; reason: string };

/**
 * Whether `actor` may move a ticket from `from` to `to`. The checks are ordered so that a change
 * that is invalid for everyone is reported as invalid (422) whoever asks, and only a change the
 * table allows can be forbidden (403) for a particular caller.
 *
 * Requesters (role `user`) may close their ticket from any status that allows `closed`, or reopen
 * it `resolved → open`; nothing else. Agents and admins may make any allowed transition,
 * including `closed → open`. A `user` who is not the ticket's requester may change nothing (the
 * caller normally answers 404 before getting here; this is defence in depth).
 */
export function checkStatusChange(
  from: TicketStatus,
  to: TicketStatus,
  actor: { role: UserRole; isRequester: boolean },
): StatusChangeCheck {
  if (from === to) return { kind: 'noop' };
  if (to === ESCALATED) {
    return { kind: 'invalid', reason: 'Only the escalation worker sets status escalated' };
  }
  if (!ALLOWED_TRANSITIONS[from].includes(to)) {
    return { kind: 'invalid', reason: `Cannot change status from ${from} to ${to}` };
  }
  if (actor.role === UserRole.AGENT || actor.role === UserRole.ADMIN) return { kind: 'ok' };

  if (!actor.isRequester) {
    return { kind: 'forbidden', reason: 'Only the requester or the desk may change the status of this ticket' };
  }
  if (from === CLOSED) {
    return { kind: 'forbidden', reason: 'Only agents and admins may reopen a closed ticket' };
  }
  if (to === CLOSED || (from === RESOLVED && to === OPEN)) return { kind: 'ok' };
  return {
    kind: 'forbidden',
    reason: `Requesters may only close their ticket or reopen a resolved one, not change ${from} to ${to}`,
  };
}

/** Statuses in which the ticket counts as done: `resolved_at` is set exactly in these. */
const DONE: ReadonlySet<TicketStatus> = new Set([RESOLVED, CLOSED]);

/**
 * The `resolved_at` / `closed_at` a ticket has after moving to `to` (API.md → Tickets):
 *
 * - `resolved_at` is set when the ticket first becomes resolved or closed and kept while it stays
 *   in either (so `resolved → closed` keeps it, `open → closed` sets it); it is cleared by any move
 *   back to an active status (`open`, `in_progress`, `pending`, and `escalated` for completeness).
 * - `closed_at` is set when the ticket becomes closed (kept if already set) and cleared by any move
 *   out of `closed`.
 *
 * So `resolved_at` is non-null exactly while the status is resolved or closed, and `closed_at`
 * exactly while it is closed. Pure: returns new values, never mutates `current`.
 */
export function statusTimestamps(
  to: TicketStatus,
  current: { resolvedAt: Date | null; closedAt: Date | null },
  now: Date,
): { resolvedAt: Date | null; closedAt: Date | null } {
  return {
    resolvedAt: DONE.has(to) ? (current.resolvedAt ?? now) : null,
    closedAt: to === CLOSED ? (current.closedAt ?? now) : null,
  };
}
