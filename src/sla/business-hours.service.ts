import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { changesBetween } from '../audit/audit-details';
import { AppException } from '../common/errors/app.exception';
import { TransactionContext } from '../database/transaction-context';
import {
  ALWAYS_OPEN,
  ALWAYS_OPEN_SPEC,
  BusinessCalendar,
  businessCalendar,
  BusinessHoursSpec,
  validateBusinessHours,
  WEEKDAYS,
  WeekHours,
} from './business-calendar';

/** The business-hours row as read, with its version (`updated_at` as text: microseconds kept). */
export interface BusinessHoursRow extends BusinessHoursSpec {
  version: string;
}

/**
 * The owner of `business_hours` (API.md → Business hours): the desk's one calendar, read and set
 * by admins, and compiled into a {@link BusinessCalendar} for the SLA clock.
 *
 * Several processes (API instances, workers) use it, so nothing is trusted from memory alone: every
 * caller reads the row (SlaPoliciesService reads it in the statement that reads the policy), and
 * only the compiled calendar is cached, keyed by the row's `updated_at`. A PUT sets `updated_at`
 * to a strictly later instant under the row lock, so the next read anywhere sees a new key.
 */
@Injectable()
export class BusinessHoursService {
  private compiled: { version: string; calendar: BusinessCalendar } | null = null;

  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<BusinessHoursSpec> {
    const rows: BusinessHoursRow[] = await this.tx.manager.query(
      `SELECT timezone, week, holidays, updated_at::text AS version FROM business_hours WHERE id = 1`,
    );
    return rows.length ? toSpec(rows[0]) : ALWAYS_OPEN_SPEC;
  }

  /**
   * Replaces the hours. Whatever the DTO could not check (a real zone, real times and dates, no
   * overlaps, some open time) is checked here, and any problem is a 400 naming each field
   * (`week.mon[0]`, `timezone`, `holidays[2]`), with nothing stored.
   */
  async set(input: BusinessHoursSpec): Promise<BusinessHoursSpec> {
    const spec = toSpec(input);
    const problems = validateBusinessHours(spec);
    const fields = Object.keys(problems);
    if (fields.length) {
      throw AppException.validation(`Invalid business hours: ${fields.slice(0, 10).join(', ')}`, problems);
    }
    return this.tx.run(async () => {
      const before: BusinessHoursRow[] = await this.tx.manager.query(
        `SELECT timezone, week, holidays FROM business_hours WHERE id = 1 FOR UPDATE`,
      );
      const after = await this.store(spec);
      await this.audit.record({
        action: 'business_hours.updated',
        target: { type: 'business_hours', id: null },
        details: { changes: changesBetween(before.length ? toSpec(before[0]) : ALWAYS_OPEN_SPEC, after) },
      });
      return after;
    });
  }

  private async store(spec: BusinessHoursSpec): Promise<BusinessHoursSpec> {
    const rows: BusinessHoursRow[] = await this.tx.manager.query(
      `INSERT INTO business_hours AS h (id, timezone, week, holidays, updated_at)
       VALUES (1, $1, $2::jsonb, $3::jsonb, clock_timestamp())
       ON CONFLICT (id) DO UPDATE SET timezone = EXCLUDED.timezone, week = EXCLUDED.week,
              holidays = EXCLUDED.holidays,
              -- strictly later than the version it replaces, so no process keeps the old calendar
              updated_at = greatest(clock_timestamp(), h.updated_at + interval '1 microsecond')
       RETURNING timezone, week, holidays, updated_at::text AS version`,
      [spec.timezone, JSON.stringify(spec.week), JSON.stringify(spec.holidays)],
    );
    return toSpec(rows[0]);
  }

  /** The calendar of a row read with its version; compiled once per version in this process. */
  calendarOf(row: BusinessHoursRow | null): BusinessCalendar {
    if (!row) return ALWAYS_OPEN;
    if (this.compiled?.version !== row.version) {
      this.compiled = { version: row.version, calendar: withHorizon(businessCalendar(toSpec(row))) };
    }
    return this.compiled.calendar;
  }
}

/** How far ahead a due date may lie: past it, the target is as good as never due. */
export const DUE_HORIZON_MS = 100 * 365 * 24 * 3_600_000;

/**
 * A calendar whose `addSeconds` never fails for a target it cannot place (a year of minutes on a
 * week open for one minute reaches past the calendar's search horizon and throws RangeError):
 * such a target is due {@link DUE_HORIZON_MS} after `from`, i.e. never in practice, rather than
 * failing the ticket's create or update. Invalid arguments still throw.
 */
export function withHorizon(calendar: BusinessCalendar): BusinessCalendar {
  return {
    addSeconds(from, seconds) {
      if (!Number.isSafeInteger(seconds) || seconds < 0) return calendar.addSeconds(from, seconds);
      try {
        return calendar.addSeconds(from, seconds);
      } catch (error) {
        if (error instanceof RangeError) return new Date(from.getTime() + DUE_HORIZON_MS);
        throw error;
      }
    },
    secondsBetween: (from, to) => calendar.secondsBetween(from, to),
  };
}

/** Only the spec's own fields, days in week order (the DTO already refused any other key). */
function toSpec(source: BusinessHoursSpec): BusinessHoursSpec {
  const week = Object.fromEntries(WEEKDAYS.map((day) => [day, source.week[day]])) as WeekHours;
  return { timezone: source.timezone, week, holidays: source.holidays };
}
