import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  ALWAYS_OPEN,
  ALWAYS_OPEN_SPEC,
  businessCalendar,
  BusinessHoursSpec,
  DayHours,
  validateBusinessHours,
  Weekday,
  WEEKDAYS,
  WeekHours,
} from './business-calendar';

const BERLIN = 'Europe/Berlin';
const ST_JOHNS = 'America/St_Johns';
const HOUR = 3600;
const WORKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function week(hours: DayHours, days: readonly Weekday[] = WORKDAYS): WeekHours {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, days.includes(day) ? hours : []])) as WeekHours;
}

function spec(timezone: string, weekHours: WeekHours, holidays: string[] = []): BusinessHoursSpec {
  return { timezone, week: weekHours, holidays };
}

/** The instant at which the clock in `zone` reads `local` (an unambiguous wall time). */
function at(local: string, zone: string): Date {
  const date = DateTime.fromISO(local, { zone });
  if (!date.isValid) throw new Error(`bad test time ${local}`);
  return date.toJSDate();
}

/** What the clock in `zone` reads at `instant`, with its offset. */
function local(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

describe('businessCalendar', () => {
  const officeHours = businessCalendar(spec(BERLIN, week([['09:00', '17:00']])));

  describe('the contract example: Mon–Fri 09–17 Europe/Berlin', () => {
    it('60 min from Friday 16:30 falls due Monday 09:30', () => {
      const due = officeHours.addSeconds(at('2026-03-06T16:30', BERLIN), 60 * 60);
      expect(local(due, BERLIN)).toBe('2026-03-09T09:30:00+01:00');
      expect(officeHours.secondsBetween(at('2026-03-06T16:30', BERLIN), due)).toBe(HOUR);
    });

    it('30 min from Friday 16:30 falls due at Friday 17:00, the end of the interval', () => {
      const due = officeHours.addSeconds(at('2026-03-06T16:30', BERLIN), 30 * 60);
      expect(local(due, BERLIN)).toBe('2026-03-06T17:00:00+01:00');
    });

    it('across the weekend of the spring DST change', () => {
      const due = officeHours.addSeconds(at('2026-03-27T16:30', BERLIN), 60 * 60);
      expect(local(due, BERLIN)).toBe('2026-03-30T09:30:00+02:00');
    });

    it('starts counting at the next opening when created outside the hours', () => {
      expect(local(officeHours.addSeconds(at('2026-03-07T11:00', BERLIN), 1), BERLIN)).toBe(
        '2026-03-09T09:00:01+01:00',
      );
      expect(local(officeHours.addSeconds(at('2026-03-09T07:00', BERLIN), 8 * HOUR), BERLIN)).toBe(
        '2026-03-09T17:00:00+01:00',
      );
      expect(local(officeHours.addSeconds(at('2026-03-09T07:00', BERLIN), 8 * HOUR + 1), BERLIN)).toBe(
        '2026-03-10T09:00:01+01:00',
      );
    });

    it('adds and measures a whole working year', () => {
      const from = at('2026-01-05T09:00', BERLIN);
      const due = officeHours.addSeconds(from, 52 * 5 * 8 * HOUR);
      expect(local(due, BERLIN)).toBe('2027-01-01T17:00:00+01:00');
      expect(officeHours.secondsBetween(from, due)).toBe(52 * 5 * 8 * HOUR);
    });
  });

  describe('addSeconds(from, 0) and bad arguments', () => {
    it('returns from itself, even outside the hours', () => {
      const saturday = at('2026-03-07T11:00', BERLIN);
      expect(officeHours.addSeconds(saturday, 0)).toBe(saturday);
    });

    it('refuses negative or non-finite seconds and invalid dates', () => {
      const now = at('2026-03-09T10:00', BERLIN);
      expect(() => officeHours.addSeconds(now, -1)).toThrow(RangeError);
      expect(() => officeHours.addSeconds(now, Number.NaN)).toThrow(RangeError);
      expect(() => officeHours.addSeconds(now, Infinity)).toThrow(RangeError);
      expect(() => officeHours.addSeconds(new Date(Number.NaN), 1)).toThrow(RangeError);
      expect(() => officeHours.secondsBetween(now, new Date(Number.NaN))).toThrow(RangeError);
    });

    it('refuses a target more than 100 years ahead instead of searching for it', () => {
      expect(() => officeHours.addSeconds(at('2026-03-09T10:00', BERLIN), 200 * 52 * 40 * HOUR)).toThrow(/100 years/);
      // A sparse week passes that cheap check; the walk itself stops at the bound.
      const rare = businessCalendar(spec(BERLIN, week([['09:00', '09:01']], ['mon'])));
      expect(() => rare.addSeconds(at('2026-03-09T10:00', BERLIN), 101 * 52 * 60)).toThrow(/100 years/);
    });

    it('refuses to build a calendar from an invalid spec', () => {
      expect(() => businessCalendar(spec(BERLIN, week([])))).toThrow(/week/);
      expect(() => businessCalendar(spec('Mars/Olympus', week([['09:00', '17:00']])))).toThrow(/timezone/);
    });
  });

  describe('DST in Europe/Berlin', () => {
    const allDay = businessCalendar(spec(BERLIN, week([['00:00', '24:00']], WEEKDAYS)));

    it('a 24h calendar counts 23 h on 2026-03-29 and 25 h on 2026-10-25', () => {
      expect(allDay.secondsBetween(at('2026-03-29T00:00', BERLIN), at('2026-03-30T00:00', BERLIN))).toBe(23 * HOUR);
      expect(allDay.secondsBetween(at('2026-10-25T00:00', BERLIN), at('2026-10-26T00:00', BERLIN))).toBe(25 * HOUR);
      expect(local(allDay.addSeconds(at('2026-03-29T00:00', BERLIN), 24 * HOUR), BERLIN)).toBe(
        '2026-03-30T01:00:00+02:00',
      );
      expect(local(allDay.addSeconds(at('2026-10-25T00:00', BERLIN), 24 * HOUR), BERLIN)).toBe(
        '2026-10-25T23:00:00+01:00',
      );
    });

    it('09–17 counts 8 real hours on both change days', () => {
      const daily = businessCalendar(spec(BERLIN, week([['09:00', '17:00']], WEEKDAYS)));
      expect(daily.secondsBetween(at('2026-03-29T00:00', BERLIN), at('2026-03-30T00:00', BERLIN))).toBe(8 * HOUR);
      expect(daily.secondsBetween(at('2026-10-25T00:00', BERLIN), at('2026-10-26T00:00', BERLIN))).toBe(8 * HOUR);
      expect(local(daily.addSeconds(at('2026-03-28T16:00', BERLIN), 2 * HOUR), BERLIN)).toBe(
        '2026-03-29T10:00:00+02:00',
      );
    });

    it('an interval that spans the change counts its real elapsed seconds', () => {
      const night = businessCalendar(spec(BERLIN, week([['01:00', '04:00']], ['sun'])));
      const day = (date: string) => night.secondsBetween(at(`${date}T00:00`, BERLIN), at(`${date}T12:00`, BERLIN));
      expect(day('2026-03-22')).toBe(3 * HOUR);
      expect(day('2026-03-29')).toBe(2 * HOUR);
      expect(day('2026-10-25')).toBe(4 * HOUR);
      // 01:00 CET + 1 h is 03:00 CEST: the clock skipped 02:00–03:00.
      expect(local(night.addSeconds(at('2026-03-28T12:00', BERLIN), HOUR), BERLIN)).toBe('2026-03-29T03:00:00+02:00');
      // In October 1 h after 01:00 is the first 02:00 (CEST), 2 h after it the second one (CET).
      expect(local(night.addSeconds(at('2026-10-24T12:00', BERLIN), HOUR), BERLIN)).toBe('2026-10-25T02:00:00+02:00');
      expect(local(night.addSeconds(at('2026-10-24T12:00', BERLIN), 2 * HOUR), BERLIN)).toBe(
        '2026-10-25T02:00:00+01:00',
      );
    });

    it('a boundary in the skipped hour is the instant of the jump', () => {
      const skipped = businessCalendar(spec(BERLIN, week([['02:00', '03:00']], ['sun'])));
      const lateStart = businessCalendar(spec(BERLIN, week([['02:30', '03:30']], ['sun'])));
      const earlyEnd = businessCalendar(spec(BERLIN, week([['01:00', '02:30']], ['sun'])));
      const from = at('2026-03-29T00:00', BERLIN);
      const to = at('2026-03-29T12:00', BERLIN);
      expect(skipped.secondsBetween(from, to)).toBe(0);
      expect(lateStart.secondsBetween(from, to)).toBe(30 * 60);
      expect(earlyEnd.secondsBetween(from, to)).toBe(HOUR);
      expect(lateStart.addSeconds(from, 1).toISOString()).toBe('2026-03-29T01:00:01.000Z');
      // The Sunday after has its full hour again.
      expect(skipped.addSeconds(from, 1).toISOString()).toBe('2026-04-05T00:00:01.000Z');
    });

    it('a boundary at a time the clock shows twice is its first occurrence', () => {
      const twice = businessCalendar(spec(BERLIN, week([['02:30', '03:00']], ['sun'])));
      const from = at('2026-10-25T00:00', BERLIN);
      // 02:30 CEST (00:30 UTC) to 03:00 CET (02:00 UTC).
      expect(twice.secondsBetween(from, at('2026-10-25T12:00', BERLIN))).toBe(90 * 60);
      expect(twice.addSeconds(from, 1).toISOString()).toBe('2026-10-25T00:30:01.000Z');
    });
  });

  describe('other zones with DST', () => {
    it('Australia/Lord_Howe moves its clock by half an hour', () => {
      const allDay = businessCalendar(spec('Australia/Lord_Howe', week([['00:00', '24:00']], WEEKDAYS)));
      const zone = 'Australia/Lord_Howe';
      expect(allDay.secondsBetween(at('2026-10-04T00:00', zone), at('2026-10-05T00:00', zone))).toBe(23.5 * HOUR);
      expect(allDay.secondsBetween(at('2026-04-05T00:00', zone), at('2026-04-06T00:00', zone))).toBe(24.5 * HOUR);
      const night = businessCalendar(spec(zone, week([['01:00', '03:00']], ['sun'])));
      // 02:00–02:30 does not exist on 2026-10-04.
      expect(night.secondsBetween(at('2026-10-04T00:00', zone), at('2026-10-04T12:00', zone))).toBe(1.5 * HOUR);
    });

    it('America/Asuncion fell back from 24:00 to 23:00 on 2023-03-25', () => {
      const zone = 'America/Asuncion';
      const lateNight = businessCalendar(
        spec(zone, { ...week([]), sat: [['23:00', '24:00']], sun: [['00:00', '01:00']] }),
      );
      // Saturday 23:00 (first, −03:00) to Sunday 00:00 (−04:00) is 2 h; then 1 h on Sunday.
      expect(lateNight.secondsBetween(new Date('2023-03-25T12:00:00Z'), new Date('2023-03-26T12:00:00Z'))).toBe(
        3 * HOUR,
      );
      expect(lateNight.addSeconds(new Date('2023-03-26T02:30:00Z'), HOUR).toISOString()).toBe(
        '2023-03-26T03:30:00.000Z',
      );
      expect(lateNight.addSeconds(new Date('2023-03-26T03:30:00Z'), HOUR).toISOString()).toBe(
        '2023-03-26T04:30:00.000Z',
      );
    });
  });

  describe('holidays', () => {
    const christmas = businessCalendar(spec(BERLIN, week([['09:00', '17:00']]), ['2026-12-25', '2026-12-26']));

    it('close the whole local day', () => {
      // Thursday 24 Dec 16:30; Friday 25 is a holiday, 26 is a Saturday anyway.
      const due = christmas.addSeconds(at('2026-12-24T16:30', BERLIN), HOUR);
      expect(local(due, BERLIN)).toBe('2026-12-28T09:30:00+01:00');
      expect(local(officeHours.addSeconds(at('2026-12-24T16:30', BERLIN), HOUR), BERLIN)).toBe(
        '2026-12-25T09:30:00+01:00',
      );
      expect(christmas.secondsBetween(at('2026-12-24T00:00', BERLIN), at('2026-12-29T00:00', BERLIN))).toBe(16 * HOUR);
    });

    it('are local dates of the zone, not UTC dates', () => {
      const tokyo = businessCalendar(spec('Asia/Tokyo', week([['00:00', '24:00']], WEEKDAYS), ['2026-05-05']));
      // 2026-05-04T15:00Z is midnight of 5 May in Tokyo.
      expect(tokyo.secondsBetween(new Date('2026-05-04T14:00:00Z'), new Date('2026-05-05T16:00:00Z'))).toBe(2 * HOUR);
    });

    it('may close years of open days; the search still ends', () => {
      // Only Mondays open, and 366 Mondays from 2026-01-05 on are holidays: the next open Monday is 7 years on.
      const mondays = Array.from({ length: 366 }, (_, index) =>
        DateTime.fromISO('2026-01-05', { zone: 'UTC' }).plus({ weeks: index }).toISODate()!,
      );
      const calendar = businessCalendar(spec(BERLIN, week([['09:00', '10:00']], ['mon']), mondays));
      const due = calendar.addSeconds(at('2026-01-01T00:00', BERLIN), 1);
      expect(local(due, BERLIN)).toBe('2033-01-10T09:00:01+01:00');
    });
  });

  describe('America/St_Johns (UTC−3:30, summer −2:30)', () => {
    const newfoundland = businessCalendar(spec(ST_JOHNS, week([['09:00', '17:00']])));

    it('opens at 09:00 local, half an hour off the UTC hour', () => {
      expect(newfoundland.addSeconds(new Date('2026-01-05T12:00:00Z'), HOUR).toISOString()).toBe(
        '2026-01-05T13:30:00.000Z',
      );
      expect(newfoundland.addSeconds(new Date('2026-07-06T11:00:00Z'), HOUR).toISOString()).toBe(
        '2026-07-06T12:30:00.000Z',
      );
    });

    it('Friday 16:30 + 1 h across the DST change is Monday 09:30', () => {
      const due = newfoundland.addSeconds(at('2026-03-06T16:30', ST_JOHNS), HOUR);
      expect(local(due, ST_JOHNS)).toBe('2026-03-09T09:30:00-02:30');
      expect(newfoundland.secondsBetween(at('2026-03-06T00:00', ST_JOHNS), at('2026-03-10T00:00', ST_JOHNS))).toBe(
        16 * HOUR,
      );
    });
  });

  describe('intervals ending at 24:00 and whole days', () => {
    it('24:00 is midnight at the end of the day, contiguous with the next 00:00', () => {
      const evenings = businessCalendar(
        spec(BERLIN, { ...week([]), sat: [['20:00', '24:00']], sun: [['00:00', '02:00']] }),
      );
      expect(local(evenings.addSeconds(at('2026-03-07T23:00', BERLIN), 2 * HOUR), BERLIN)).toBe(
        '2026-03-08T01:00:00+01:00',
      );
      expect(local(evenings.addSeconds(at('2026-03-07T21:00', BERLIN), 3 * HOUR), BERLIN)).toBe(
        '2026-03-08T00:00:00+01:00',
      );
      expect(evenings.secondsBetween(at('2026-03-07T00:00', BERLIN), at('2026-03-09T00:00', BERLIN))).toBe(6 * HOUR);
    });

    it('a day 00:00–24:00 counts the whole day', () => {
      const mondays = businessCalendar(spec(BERLIN, week([['00:00', '24:00']], ['mon'])));
      expect(mondays.secondsBetween(at('2026-03-01T00:00', BERLIN), at('2026-03-15T00:00', BERLIN))).toBe(48 * HOUR);
      expect(local(mondays.addSeconds(at('2026-03-08T12:00', BERLIN), 24 * HOUR), BERLIN)).toBe(
        '2026-03-10T00:00:00+01:00',
      );
    });
  });

  describe('several intervals a day', () => {
    const lunchBreak = businessCalendar(
      spec(
        BERLIN,
        week([
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ]),
      ),
    );

    it('skips the lunch break (intervals given in any order)', () => {
      expect(local(lunchBreak.addSeconds(at('2026-03-09T11:30', BERLIN), HOUR), BERLIN)).toBe(
        '2026-03-09T13:30:00+01:00',
      );
      expect(local(lunchBreak.addSeconds(at('2026-03-09T11:30', BERLIN), 30 * 60), BERLIN)).toBe(
        '2026-03-09T12:00:00+01:00',
      );
      expect(lunchBreak.secondsBetween(at('2026-03-09T08:00', BERLIN), at('2026-03-09T18:00', BERLIN))).toBe(7 * HOUR);
      expect(lunchBreak.secondsBetween(at('2026-03-09T12:15', BERLIN), at('2026-03-09T12:45', BERLIN))).toBe(0);
    });

    it('touching intervals count as one stretch', () => {
      const touching = businessCalendar(
        spec(
          BERLIN,
          week([
            ['09:00', '12:00'],
            ['12:00', '17:00'],
          ]),
        ),
      );
      expect(local(touching.addSeconds(at('2026-03-09T11:30', BERLIN), HOUR), BERLIN)).toBe(
        '2026-03-09T12:30:00+01:00',
      );
      expect(touching.secondsBetween(at('2026-03-09T00:00', BERLIN), at('2026-03-10T00:00', BERLIN))).toBe(8 * HOUR);
    });
  });

  describe('secondsBetween', () => {
    it('is 0 when to is before or at from', () => {
      const monday = at('2026-03-09T10:00', BERLIN);
      expect(officeHours.secondsBetween(monday, at('2026-03-09T09:30', BERLIN))).toBe(0);
      expect(officeHours.secondsBetween(monday, monday)).toBe(0);
    });

    it('counts from the next opening when from is in closed hours', () => {
      expect(officeHours.secondsBetween(at('2026-03-07T10:00', BERLIN), at('2026-03-09T10:00', BERLIN))).toBe(HOUR);
      expect(officeHours.secondsBetween(at('2026-03-09T18:00', BERLIN), at('2026-03-10T09:15', BERLIN))).toBe(15 * 60);
    });

    it('skips weekends', () => {
      expect(officeHours.secondsBetween(at('2026-03-06T16:00', BERLIN), at('2026-03-09T10:00', BERLIN))).toBe(2 * HOUR);
      expect(officeHours.secondsBetween(at('2026-03-02T00:00', BERLIN), at('2026-03-16T00:00', BERLIN))).toBe(
        80 * HOUR,
      );
    });

    it('floors to whole seconds', () => {
      const from = new Date(at('2026-03-09T10:00', BERLIN).getTime() + 400);
      expect(officeHours.secondsBetween(from, new Date(from.getTime() + 1999))).toBe(1);
    });
  });
});

describe('validateBusinessHours', () => {
  const valid = (): Record<string, unknown> => ({
    timezone: BERLIN,
    week: week([['09:00', '17:00']]),
    holidays: ['2026-12-25'],
  });

  it('accepts the contract example, the default and touching intervals', () => {
    expect(validateBusinessHours(valid() as unknown as BusinessHoursSpec)).toEqual({});
    expect(validateBusinessHours(ALWAYS_OPEN_SPEC)).toEqual({});
    expect(
      validateBusinessHours(
        spec(ST_JOHNS, {
          ...week([]),
          mon: [
            ['12:00', '17:00'],
            ['09:00', '12:00'],
            ['17:00', '24:00'],
            ['00:00', '09:00'],
          ],
        }),
      ),
    ).toEqual({});
  });

  const withWeek = (days: Record<string, unknown>) => ({ ...valid(), week: { ...week([]), ...days } });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown zone', { ...valid(), timezone: 'Mars/Olympus' }, 'timezone'],
    ['an offset for a zone', { ...valid(), timezone: '+01:00' }, 'timezone'],
    ['an overlong zone', { ...valid(), timezone: `Europe/${'x'.repeat(80)}` }, 'timezone'],
    ['a zone that is not a string', { ...valid(), timezone: 1 }, 'timezone'],
    ['no zone', { week: week([['09:00', '17:00']]), holidays: [] }, 'timezone'],
    ['25:00', withWeek({ mon: [['09:00', '25:00']] }), 'week.mon[0]'],
    ['9:00', withWeek({ mon: [['9:00', '17:00']] }), 'week.mon[0]'],
    ['12:60', withWeek({ mon: [['12:60', '17:00']] }), 'week.mon[0]'],
    ['24:00 as a start', withWeek({ mon: [['24:00', '24:00']] }), 'week.mon[0]'],
    ['a reversed interval', withWeek({ tue: [['17:00', '09:00']] }), 'week.tue[0]'],
    ['an empty interval', withWeek({ tue: [['09:00', '09:00']] }), 'week.tue[0]'],
    [
      'overlapping intervals',
      withWeek({
        wed: [
          ['09:00', '12:00'],
          ['11:00', '13:00'],
        ],
      }),
      'week.wed[1]',
    ],
    [
      'an interval inside another',
      withWeek({
        wed: [
          ['09:00', '17:00'],
          ['10:00', '11:00'],
        ],
      }),
      'week.wed[1]',
    ],
    [
      '5 intervals a day',
      withWeek({
        thu: [
          ['01:00', '02:00'],
          ['03:00', '04:00'],
          ['05:00', '06:00'],
          ['07:00', '08:00'],
          ['09:00', '10:00'],
        ],
      }),
      'week.thu',
    ],
    ['an interval of three times', withWeek({ mon: [['09:00', '12:00', '17:00']] }), 'week.mon[0]'],
    ['an interval that is not an array', withWeek({ mon: ['09:00-17:00'] }), 'week.mon[0]'],
    ['times that are numbers', withWeek({ mon: [[9, 17]] }), 'week.mon[0]'],
    ['a day that is not an array', withWeek({ mon: { from: '09:00' } }), 'week.mon'],
    ['a day that is null', withWeek({ mon: null }), 'week.mon'],
    ['an empty week', { ...valid(), week: week([]) }, 'week'],
    ['a missing day', { ...valid(), week: { mon: [['09:00', '17:00']] } }, 'week.tue'],
    ['an extra key', withWeek({ mon: [['09:00', '17:00']], holiday: [] }), 'week.holiday'],
    ['a week that is an array', { ...valid(), week: [[['09:00', '17:00']]] }, 'week'],
    ['a week that is null', { ...valid(), week: null }, 'week'],
    ['no week', { timezone: BERLIN, holidays: [] }, 'week'],
    ['a holiday that is not a date', { ...valid(), holidays: ['christmas'] }, 'holidays[0]'],
    ['a holiday that does not exist', { ...valid(), holidays: ['2026-12-24', '2026-02-30'] }, 'holidays[1]'],
    ['a holiday with a time', { ...valid(), holidays: ['2026-12-24T00:00'] }, 'holidays[0]'],
    ['a holiday that is a number', { ...valid(), holidays: [20261225] }, 'holidays[0]'],
    ['a duplicate holiday', { ...valid(), holidays: ['2026-12-25', '2026-12-26', '2026-12-25'] }, 'holidays[2]'],
    ['holidays that are not an array', { ...valid(), holidays: '2026-12-25' }, 'holidays'],
    ['no holidays', { timezone: BERLIN, week: week([['09:00', '17:00']]) }, 'holidays'],
    [
      '367 holidays',
      {
        ...valid(),
        holidays: Array.from({ length: 367 }, (_, i) =>
          DateTime.fromISO('2026-01-01', { zone: 'UTC' }).plus({ days: i }).toISODate(),
        ),
      },
      'holidays',
    ],
  ])('refuses %s', (_name, input, field) => {
    const errors = validateBusinessHours(input as unknown as BusinessHoursSpec);
    expect(Object.keys(errors)).toContain(field);
    expect(errors[field].length).toBeGreaterThan(0);
    expect(() => businessCalendar(input as unknown as BusinessHoursSpec)).toThrow();
  });

  it.each([null, undefined, 0, 'x', [], true])('names every field for %j', (input) => {
    const errors = validateBusinessHours(input as unknown as BusinessHoursSpec);
    expect(Object.keys(errors).sort()).toEqual(['holidays', 'timezone', 'week']);
  });

  it('never throws on arbitrary JSON, and only accepts what the calendar can use', () => {
    const time = fc.oneof(fc.constantFrom('09:00', '17:00', '24:00', '00:00', '25:00', '12:60'), fc.anything());
    const day = fc.oneof(fc.array(fc.oneof(fc.tuple(time, time), fc.anything()), { maxLength: 6 }), fc.anything());
    const input = fc.oneof(
      fc.anything(),
      fc.record(
        {
          timezone: fc.oneof(fc.constantFrom(BERLIN, 'UTC', 'Nope/Zone'), fc.anything()),
          week: fc.oneof(fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, day]))), fc.anything()),
          holidays: fc.oneof(
            fc.array(fc.oneof(fc.constant('2026-12-25'), fc.anything()), { maxLength: 4 }),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(input, (value) => {
        const errors = validateBusinessHours(value as BusinessHoursSpec);
        if (Object.keys(errors).length === 0) {
          const calendar = businessCalendar(value as BusinessHoursSpec);
          expect(
            calendar.secondsBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-15T00:00:00Z')),
          ).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('businessCalendar properties', () => {
  const ZONES = [BERLIN, ST_JOHNS, 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'America/New_York'];
  const FROM = Date.parse('2025-01-01T00:00:00Z');
  const UNTIL = Date.parse('2029-01-01T00:00:00Z');
  const FIRST_HOLIDAY = DateTime.fromISO('2025-01-01', { zone: 'UTC' });

  const hhmm = (minute: number): string =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

  /** Up to 4 intervals: ascending points paired up, so they never overlap (but may touch). */
  const dayHours: fc.Arbitrary<DayHours> = fc
    .integer({ min: 0, max: 4 })
    .chain((count) => fc.array(fc.integer({ min: 0, max: 1440 }), { minLength: 2 * count, maxLength: 2 * count }))
    .chain((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const intervals: DayHours = [];
      for (let i = 0; i < sorted.length; i += 2) {
        if (sorted[i] < sorted[i + 1]) intervals.push([hhmm(sorted[i]), hhmm(sorted[i + 1])]);
      }
      return fc.shuffledSubarray(intervals, { minLength: intervals.length, maxLength: intervals.length });
    });

  const specs: fc.Arbitrary<BusinessHoursSpec> = fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      week: fc.record(
        Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<Weekday, fc.Arbitrary<DayHours>>,
      ),
      holidays: fc
        .uniqueArray(fc.integer({ min: 0, max: 5 * 366 }), { maxLength: 40 })
        .map((days) => days.map((day) => FIRST_HOLIDAY.plus({ days: day }).toISODate()!)),
    })
    .filter((candidate) => WEEKDAYS.some((day) => candidate.week[day].length > 0));

  /** Seconds open in an ordinary week, to keep N within a few months of the calendar's hours. */
  const weeklySeconds = (value: BusinessHoursSpec): number =>
    WEEKDAYS.reduce(
      (sum, day) =>
        sum +
        value.week[day].reduce((daySum, [start, end]) => {
          const minutes = (time: string) =>
            time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
          return daySum + (minutes(end) - minutes(start)) * 60;
        }, 0),
      0,
    );

  /** Days on which some of ZONES change their clocks (2026), to start near a change more often. */
  const CHANGES = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'].map((date) =>
    Date.parse(`${date}T00:00:00Z`),
  );
  const instant = fc
    .oneof(
      fc.integer({ min: FROM, max: UNTIL }),
      fc
        .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -36 * HOUR * 1000, max: 36 * HOUR * 1000 }))
        .map(([day, shift]) => day + shift),
    )
    .map((ms) => new Date(ms));
  /** A share (0..1) of a quarter's business seconds, mixed with small numbers near boundaries. */
  const amount = (value: BusinessHoursSpec) =>
    fc.oneof(
      fc.integer({ min: 0, max: 7200 }),
      fc.double({ min: 0, max: 1, noNaN: true }).map((share) => Math.floor(share * weeklySeconds(value) * 13)),
    );

  const RUNS = { numRuns: 80 };

  it('generates valid specs', () => {
    fc.assert(
      fc.property(specs, (value) => expect(validateBusinessHours(value)).toEqual({})),
      RUNS,
    );
  });

  it('measuring what was added gives back N', () => {
    fc.assert(
      fc.property(
        specs.chain((value) => fc.tuple(fc.constant(value), instant, amount(value))),
        ([value, from, seconds]) => {
          const calendar = businessCalendar(value);
          const due = calendar.addSeconds(from, seconds);
          expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(calendar.secondsBetween(from, due)).toBe(seconds);
        },
      ),
      RUNS,
    );
  });

  it('is monotonic in N and in the start', () => {
    fc.assert(
      fc.property(
        specs.chain((value) => fc.tuple(fc.constant(value), instant, instant, amount(value), amount(value))),
        ([value, t1, t2, n1, n2]) => {
          const calendar = businessCalendar(value);
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const [small, big] = n1 <= n2 ? [n1, n2] : [n2, n1];
          expect(calendar.addSeconds(early, small).getTime()).toBeLessThanOrEqual(
            calendar.addSeconds(early, big).getTime(),
          );
          expect(calendar.addSeconds(early, small).getTime()).toBeLessThanOrEqual(
            calendar.addSeconds(late, small).getTime(),
          );
          const end = calendar.addSeconds(late, big);
          expect(calendar.secondsBetween(early, end)).toBeGreaterThanOrEqual(calendar.secondsBetween(late, end));
          // Adding what was measured never overshoots the end.
          expect(calendar.addSeconds(early, calendar.secondsBetween(early, end)).getTime()).toBeLessThanOrEqual(
            end.getTime(),
          );
        },
      ),
      RUNS,
    );
  });

  it('adds in steps as in one go', () => {
    // Holds for every a, b ≥ 0 because a result at the end of an interval is that end (not the next
    // opening): continuing from there reaches the same instant.
    fc.assert(
      fc.property(
        specs.chain((value) => fc.tuple(fc.constant(value), instant, amount(value), amount(value))),
        ([value, from, a, b]) => {
          const calendar = businessCalendar(value);
          expect(calendar.addSeconds(calendar.addSeconds(from, a), b).getTime()).toBe(
            calendar.addSeconds(from, a + b).getTime(),
          );
        },
      ),
      RUNS,
    );
  });

  it('a 24/7 calendar in any zone is plain time (ALWAYS_OPEN)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instant,
        instant,
        fc.integer({ min: 0, max: 400 * 86_400 }),
        (timezone, from, to, seconds) => {
          const calendar = businessCalendar({ ...ALWAYS_OPEN_SPEC, timezone });
          expect(calendar.addSeconds(from, seconds).getTime()).toBe(ALWAYS_OPEN.addSeconds(from, seconds).getTime());
          expect(calendar.secondsBetween(from, to)).toBe(ALWAYS_OPEN.secondsBetween(from, to));
        },
      ),
      RUNS,
    );
  });
});
