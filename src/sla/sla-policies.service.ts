import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { changesBetween } from '../audit/audit-details';
import { AppException } from '../common/errors/app.exception';
import { TransactionContext } from '../database/transaction-context';
import { TICKET_PRIORITIES, TicketPriority } from '../common/ticket-enums';
import { BusinessCalendar } from './business-calendar';
import { BusinessHoursRow, BusinessHoursService } from './business-hours.service';
import { UpdateSlaPolicyDto } from './dto/sla-policy.dtos';
import { SlaCalendar, SlaPolicy } from './sla-policy.entity';

/** A policy and the calendar its minutes count on. */
export interface SlaClockRule {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
}

/** A priority's warning window, for the SLA sweep. */
export interface WarningWindow {
  priority: TicketPriority;
  minutes: number;
}

const RANK = new Map(TICKET_PRIORITIES.map((priority, index) => [priority, index]));

/**
 * The owner of `sla_policies`: `/sla-policies`, and the policy a ticket's due dates are computed
 * from. One policy per priority (seeded by the migration, so there always is one).
 */
@Injectable()
export class SlaPoliciesService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly hours: BusinessHoursService,
    private readonly audit: AuditLog,
  ) {}

  /** Joins the caller's transaction when one is open (a ticket's create or priority change). */
  private get policies(): Repository<SlaPolicy> {
    return this.tx.manager.getRepository(SlaPolicy);
  }

  /**
   * The policy of `priority` and its calendar, in ONE statement (the business hours come with the
   * policy when it counts business time), so a ticket's due dates follow the hours and targets as
   * committed at that moment, whichever process set them.
   */
  async clockFor(priority: TicketPriority): Promise<SlaClockRule> {
    const rows: Array<PolicyRow & Partial<BusinessHoursRow>> = await this.tx.manager.query(
      `SELECT p.priority, p.first_response_minutes, p.resolution_minutes, p.calendar, p.warn_before_minutes,
              p.updated_at, h.timezone, h.week, h.holidays, h.updated_at::text AS version
         FROM sla_policies p LEFT JOIN business_hours h ON h.id = 1 AND p.calendar = $2
        WHERE p.priority = $1`,
      [priority, SlaCalendar.BUSINESS_HOURS],
    );
    const row = rows[0];
    if (!row) throw new Error(`No SLA policy for priority ${priority}`);
    const hours =
      row.version === undefined || row.version === null
        ? null
        : { timezone: row.timezone!, week: row.week!, holidays: row.holidays!, version: row.version };
    return { policy: toPolicy(row), calendar: this.hours.calendarOf(hours) };
  }

  /** The priorities whose policy warns before a due time, and how long before (minutes > 0). */
  async warningWindows(): Promise<WarningWindow[]> {
    const rows: Array<{ priority: TicketPriority; minutes: number }> = await this.tx.manager.query(
      `SELECT priority, warn_before_minutes AS minutes FROM sla_policies WHERE warn_before_minutes > 0`,
    );
    return rows;
  }

  /** Low → urgent. */
  async list(): Promise<SlaPolicy[]> {
    const all = await this.policies.find();
    return all.sort((a, b) => RANK.get(a.priority)! - RANK.get(b.priority)!);
  }

  /**
   * Sets the targets of a priority. Tickets store their due dates when created (and when their
   * priority changes), so the new minutes apply to tickets created (or re-prioritised) from now on;
   * existing due dates stay as they were promised. `calendar` and `warn_before_minutes` are
   * optional: left out, they keep their current value. A new warning window applies at once (the
   * sweep reads it), to existing tickets too.
   */
  async update(priority: string, input: UpdateSlaPolicyDto): Promise<SlaPolicy> {
    if (!isPriority(priority)) throw AppException.notFound('SLA policy');
    return this.tx.run(async () => {
      // Locked, so the audit entry's "from" is what this change replaced.
      const before = await this.policies
        .createQueryBuilder('p')
        .where('p.priority = :priority', { priority })
        .setLock('pessimistic_write')
        .getOne();
      await this.upsert(priority, input);
      const after = await this.policies.findOneByOrFail({ priority });
      await this.audit.record({
        action: 'sla_policy.updated',
        target: { type: 'sla_policy', id: null },
        details: { priority, changes: changesBetween(auditedPolicy(before), auditedPolicy(after)) },
      });
      return after;
    });
  }

  private async upsert(priority: TicketPriority, input: UpdateSlaPolicyDto): Promise<void> {
    await this.policies.query(
      `INSERT INTO sla_policies AS p (priority, first_response_minutes, resolution_minutes, calendar, warn_before_minutes)
       VALUES ($1, $2, $3, coalesce($4, '${SlaCalendar.ALWAYS}'), coalesce($5, 0))
       ON CONFLICT (priority) DO UPDATE
         SET first_response_minutes = EXCLUDED.first_response_minutes,
             resolution_minutes = EXCLUDED.resolution_minutes,
             calendar = coalesce($4, p.calendar),
             warn_before_minutes = coalesce($5::int, p.warn_before_minutes),
             updated_at = now()`,
      [
        priority,
        input.first_response_minutes,
        input.resolution_minutes,
        input.calendar ?? null,
        input.warn_before_minutes ?? null,
      ],
    );
  }
}

/** A policy's targets as the audit log shows them (null fields when there was no row). */
function auditedPolicy(policy: SlaPolicy | null) {
  return {
    first_response_minutes: policy?.firstResponseMinutes ?? null,
    resolution_minutes: policy?.resolutionMinutes ?? null,
    calendar: policy?.calendar ?? null,
    warn_before_minutes: policy?.warnBeforeMinutes ?? null,
  };
}

interface PolicyRow {
  priority: TicketPriority;
  first_response_minutes: number;
  resolution_minutes: number;
  calendar: SlaCalendar;
  warn_before_minutes: number;
  updated_at: Date;
}

function toPolicy(row: PolicyRow): SlaPolicy {
  return Object.assign(new SlaPolicy(), {
    priority: row.priority,
    firstResponseMinutes: row.first_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    calendar: row.calendar,
    warnBeforeMinutes: row.warn_before_minutes,
    updatedAt: row.updated_at,
  });
}

function isPriority(value: string): value is TicketPriority {
  return (TICKET_PRIORITIES as string[]).includes(value);
}
