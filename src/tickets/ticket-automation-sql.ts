// The statements the automation worker runs on tickets: which live tickets match a rule's
// conditions (the SQL twin of automations/automation-rules.ts `matches`), and the locked re-check
// before a rule is applied. Values are always parameters, never part of the text.
import { TicketPriority, TicketStatus } from '../common/ticket-enums';

/** A rule's conditions as tickets see them (automations maps its rule onto this). */
export interface TicketMatch {
  statuses: TicketStatus[];
  priorities?: TicketPriority[];
  categoryIds?: number[];
  /** Tag names (normalised): the ticket carries every one. */
  tagsAll?: string[];
  /** Tag names (normalised): the ticket carries none. */
  tagsNone?: string[];
  /** At least this many hours (fractions allowed) since `updated_at`. */
  hoursSinceUpdate?: number;
  /** At least this many hours since `status_changed_at`. */
  hoursInStatus?: number;
}

/** A match whose tag names were resolved to tag ids (a tag no row has cannot be carried). */
export interface ResolvedTicketMatch extends Omit<TicketMatch, 'tagsAll' | 'tagsNone'> {
  tagIdsAll?: number[];
  tagIdsNone?: number[];
}

/**
 * The WHERE predicate of `match` on the tickets alias `t` (live tickets only), appending its values
 * to `params` and referring to them as `$n`. `hours_in_status` with a status list is a range on
 * `tickets_status_changed_idx` (status, status_changed_at, id). `oneTicket`: the predicate re-checks a
 * single ticket (by id), so per-row subqueries are the cheap form.
 */
export function ticketMatchSql(match: ResolvedTicketMatch, params: unknown[], t = 't', oneTicket = false): string {
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  // One status as `=`, not `= ANY`: only then may the planner walk the (status, status_changed_at,
  // id) index in order (Postgres 15 does not for a list), which the oldest-first walk relies on.
  const status =
    match.statuses.length === 1
      ? `${t}.status = ${param(match.statuses[0], 'ticket_status')}`
      : `${t}.status = ANY(${param(match.statuses, 'ticket_status[]')})`;
  const parts = [`${t}.deleted_at IS NULL`, status];
  if (match.priorities) parts.push(`${t}.priority = ANY(${param(match.priorities, 'ticket_priority[]')})`);
  if (match.categoryIds) parts.push(`${t}.category_id = ANY(${param(match.categoryIds, 'int[]')})`);
  if (match.hoursInStatus !== undefined) {
    parts.push(
      `${t}.status_changed_at <= now() - make_interval(secs => ${param(match.hoursInStatus, 'float8')} * 3600)`,
    );
  }
  if (match.hoursSinceUpdate !== undefined) {
    const since = `now() - make_interval(secs => ${param(match.hoursSinceUpdate, 'float8')} * 3600)`;
    // Implied, and there for the index: a status change updates the ticket too, so
    // updated_at >= status_changed_at, and a ticket not updated since `since` did not change
    // status since then either. The (status, status_changed_at, id) range then holds the few
    // tickets long in their status, instead of every ticket of the status.
    parts.push(`${t}.updated_at <= ${since}`, `${t}.status_changed_at <= ${since}`);
  }
  if (match.tagIdsAll?.length) {
    const ids = param(match.tagIdsAll, 'int[]');
    parts.push(
      oneTicket
        ? `(SELECT count(*) FROM ticket_tags tt WHERE tt.ticket_id = ${t}.id AND tt.tag_id = ANY(${ids})) = cardinality(${ids})`
        : // Driven from the tags' side (ticket_tags_tag_idx): one pass over the tickets carrying
          // them, instead of a count per candidate ticket.
          `${t}.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.tag_id = ANY(${ids})
                        GROUP BY tt.ticket_id HAVING count(*) = cardinality(${ids}))`,
    );
  }
  if (match.tagIdsNone?.length) {
    parts.push(
      `NOT EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = ${t}.id AND tt.tag_id = ANY(${param(match.tagIdsNone, 'int[]')}))`,
    );
  }
  return parts.join(' AND ');
}

/**
 * Where a rule's walk over its candidates stands: the last (order key, id) seen, or null at the
 * start. The key is `status_changed_at` as text (microseconds kept) for rules with a time
 * condition, and absent otherwise (ordered by id alone).
 */
export type AutomationCursor = { key: string | null; id: number } | null;

/** A candidate ticket, with its position in the walk. */
export interface AutomationCandidate {
  id: number;
  version: number;
  key: string | null;
}

/**
 * A page of candidates of `match` after `cursor`, in the walk's order.
 *
 * A rule with `hours_in_status` or `hours_since_update` walks `tickets_status_changed_idx` oldest
 * change first, by keyset on (status_changed_at, id): the index range holds the tickets long
 * enough in the status (exactly, or a superset for `hours_since_update`, see ticketMatchSql), so a
 * page costs its rows whether the rule has a backlog of 200,000 tickets or none. Ordered by
 * id instead, the planner multiplies the status's and the age's selectivities as if independent
 * (most tickets are old, few are resolved: it expects thousands of matches) and walks the primary
 * key, reading the whole table when, as on a settled desk, nothing matches. Other rules page by id.
 */
export function automationCandidatesSql(match: ResolvedTicketMatch, cursor: AutomationCursor, limit: number) {
  const params: unknown[] = [];
  const where = ticketMatchSql(match, params);
  const byAge = match.hoursInStatus !== undefined || match.hoursSinceUpdate !== undefined;
  let after = '';
  if (cursor && byAge) {
    params.push(cursor.key, cursor.id);
    after = ` AND (t.status_changed_at, t.id) > ($${params.length - 1}::timestamptz, $${params.length}::int)`;
  } else if (cursor) {
    params.push(cursor.id);
    after = ` AND t.id > $${params.length}::int`;
  }
  params.push(limit);
  const sql = byAge
    ? `SELECT t.id, t.version, t.status_changed_at::text AS key FROM tickets t
        WHERE ${where}${after} ORDER BY t.status_changed_at, t.id LIMIT $${params.length}::int`
    : `SELECT t.id, t.version, NULL AS key FROM tickets t
        WHERE ${where}${after} ORDER BY t.id LIMIT $${params.length}::int`;
  return { sql, params };
}

/**
 * Locks ticket `id` if it is still at `version` and still matches `match`; skips it (no row) when
 * another transaction holds it, so workers never wait on each other's tickets.
 */
export function lockForAutomationSql(match: ResolvedTicketMatch, id: number, version: number) {
  const params: unknown[] = [id, version];
  const where = ticketMatchSql(match, params, 't', true);
  const sql = `SELECT t.id FROM tickets t WHERE t.id = $1::int AND t.version = $2::int AND ${where}
                FOR UPDATE SKIP LOCKED`;
  return { sql, params };
}
