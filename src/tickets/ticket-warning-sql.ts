// The SLA warning's statement on tickets: mark a page of tickets whose target falls due soon. Its
// predicates come from sla-sql.ts, so the escalation's partial indexes serve it.
import { dueColumn, escalatable, warnedColumn } from '../sla/sla-sql';
import type { BreachKind } from '../sla/sla';

/**
 * Marks up to `$3` tickets of priority `$1` as warned for `kind`, and returns them: those whose
 * target is not yet due but falls due within `$2` minutes (`due > now() AND due <= now() + $2 min`),
 * whose clock runs (not paused), that may still escalate for `kind` and were never warned for it.
 *
 * Exactly once per ticket and kind, whoever runs it at the same time: the candidates are locked
 * (SKIP LOCKED: a row another sweep is marking is that sweep's), a locked row is re-checked against
 * its latest version, and the UPDATE repeats the conditions, `warned IS NULL` among them, under the
 * lock. The range over `due` with `escalatable(kind)` word for word is an index range scan on
 * `tickets_<kind>_breach_idx`; the other conditions filter what it returns.
 */
export function markWarnedSql(kind: BreachKind): string {
  const due = dueColumn(kind);
  const warned = warnedColumn(kind);
  const conditions = (a: string) =>
    `${escalatable(kind, a)} AND ${a}.paused_at IS NULL AND ${a}.${warned} IS NULL AND ${a}.priority = $1::ticket_priority` +
    ` AND ${a}.${due} > now() AND ${a}.${due} <= now() + make_interval(mins => $2::int)`;
  return `
    WITH picked AS (
      SELECT c.id FROM tickets c WHERE ${conditions('c')}
       ORDER BY c.${due}, c.id LIMIT $3
       FOR UPDATE SKIP LOCKED
    )
    UPDATE tickets t SET ${warned} = now()
      FROM picked WHERE t.id = picked.id AND ${conditions('t')}
    RETURNING t.id, t.title, t.priority, t.status, t.assignee_id, t.requester_id, t.${due} AS due_at`;
}
