// The statements of the escalation worker on tickets: which tickets may still escalate for a breach
// kind, and the conditional update that escalates one. Their predicates come from sla-sql.ts.
import { dueColumn, escalatable, escalatedColumn } from '../sla/sla-sql';
import type { BreachKind } from '../sla/sla';

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
  const due = dueColumn(kind);
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
 * it (`onStatusChange` in sla.ts, on the policy's calendar): the caller, holding the row lock, has
 * computed the business seconds spent paused (`$2`) and both shifted due dates (`$3`, `$4`); they
 * apply only to a paused row (NULL otherwise, and ignored for a row that is not paused).
 */
export function escalateSql(kind: BreachKind): string {
  const due = dueColumn(kind);
  const escalated = escalatedColumn(kind);
  const paused = (value: string, otherwise: string) =>
    `CASE WHEN t.paused_at IS NULL OR ${value} IS NULL THEN ${otherwise} ELSE ${value} END`;
  return `
    UPDATE tickets t SET
      ${escalated} = now(),
      escalation_level = t.escalation_level + 1,
      escalated_at = now(),
      status = CASE WHEN t.status IN ('resolved', 'closed') THEN t.status ELSE 'escalated' END,
      status_changed_at = CASE WHEN t.status IN ('resolved', 'closed', 'escalated') THEN t.status_changed_at
                               ELSE now() END,
      paused_seconds = t.paused_seconds + ${paused('$2::int', '0')},
      first_response_due_at = ${paused('$3::timestamptz', 't.first_response_due_at')},
      resolution_due_at = ${paused('$4::timestamptz', 't.resolution_due_at')},
      paused_at = NULL,
      version = t.version + 1,
      updated_at = now()
    FROM (SELECT id, status FROM tickets WHERE id = $1 FOR UPDATE) AS before
    WHERE t.id = before.id AND ${escalatable(kind, 't')} AND coalesce(t.paused_at, now()) > t.${due}
    RETURNING t.id, t.title, t.priority, t.status, before.status AS previous_status, t.assignee_id,
              t.requester_id, t.escalation_level, t.${due} AS due_at`;
}
