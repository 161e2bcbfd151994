// The SLA clock (API.md → SLA), as pure functions. Unit-tested; its SQL twin is sla-sql.ts.
import { BreachKind, TicketStatus } from '../common/ticket-enums';
import { ALWAYS_OPEN, BusinessCalendar } from './business-calendar';

export interface SlaPolicyMinutes {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/**
 * Both due dates of a ticket: `createdAt` + the policy's minutes + the seconds already spent in
 * `pending`, counted on `calendar` (the policy's: around the clock, or business seconds only, in
 * which case `pausedSeconds` are business seconds too). Used at creation (no pause yet) and when the priority changes ("recomputes the due
 * dates from created_at with the new policy"): passing the ticket's `pausedSeconds` keeps the
 * credit for pending time already spent. A pause still running is not in `pausedSeconds` yet; it
 * is added when the ticket leaves `pending` ({@link onStatusChange}).
 */
export function dueDates(
  createdAt: Date,
  policy: SlaPolicyMinutes,
  pausedSeconds = 0,
  calendar: BusinessCalendar = ALWAYS_OPEN,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return {
    firstResponseDueAt: calendar.addSeconds(createdAt, policy.firstResponseMinutes * 60 + pausedSeconds),
    resolutionDueAt: calendar.addSeconds(createdAt, policy.resolutionMinutes * 60 + pausedSeconds),
  };
}

/** The columns of a ticket that the pause/resume of the clock changes. */
export interface SlaClock {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  pausedAt: Date | null;
  pausedSeconds: number;
}

/**
 * The clock after a status change. Entering `pending` stops it (`pausedAt = now`); leaving
 * `pending` restarts it: the whole seconds spent paused, counted on `calendar` (only business
 * seconds for a business-hours policy: a pause over a weekend costs nothing), move both due dates
 * later by as many seconds of that calendar and are added to `pausedSeconds`, so
 * `dueDates(createdAt, policy, pausedSeconds, calendar)` still gives the same dates. Any other
 * change (same status included) leaves the clock as it is. Never mutates `clock`.
 */
export function onStatusChange(
  clock: SlaClock,
  from: TicketStatus,
  to: TicketStatus,
  now: Date,
  calendar: BusinessCalendar = ALWAYS_OPEN,
): SlaClock {
  const wasPaused = from === TicketStatus.PENDING;
  const isPaused = to === TicketStatus.PENDING;
  if (wasPaused === isPaused) return { ...clock };

  if (isPaused) {
    // Keep an earlier pause start if one is somehow still recorded: that time is owed too.
    return { ...clock, pausedAt: clock.pausedAt ?? now };
  }

  if (clock.pausedAt === null) return { ...clock };
  const seconds = calendar.secondsBetween(clock.pausedAt, now);
  if (seconds === 0) return { ...clock, pausedAt: null };
  return {
    firstResponseDueAt: calendar.addSeconds(clock.firstResponseDueAt, seconds),
    resolutionDueAt: calendar.addSeconds(clock.resolutionDueAt, seconds),
    pausedAt: null,
    pausedSeconds: clock.pausedSeconds + seconds,
  };
}

export { BREACH_KINDS } from '../common/ticket-enums';
export type { BreachKind } from '../common/ticket-enums';

/** The columns of a ticket that decide whether it is breached. */
export interface SlaState {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  pausedAt: Date | null;
}

/**
 * The SLA targets the ticket has missed (API.md → SLA), at `now`:
 *
 * - `first_response` when coalesce(first_responded_at, resolved_at, clock) > first_response_due_at
 * - `resolution` when coalesce(resolved_at, clock) > resolution_due_at
 *
 * where `clock` is `pausedAt` while the ticket is pending (the clock is stopped, so a ticket
 * paused before its due time is not breached however long it waits), and `now` otherwise. Once a
 * target was missed it stays missed: the coalesce picks the time the target was (or was not) met.
 * Exactly on the due time is not a breach.
 *
 * `IS_BREACHED_SQL` (sla-sql.ts) must mean exactly the same; change both together (sla-sql.e2e-spec
 * checks that they agree).
 */
export function breaches(t: SlaState, now: Date): BreachKind[] {
  const clock = (t.pausedAt ?? now).getTime();
  const kinds: BreachKind[] = [];
  const answeredAt = t.firstRespondedAt?.getTime() ?? t.resolvedAt?.getTime() ?? clock;
  if (answeredAt > t.firstResponseDueAt.getTime()) kinds.push('first_response');
  const doneAt = t.resolvedAt?.getTime() ?? clock;
  if (doneAt > t.resolutionDueAt.getTime()) kinds.push('resolution');
  return kinds;
}

/** The ticket JSON's `is_breached`: either target missed. */
export function isBreached(t: SlaState, now: Date): boolean {
  return breaches(t, now).length > 0;
}
