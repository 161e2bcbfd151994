// The SQL of the escalation worker: which tickets may still escalate for a breach kind, and the
// conditional update that escalates one. Kept beside the partial indexes' definition
// (migration 1764000200000), whose predicates `ESCALATABLE` repeats word for word so the planner
// can use them.
import type { BreachKind } from './sla';

export const BREACH_KINDS: readonly BreachKind[] = ['first_response', 'resolution'];

interface KindColumns {
  due: string;
  escalated: string;
}

const COLUMNS: Record<BreachKind, KindColumns> = {
  first_response: { due: 'first_response_due_at', escalated: 'first_response_escalated_at' },
  resolution: { due: 'resolution_due_at', escalated: 'resolution_escalated_at' },
};

export function dueColumn(kind: BreachKind): string {
  return COLUMNS[kind].due;
}

/**
 * Tickets that may still escalate for `kind` (the partial index's predicate): live, not resolved,
 * not yet escalated for this kind, not answered (first response only), and whose clock runs or was
 * stopped only after the due time.
 *
 * Why resolved (and, for the first response, answered) tickets never escalate: an escalation asks
 * someone to act on a target that is slipping. Once the ticket is resolved, or answered, there is
 * nothing left to act on; the miss stays visible as `is_breached` and in reports.
 */
function escalatable(kind: BreachKind, alias = ''): string {
  const a = alias ? `${alias}.` : '';
  const { due, escalated } = COLUMNS[kind];
  const unanswered = kind === 'first_response' ? ` AND ${a}first_responded_at IS NULL` : '';
  return (
    `${a}deleted_at IS NULL AND ${a}${escalated} IS NULL${unanswered} AND ${a}resolved_at IS NULL` +
    ` AND (${a}paused_at IS NULL OR ${a}paused_at > ${a}${due})`
  );
}

/**
 * A page of tickets breached for `kind` and not escalated for it: keyset pagination over the
 * partial index, oldest due first. `$1`, `$2`: the last (due, id) seen (start from '-infinity', 0);
 * `$3`: the page size.
 *
 * Given the index predicate, `due < now()` is exactly the breach of API.md: the clock
 * (`coalesce(paused_at, now())`) is past the due time, and a paused ticket is in the index only if
 * its pause began after the due time.
 */
export function breachedPageSql(kind: BreachKind): string {
  const due = COLUMNS[kind].due;
  // `due` as text: Postgres keeps microseconds, a JS Date would round them off and the next page
  // would start before the last row again.
  return `SELECT id, ${due}::text AS due FROM tickets
           WHERE ${escalatable(kind)} AND ${due} < now() AND (${due}, id) > ($1::timestamptz, $2::int)
           ORDER BY ${due}, id LIMIT $3`;
}

/**
 * Escalates ticket `$1` for `kind`, only if it is still breached for that kind and was never
 * escalated for it: the database decides, under the row lock, so of any number of concurrent or
 * repeated attempts exactly one updates the row. Returns the ticket's previous status and the new
 * values, or no row.
 *
 * The status becomes `escalated` (never for resolved/closed tickets, which cannot match anyway).
 * A ticket paused in `pending` leaves it, so its clock restarts the way a status change restarts
 * it (`onStatusChange` in sla.ts): the whole seconds spent paused move both due dates later.
 */
export function escalateSql(kind: BreachKind): string {
  const { due, escalated } = COLUMNS[kind];
  const pausedSeconds = `(CASE WHEN t.paused_at IS NULL THEN 0
      ELSE greatest(0, floor(extract(epoch FROM now() - t.paused_at)))::int END)`;
  return `
    UPDATE tickets t SET
      ${escalated} = now(),
      escalation_level = t.escalation_level + 1,
      escalated_at = now(),
      status = CASE WHEN t.status IN ('resolved', 'closed') THEN t.status ELSE 'escalated' END,
      paused_seconds = t.paused_seconds + ${pausedSeconds},
      first_response_due_at = t.first_response_due_at + make_interval(secs => ${pausedSeconds}),
      resolution_due_at = t.resolution_due_at + make_interval(secs => ${pausedSeconds}),
      paused_at = NULL,
      version = t.version + 1,
      updated_at = now()
    FROM (SELECT id, status FROM tickets WHERE id = $1 FOR UPDATE) AS before
    WHERE t.id = before.id AND ${escalatable(kind, 't')} AND coalesce(t.paused_at, now()) > t.${due}
    RETURNING t.id, t.title, t.priority, t.status, before.status AS previous_status, t.assignee_id,
              t.requester_id, t.escalation_level, t.${due} AS due_at`;
}
