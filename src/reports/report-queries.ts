// The reports' SQL: aggregates over live tickets, with UTC days. Each range condition is on an
// indexed column, so the counts are index-only range scans (see migration 1764000400000); no query
// returns a ticket row.
import { MISSED_TARGET_SQL } from '../sla/sla-sql';

const LIVE = 't.deleted_at IS NULL';
const FIRST_RESPONSE_MISSED = MISSED_TARGET_SQL('t', 'first_response');
const RESOLUTION_MISSED = MISSED_TARGET_SQL('t', 'resolution');

/** Start of the UTC day `daysAgo` days before today's, as timestamptz (immune to the session's TimeZone). */
const utcDayStart = (daysAgo: string) =>
  `(((now() AT TIME ZONE 'UTC')::date - ${daysAgo})::timestamp AT TIME ZONE 'UTC')`;

const countLive = (where: string) => `(SELECT count(*) FROM tickets t WHERE ${LIVE} AND ${where})::int`;

const firstResponseMissedIn = (from: string, to: string) =>
  `t.first_response_due_at >= ${from} AND t.first_response_due_at < ${to} AND ${FIRST_RESPONSE_MISSED}`;
const resolutionMissedIn = (from: string, to: string) =>
  `t.resolution_due_at >= ${from} AND t.resolution_due_at < ${to} AND ${RESOLUTION_MISSED}`;

/**
 * Tickets with a target that fell due in [from, to) and was missed, each counted once: those that
 * missed the first response, plus those that missed the resolution and not also the first
 * response in the range. Two index-only scans, one per due-date index, instead of an OR that
 * would read the table.
 */
const breachedIn = (from: string, to: string) =>
  `(${countLive(firstResponseMissedIn(from, to))} + ` +
  `${countLive(`${resolutionMissedIn(from, to)} AND NOT (${firstResponseMissedIn(from, to)})`)})`;

/** `$1`: days (1..365). The period is the last `$1` UTC days, today included, up to now. */
export const SUMMARY_SQL = `
  WITH period AS (SELECT ${utcDayStart('($1::int - 1)')} AS since)
  SELECT ${countLive('t.created_at >= p.since')} AS tickets_opened,
         ${countLive('t.resolved_at IS NOT NULL AND t.resolved_at >= p.since')} AS tickets_resolved,
         ${countLive('t.escalated_at IS NOT NULL AND t.escalated_at >= p.since')} AS tickets_escalated,
         ${breachedIn('p.since', 'now()')} AS tickets_breached
    FROM period p`;

/**
 * `$1`: days (1..365). One row per UTC day, oldest first, ending today; every day is there
 * (generate_series) and each count is an index range scan over that day alone.
 */
export const TIMESERIES_SQL = `
  WITH days AS (
    SELECT day,
           day::timestamp AT TIME ZONE 'UTC' AS day_start,
           (day + 1)::timestamp AT TIME ZONE 'UTC' AS day_end,
           least((day + 1)::timestamp AT TIME ZONE 'UTC', now()) AS due_end
      FROM (SELECT (now() AT TIME ZONE 'UTC')::date - g AS day FROM generate_series($1::int - 1, 0, -1) AS g) d
  )
  SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
         ${countLive('t.created_at >= d.day_start AND t.created_at < d.day_end')} AS opened,
         ${countLive('t.resolved_at IS NOT NULL AND t.resolved_at >= d.day_start AND t.resolved_at < d.day_end')} AS resolved,
         ${breachedIn('d.day_start', 'd.due_end')}::int AS breached
    FROM days d
   ORDER BY d.day`;

/**
 * Everything of `GET /reports/stats` in one pass over the live tickets, grouped by category (a
 * handful of rows), then summed. Every category is listed, with 0 when it has no tickets; `name`
 * NULL is the uncategorized bucket.
 */
export const STATS_SQL = `
  WITH today AS (SELECT ${utcDayStart('0')} AS start),
  per_category AS (
    SELECT t.category_id,
           count(*) AS total,
           count(*) FILTER (WHERE t.status = 'open') AS open,
           count(*) FILTER (WHERE t.status = 'in_progress') AS in_progress,
           count(*) FILTER (WHERE t.status = 'pending') AS pending,
           count(*) FILTER (WHERE t.status = 'escalated') AS escalated,
           count(*) FILTER (WHERE t.status = 'resolved') AS resolved,
           count(*) FILTER (WHERE t.status = 'closed') AS closed,
           count(*) FILTER (WHERE t.status NOT IN ('resolved', 'closed') AND ${RESOLUTION_MISSED}) AS overdue,
           count(*) FILTER (WHERE t.priority = 'low') AS low,
           count(*) FILTER (WHERE t.priority = 'medium') AS medium,
           count(*) FILTER (WHERE t.priority = 'high') AS high,
           count(*) FILTER (WHERE t.priority = 'urgent') AS urgent,
           sum(t.resolved_at - t.created_at) AS resolution_time,
           count(t.resolved_at) AS with_resolution,
           sum(t.first_responded_at - t.created_at) AS first_response_time,
           count(t.first_responded_at) AS with_first_response,
           count(*) FILTER (WHERE t.created_at >= today.start) AS created_today,
           count(*) FILTER (WHERE t.resolved_at >= today.start) AS resolved_today
      FROM tickets t, today
     WHERE ${LIVE}
     GROUP BY t.category_id
  ),
  by_category AS (
    SELECT c.name, coalesce(pc.total, 0) AS n, 0 AS last, lower(c.name) AS sort_name, c.id
      FROM categories c LEFT JOIN per_category pc ON pc.category_id = c.id
    UNION ALL
    SELECT NULL, coalesce((SELECT total FROM per_category WHERE category_id IS NULL), 0), 1, NULL, NULL
  )
  SELECT coalesce(sum(total), 0)::int AS total_tickets,
         coalesce(sum(open), 0)::int AS open_tickets,
         coalesce(sum(in_progress), 0)::int AS in_progress_tickets,
         coalesce(sum(pending), 0)::int AS pending_tickets,
         coalesce(sum(escalated), 0)::int AS escalated_tickets,
         coalesce(sum(resolved), 0)::int AS resolved_tickets,
         coalesce(sum(closed), 0)::int AS closed_tickets,
         coalesce(sum(overdue), 0)::int AS overdue_tickets,
         coalesce(sum(low), 0)::int AS low,
         coalesce(sum(medium), 0)::int AS medium,
         coalesce(sum(high), 0)::int AS high,
         coalesce(sum(urgent), 0)::int AS urgent,
         round((extract(epoch FROM sum(resolution_time)) / nullif(sum(with_resolution), 0) / 3600)::numeric, 2)::float8
           AS avg_resolution_hours,
         round((extract(epoch FROM sum(first_response_time)) / nullif(sum(with_first_response), 0) / 3600)::numeric, 2)::float8
           AS avg_first_response_hours,
         coalesce(sum(created_today), 0)::int AS tickets_created_today,
         coalesce(sum(resolved_today), 0)::int AS tickets_resolved_today,
         (SELECT json_agg(json_build_array(name, n) ORDER BY last, sort_name, id) FROM by_category) AS by_category
    FROM per_category`;
