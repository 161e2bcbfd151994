import { AuditLog } from '../audit/audit-log';
import { BusinessHoursSpec } from './business-calendar';
import { BusinessHoursService, DUE_HORIZON_MS } from './business-hours.service';
import { TransactionContext } from '../database/transaction-context';

const closed: BusinessHoursSpec['week'] = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const row = (version: string, week: Partial<BusinessHoursSpec['week']>) => ({
  timezone: 'Europe/Berlin',
  week: { ...closed, ...week },
  holidays: [],
  version,
});

describe('BusinessHoursService.calendarOf', () => {
  const service = new BusinessHoursService({} as TransactionContext, {} as AuditLog);
  const friday1630 = new Date('2026-03-06T15:30:00.000Z');

  it('counts plain time without a row, and business time with one', () => {
    expect(service.calendarOf(null).addSeconds(friday1630, 3600)).toEqual(new Date('2026-03-06T16:30:00.000Z'));
    const calendar = service.calendarOf(row('v1', { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] }));
    expect(calendar.addSeconds(friday1630, 3600)).toEqual(new Date('2026-03-09T08:30:00.000Z'));
  });

  it('compiles once per version of the row, and again for a new version', () => {
    const first = service.calendarOf(row('v2', { mon: [['09:00', '17:00']] }));
    expect(service.calendarOf(row('v2', { mon: [['09:00', '17:00']] }))).toBe(first);
    const next = service.calendarOf(row('v3', { mon: [['10:00', '17:00']] }));
    expect(next).not.toBe(first);
    expect(next.addSeconds(friday1630, 60)).toEqual(new Date('2026-03-09T09:01:00.000Z'));
  });

  it('puts a target the hours cannot reach within a century at the horizon instead of failing', () => {
    const calendar = service.calendarOf(row('v4', { mon: [['00:00', '00:01']] }));
    expect(calendar.addSeconds(friday1630, 525_600 * 60)).toEqual(new Date(friday1630.getTime() + DUE_HORIZON_MS));
    expect(() => calendar.addSeconds(friday1630, -1)).toThrow(RangeError);
  });
});
