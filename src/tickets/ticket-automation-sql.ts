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
 * `tickets_status_changed_idx` (status, status_changed_at).
 */
export function ticketMatchSql(match: ResolvedTicketMatch, params: unknown[], t = 't'): string {
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const parts = [`${t}.deleted_at IS NULL`, `${t}.status = ANY(${param(match.statuses, 'ticket_status[]')})`];
  if (match.priorities) parts.push(`${t}.priority = ANY(${param(match.priorities, 'ticket_priority[]')})`);
  if (match.categoryIds) parts.push(`${t}.category_id = ANY(${param(match.categoryIds, 'int[]')})`);
  if (match.hoursInStatus !== undefined) {
    parts.push(
      `${t}.status_changed_at <= now() - make_interval(secs => ${param(match.hoursInStatus, 'float8')} * 3600)`,
    );
  }
  if (match.hoursSinceUpdate !== undefined) {
    parts.push(`${t}.updated_at <= now() - make_interval(secs => ${param(match.hoursSinceUpdate, 'float8')} * 3600)`);
  }
  if (match.tagIdsAll?.length) {
    const ids = param(match.tagIdsAll, 'int[]');
    parts.push(
      `(SELECT count(*) FROM ticket_tags tt WHERE tt.ticket_id = ${t}.id AND tt.tag_id = ANY(${ids})) = cardinality(${ids})`,
    );
  }
  if (match.tagIdsNone?.length) {
    parts.push(
      `NOT EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = ${t}.id AND tt.tag_id = ANY(${param(match.tagIdsNone, 'int[]')}))`,
    );
  }
  return parts.join(' AND ');
}

/** A page of (id, version) of the tickets matching `match`, by id after `$afterId`. */
export function automationCandidatesSql(match: ResolvedTicketMatch, afterId: number, limit: number) {
  const params: unknown[] = [];
  const where = ticketMatchSql(match, params);
  params.push(afterId, limit);
  const sql = `SELECT t.id, t.version FROM tickets t
                WHERE ${where} AND t.id > $${params.length - 1}::int
                ORDER BY t.id LIMIT $${params.length}::int`;
  return { sql, params };
}

/**
 * Locks ticket `id` if it is still at `version` and still matches `match`; skips it (no row) when
 * another transaction holds it, so workers never wait on each other's tickets.
 */
export function lockForAutomationSql(match: ResolvedTicketMatch, id: number, version: number) {
  const params: unknown[] = [id, version];
  const where = ticketMatchSql(match, params);
  const sql = `SELECT t.id FROM tickets t WHERE t.id = $1::int AND t.version = $2::int AND ${where}
                FOR UPDATE SKIP LOCKED`;
  return { sql, params };
}
