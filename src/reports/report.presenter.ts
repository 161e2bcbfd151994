// The wire shapes of the reports and the one place their SQL rows become JSON.
import { ApiProperty } from '@nestjs/swagger';
import { TicketPriority } from '../common/ticket-enums';

/** The key of tickets without a category in `tickets_by_category`. */
export const UNCATEGORIZED = 'uncategorized';

export class ReportSummaryJson {
  @ApiProperty({ type: 'integer', example: 7 }) days!: number;
  @ApiProperty({ type: 'integer', description: 'tickets created in the period' }) tickets_opened!: number;
  @ApiProperty({
    type: 'integer',
    description: 'tickets whose resolved_at is in the period (resolved or closed, not reopened since)',
  })
  tickets_resolved!: number;
  @ApiProperty({
    type: 'integer',
    description: 'tickets escalated in the period (a ticket escalated twice counts once)',
  })
  tickets_escalated!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'tickets with an SLA target (first response or resolution) that fell due in the period and was missed ' +
      '(each ticket once)',
  })
  tickets_breached!: number;
}

export class PriorityCountsJson {
  @ApiProperty({ type: 'integer' }) low!: number;
  @ApiProperty({ type: 'integer' }) medium!: number;
  @ApiProperty({ type: 'integer' }) high!: number;
  @ApiProperty({ type: 'integer' }) urgent!: number;
}

export class ReportStatsJson {
  @ApiProperty({ type: 'integer' }) total_tickets!: number;
  @ApiProperty({ type: 'integer' }) open_tickets!: number;
  @ApiProperty({ type: 'integer' }) in_progress_tickets!: number;
  @ApiProperty({ type: 'integer' }) pending_tickets!: number;
  @ApiProperty({ type: 'integer' }) escalated_tickets!: number;
  @ApiProperty({ type: 'integer' }) resolved_tickets!: number;
  @ApiProperty({ type: 'integer' }) closed_tickets!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'not resolved or closed, and past resolution_due_at by the SLA clock (which stands still while pending): ' +
      'the tickets whose resolution target is missed and still open',
  })
  overdue_tickets!: number;
  @ApiProperty({ type: PriorityCountsJson }) tickets_by_priority!: PriorityCountsJson;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { Billing: 12, Hardware: 3, [UNCATEGORIZED]: 4 },
    description:
      `Every category by name (0 when it has no tickets), ordered by name, then "${UNCATEGORIZED}" for tickets ` +
      `without one. A category literally named "${UNCATEGORIZED}" shares that key (the counts are added).`,
  })
  tickets_by_category!: Record<string, number>;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 20.5,
    description:
      'mean of resolved_at − created_at in hours (wall-clock, pending time included), over tickets that have ' +
      'resolved_at; 2 decimals; null when there are none',
  })
  avg_resolution_hours!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1.25,
    description:
      'mean of first_responded_at − created_at in hours, over tickets that have first_responded_at; 2 decimals; ' +
      'null when there are none',
  })
  avg_first_response_hours!: number | null;
  @ApiProperty({ type: 'integer', description: 'created since 00:00 UTC today' }) tickets_created_today!: number;
  @ApiProperty({ type: 'integer', description: 'resolved_at since 00:00 UTC today' }) tickets_resolved_today!: number;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-04T21:07:03.512Z',
    description:
      'when these numbers were computed: they are cached for REPORTS_STATS_CACHE_SECONDS (10 s by default), so ' +
      'they may trail the ticket list by that much (the `Age` header says by how many seconds)',
  })
  as_of!: string;
}

export class TimeseriesPointJson {
  @ApiProperty({ example: '2025-01-31', description: 'a UTC day, YYYY-MM-DD' }) date!: string;
  @ApiProperty({ type: 'integer', description: 'tickets created that day' }) opened!: number;
  @ApiProperty({ type: 'integer', description: 'tickets whose resolved_at is that day' }) resolved!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'tickets with a target that fell due that day (up to now) and was missed; a ticket that missed both ' +
      'targets on different days counts on both',
  })
  breached!: number;
}

export class TimeseriesJson {
  @ApiProperty({ type: [TimeseriesPointJson], description: 'one per UTC day, oldest first, ending today' })
  items!: TimeseriesPointJson[];
}

export interface StatsRow {
  total_tickets: number;
  open_tickets: number;
  in_progress_tickets: number;
  pending_tickets: number;
  escalated_tickets: number;
  resolved_tickets: number;
  closed_tickets: number;
  overdue_tickets: number;
  low: number;
  medium: number;
  high: number;
  urgent: number;
  avg_resolution_hours: number | null;
  avg_first_response_hours: number | null;
  tickets_created_today: number;
  tickets_resolved_today: number;
  /** `[name | null, count]`, in display order; null is the uncategorized bucket. */
  by_category: Array<[string | null, number]>;
}

export function toStatsJson(row: StatsRow, asOf: Date): ReportStatsJson {
  const byPriority: Record<TicketPriority, number> = {
    low: row.low,
    medium: row.medium,
    high: row.high,
    urgent: row.urgent,
  };
  // Category names are admin text: "constructor" or "__proto__" must stay plain keys.
  const counts = new Map<string, number>();
  for (const [name, count] of row.by_category) {
    const key = name ?? UNCATEGORIZED;
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const byCategory: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [key, count] of counts) Object.defineProperty(byCategory, key, { value: count, enumerable: true });
  return {
    total_tickets: row.total_tickets,
    open_tickets: row.open_tickets,
    in_progress_tickets: row.in_progress_tickets,
    pending_tickets: row.pending_tickets,
    escalated_tickets: row.escalated_tickets,
    resolved_tickets: row.resolved_tickets,
    closed_tickets: row.closed_tickets,
    overdue_tickets: row.overdue_tickets,
    tickets_by_priority: byPriority,
    tickets_by_category: byCategory,
    avg_resolution_hours: row.avg_resolution_hours,
    avg_first_response_hours: row.avg_first_response_hours,
    tickets_created_today: row.tickets_created_today,
    tickets_resolved_today: row.tickets_resolved_today,
    as_of: asOf.toISOString(),
  };
}
