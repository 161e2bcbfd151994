import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../common/decorators/roles.decorator';
import { UserRole } from '../common/user-role';
import { SummaryQueryDto, TimeseriesQueryDto } from './dto/report.dtos';
import { ReportStatsJson, ReportSummaryJson, TimeseriesJson } from './report.presenter';
import { ReportsService } from './reports.service';

const LIVE_ONLY = 'Soft-deleted tickets are never counted.';
const BREACH =
  'A ticket breached a target when it missed it by the SLA rules (API.md → SLA): first response when ' +
  'coalesce(first_responded_at, resolved_at, clock) > first_response_due_at, resolution when ' +
  'coalesce(resolved_at, clock) > resolution_due_at, where the clock is now, or the moment the ticket entered ' +
  '`pending` while it is pending.';

@ApiTags('reports')
@ApiBearerAuth()
@Roles(UserRole.AGENT, UserRole.ADMIN)
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({
    operationId: 'getReportSummary',
    summary: 'Tickets opened, resolved, escalated and breached in the last N days (agent, admin)',
    description:
      'The period is the last `days` UTC calendar days, today included, up to now: with `days=1`, since 00:00 UTC ' +
      'today (so it matches the sum of the same days of `/reports/timeseries`). `tickets_opened`: created in the ' +
      'period. `tickets_resolved`: resolved_at in the period (resolved or closed then, and not reopened since). ' +
      '`tickets_escalated`: escalated by the SLA worker in the period (its latest escalation, `escalated_at`, is in ' +
      'it; a ticket escalated twice counts once). `tickets_breached`: tickets whose first-response or resolution ' +
      'target fell due in the period (at or after its start, before now) and was missed, each ticket once. ' +
      `${BREACH} ${LIVE_ONLY}`,
  })
  @ApiOkResponse({ type: ReportSummaryJson })
  summary(@Query() query: SummaryQueryDto): Promise<ReportSummaryJson> {
    return this.reports.summary(query.days);
  }

  @Get('stats')
  @ApiOperation({
    operationId: 'getReportStats',
    summary: 'The desk right now: tickets by status, priority and category, overdue, average times (agent, admin)',
    description:
      'All-time counts over live tickets. `overdue_tickets`: not resolved or closed and past resolution_due_at ' +
      '(by the SLA clock, which stands still while pending). Averages are wall-clock hours from created_at, over ' +
      'the tickets that have the timestamp, rounded to 2 decimals, null when no ticket has it. "Today" is the UTC ' +
      `day. ${LIVE_ONLY} The numbers are computed at most once per REPORTS_STATS_CACHE_SECONDS (10 s by ` +
      'default) and served from memory meanwhile (for up to a minute more while a refresh runs): `as_of` says when ' +
      'they were computed, `Age` how many seconds ago, and `Cache-Control: private, max-age=N` how long they stay fresh ' +
      'counted from `as_of` (N is the cache TTL, so they expire after N − Age more seconds; 0 once stale).',
  })
  @ApiOkResponse({
    type: ReportStatsJson,
    headers: {
      'Cache-Control': {
        description:
          '`private, max-age=N`: the numbers stay fresh N seconds from `as_of`, i.e. N − Age more (0 once stale)',
        schema: { type: 'string', example: 'private, max-age=10' },
      },
      Age: {
        description: 'seconds since the numbers were computed (`as_of`)',
        schema: { type: 'integer', minimum: 0, example: 3 },
      },
    },
  })
  async stats(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReportStatsJson> {
    const fresh = await this.reports.stats();
    reply.header('cache-control', `private, max-age=${fresh.maxAgeSeconds}`);
    reply.header('age', String(fresh.ageSeconds));
    return fresh.stats;
  }

  @Get('timeseries')
  @ApiOperation({
    operationId: 'getReportTimeseries',
    summary: 'Opened, resolved and breached tickets per UTC day (agent, admin)',
    description:
      'Exactly `days` rows, one per UTC day, oldest first, the last one today; days without tickets are zeros. ' +
      '`opened`: created that day. `resolved`: resolved_at that day. `breached`: tickets with a target that fell ' +
      'due that day (up to now) and was missed; a ticket that missed both targets on different days counts on ' +
      `both, so the sum can exceed the summary's tickets_breached. ${BREACH} ${LIVE_ONLY}`,
  })
  @ApiOkResponse({ type: TimeseriesJson })
  timeseries(@Query() query: TimeseriesQueryDto): Promise<TimeseriesJson> {
    return this.reports.timeseries(query.days);
  }
}
