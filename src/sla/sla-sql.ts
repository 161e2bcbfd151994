// The SQL twins of the SLA rules in sla.ts: the breach predicates (the `is_breached` filter, the
// reports' missed-target counts) and the predicate of the partial indexes the escalation sweep
// scans (migration 1764000200000, whose `WHERE` clauses `escalatable` repeats word for word so
// the planner can use them). Each MUST mean what its TypeScript twin means: sla-sql.e2e-spec
// evaluates both over the same tickets and compares.
import type { BreachKind } from './sla';

interface KindColumns {
  due: string;
  escalated: string;
  warned: string;
}

const COLUMNS: Record<BreachKind, KindColumns> = {
  first_response: {
    due: 'first_response_due_at',
    escalated: 'first_response_escalated_at',
    warned: 'first_response_warned_at',
  },
  resolution: { due: 'resolution_due_at', escalated: 'resolution_escalated_at', warned: 'resolution_warned_at' },
};

export function dueColumn(kind: BreachKind): string {
  return COLUMNS[kind].due;
}

export function escalatedColumn(kind: BreachKind): string {
  return COLUMNS[kind].escalated;
}

/** The mark of the (once per kind and ticket) SLA warning. */
export function warnedColumn(kind: BreachKind): string {
  return COLUMNS[kind].warned;
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
export function escalatable(kind: BreachKind, alias = ''): string {
  const a = alias ? `${alias}.` : '';
  const { due, escalated } = COLUMNS[kind];
  const unanswered = kind === 'first_response' ? ` AND ${a}first_responded_at IS NULL` : '';
  return (
    `${a}deleted_at IS NULL AND ${a}${escalated} IS NULL${unanswered} AND ${a}resolved_at IS NULL` +
    ` AND (${a}paused_at IS NULL OR ${a}paused_at > ${a}${due})`
  );
}

const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The SQL twin of {@link breaches} for one kind: whether the ticket aliased `alias` missed that
 * target, over its snake_case columns, with `now()` as the current time and `paused_at` freezing it
 * while pending. Never NULL. The reports count breaches per kind and day with it.
 *
 * It MUST mean exactly what {@link breaches} means (same coalesce order, strict `>`). Change both
 * together.
 */
export const MISSED_TARGET_SQL = (alias: string, kind: BreachKind): string => {
  if (!SQL_IDENTIFIER.test(alias)) throw new Error(`MISSED_TARGET_SQL: not a plain SQL alias: ${alias}`);
  const a = alias;
  return kind === 'first_response'
    ? `coalesce(${a}.first_responded_at, ${a}.resolved_at, ${a}.paused_at, now()) > ${a}.first_response_due_at`
    : `coalesce(${a}.resolved_at, ${a}.paused_at, now()) > ${a}.resolution_due_at`;
};

/**
 * The SQL twin of {@link isBreached}, for filtering tickets in Postgres (`?is_breached=`): a
 * boolean expression over the snake_case columns of the ticket aliased `alias`, with `now()` as
 * the current time and `paused_at` freezing it while pending.
 *
 * It MUST mean exactly what {@link breaches} means (same coalesce order, strict `>`); the list
 * filter and the `is_breached` field of the JSON would disagree otherwise. Change both together.
 * All columns are NOT NULL or handled by coalesce, so the expression is never NULL and
 * `NOT (...)` is its exact complement.
 */
export const IS_BREACHED_SQL = (alias: string): string => {
  if (!SQL_IDENTIFIER.test(alias)) throw new Error(`IS_BREACHED_SQL: not a plain SQL alias: ${alias}`);
  return `(${MISSED_TARGET_SQL(alias, 'first_response')} OR ${MISSED_TARGET_SQL(alias, 'resolution')})`;
};
