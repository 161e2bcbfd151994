// Business-minute arithmetic (API.md → Business hours): pure, unit- and property-tested
// (business-calendar.spec.ts). Times are instants (Date); the calendar's hours are wall-clock times
// in an IANA zone, converted with luxon, never with hand-rolled offsets.

import { DateTime, IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `[["09:00","17:00"], …]`: up to 4 non-overlapping intervals, `HH:MM`; `24:00` only as an end. */
export type DayHours = Array<[string, string]>;
export type WeekHours = Record<Weekday, DayHours>;

/** The desk's business hours as the API reads and writes them. */
export interface BusinessHoursSpec {
  timezone: string;
  week: WeekHours;
  /** `YYYY-MM-DD`, local dates in `timezone` on which the desk is closed. */
  holidays: string[];
}

/** What the API answers when no hours were set: open around the clock, in UTC. */
export const ALWAYS_OPEN_SPEC: BusinessHoursSpec = {
  timezone: 'UTC',
  week: Object.fromEntries(WEEKDAYS.map((day) => [day, [['00:00', '24:00']]])) as WeekHours,
  holidays: [],
};

/** A clock that counts only some seconds of the day. */
export interface BusinessCalendar {
  /**
   * The instant at which `seconds` business seconds (≥ 0, whole) have passed since `from`. With 0,
   * `from` itself (even outside the hours: a target of 0 falls due at once).
   */
  addSeconds(from: Date, seconds: number): Date;
  /** The business seconds (whole, floored) in [from, to); 0 when `to` ≤ `from`. */
  secondsBetween(from: Date, to: Date): number;
}

/** Plain time: every second counts (the `24x7` calendar). */
export const ALWAYS_OPEN: BusinessCalendar = {
  addSeconds: (from, seconds) => new Date(from.getTime() + seconds * 1000),
  secondsBetween: (from, to) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000)),
};

/** One problem with a spec: the field path (`week.mon[1]`, `timezone`, `holidays[0]`) and what is wrong. */
export type SpecErrors = Record<string, string[]>;

/**
 * Checks a spec the client sent: a valid IANA zone; each day at most 4 intervals of `HH:MM`
 * (00:00–23:59, `24:00` only as an end), start < end, sorted or not but never overlapping; at
 * least one open minute in the week; holidays real `YYYY-MM-DD` dates (at most 366, no duplicates).
 * Empty when valid.
 *
 * Intervals that only touch (`09:00–12:00` and `12:00–17:00`) do not overlap: they are accepted
 * and count as one stretch. The input is read as arbitrary JSON (`null`, wrong types, nested junk
 * give errors, never an exception); top-level fields other than the three are ignored here (the
 * DTO decides about those), unknown keys inside `week` are refused.
 */
export function validateBusinessHours(spec: BusinessHoursSpec): SpecErrors {
  const errors: SpecErrors = {};
  const add = (path: string, problem: string): void => {
    (errors[path] ??= []).push(problem);
  };
  const input: unknown = spec;
  const body: Record<string, unknown> = isRecord(input) ? input : {};
  checkTimezone(body.timezone, add);
  checkWeek(body.week, add);
  checkHolidays(body.holidays, add);
  return errors;
}

/**
 * The calendar of a valid spec (call {@link validateBusinessHours} first; throws on an invalid
 * one). Holidays close the whole local day. Correct across DST changes in both directions, for
 * zones with half-hour offsets, and for intervals ending at 24:00 (midnight of the next day).
 *
 * Boundaries: a wall-clock time `HH:MM` of a local date stands for the first instant at which the
 * zone's clock reads that time or later. So a time the clock shows twice (autumn) is its first
 * occurrence, and a time skipped in spring is the instant of the jump (in Berlin on 2026-03-29,
 * `02:30` is 03:00 CEST = 01:00 UTC; `02:00–03:00` is empty that day, `01:00–04:00` is 2 h). An
 * interval counts the real seconds between its two instants (Berlin 2026-10-25 `00:00–24:00` is
 * 25 h). `24:00` is the same instant as `00:00` of the next date.
 */
export function businessCalendar(spec: BusinessHoursSpec): BusinessCalendar {
  const errors = validateBusinessHours(spec);
  if (Object.keys(errors).length > 0) {
    throw new Error(`businessCalendar: invalid business hours ${JSON.stringify(errors)}`);
  }
  return new ZonedBusinessCalendar(spec);
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MAX_INTERVALS_PER_DAY = 4;
const MAX_HOLIDAYS = 366;
const MAX_ZONE_LENGTH = 64;
/** About ten years of local days without one open second: the search gives up (see addSeconds). */
const MAX_CLOSED_DAYS = 3_660;
/** A target further out than this is a mistake, not a due date: refused rather than searched for. */
const MAX_YEARS_AHEAD = 100;
const MAX_SCAN_DAYS = MAX_YEARS_AHEAD * 366;
/** Per-calendar memo sizes; cleared when full (a long-lived calendar must not grow without end). */
const MAX_MEMO_ENTRIES = 20_000;

const START_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Zone names only (`Europe/Berlin`, `UTC`, `Etc/GMT+5`): no bare offsets such as `+01:00`. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

type Add = (path: string, problem: string) => void;
/** A half-open stretch of open time [start, end) in epoch milliseconds. */
type Span = readonly [number, number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function checkTimezone(value: unknown, add: Add): void {
  if (value === undefined) {
    add('timezone', 'is required (an IANA time zone such as Europe/Berlin)');
  } else if (typeof value !== 'string') {
    add('timezone', 'must be a string (an IANA time zone such as Europe/Berlin)');
  } else if (value.length > MAX_ZONE_LENGTH || !ZONE_NAME.test(value) || !IANAZone.isValidZone(value)) {
    add('timezone', 'is not a known IANA time zone (such as Europe/Berlin)');
  }
}

/** Minutes since local midnight of `HH:MM`, or null when it is not a valid start (or end). */
function parseTime(value: unknown, asEnd: boolean): number | null {
  if (typeof value !== 'string') return null;
  if (asEnd && value === '24:00') return 24 * 60;
  if (!START_TIME.test(value)) return null;
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

function checkWeek(value: unknown, add: Add): void {
  if (!isRecord(value)) {
    add('week', `must be an object with the keys ${WEEKDAYS.join(', ')}`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) add(`week.${shorten(key)}`, 'is not a day (mon … sun)');
  }
  let given = 0;
  for (const day of WEEKDAYS) {
    if (!hasOwn(value, day)) {
      add(`week.${day}`, 'is required (use [] for a closed day)');
      continue;
    }
    const intervals = value[day];
    if (!Array.isArray(intervals)) {
      add(`week.${day}`, 'must be an array of ["HH:MM","HH:MM"] intervals');
      continue;
    }
    given += intervals.length;
    if (intervals.length > MAX_INTERVALS_PER_DAY) {
      add(`week.${day}`, `has ${intervals.length} intervals; at most ${MAX_INTERVALS_PER_DAY} a day`);
      continue;
    }
    checkDay(day, intervals as unknown[], add);
  }
  if (given === 0) add('week', 'has no open hours at all: a target could never fall due');
}

function checkDay(day: Weekday, intervals: unknown[], add: Add): void {
  const valid: Array<{ index: number; start: number; end: number }> = [];
  intervals.forEach((interval, index) => {
    const path = `week.${day}[${index}]`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      add(path, 'must be ["HH:MM","HH:MM"]');
      return;
    }
    const start = parseTime(interval[0], false);
    const end = parseTime(interval[1], true);
    if (start === null) add(path, 'start must be HH:MM between 00:00 and 23:59');
    if (end === null) add(path, 'end must be HH:MM between 00:01 and 24:00');
    if (start === null || end === null) return;
    if (start >= end) {
      add(path, 'start must be before end');
      return;
    }
    for (const other of valid) {
      // Touching (one ends where the other starts) is not overlapping.
      if (start < other.end && other.start < end) add(path, `overlaps week.${day}[${other.index}]`);
    }
    valid.push({ index, start, end });
  });
}

function checkHolidays(value: unknown, add: Add): void {
  if (value === undefined) {
    add('holidays', 'is required (use [] for none)');
    return;
  }
  if (!Array.isArray(value)) {
    add('holidays', 'must be an array of YYYY-MM-DD dates');
    return;
  }
  if (value.length > MAX_HOLIDAYS) {
    add('holidays', `has ${value.length} dates; at most ${MAX_HOLIDAYS}`);
    return;
  }
  const seen = new Map<string, number>();
  (value as unknown[]).forEach((date, index) => {
    const path = `holidays[${index}]`;
    if (localDayOfDate(date) === null) {
      add(path, 'must be a real date YYYY-MM-DD');
      return;
    }
    const first = seen.get(date as string);
    if (first !== undefined) add(path, `duplicates holidays[${first}]`);
    else seen.set(date as string, index);
  });
}

/**
 * A local date as a day number: days since 1970-01-01 on the zone-less calendar, so that the
 * day's wall-clock midnight, read as if it were UTC, is `day × 86 400 000` ms. Null when `value`
 * is not a real `YYYY-MM-DD` date.
 */
function localDayOfDate(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const date = DateTime.fromISO(value, { zone: 'UTC' });
  return date.isValid ? Math.round(date.toMillis() / DAY_MS) : null;
}

function assertInstant(value: Date, name: string): number {
  const time = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(time)) throw new RangeError(`business calendar: ${name} is not a valid date`);
  return time;
}

class ZonedBusinessCalendar implements BusinessCalendar {
  private readonly zone: IANAZone;
  /** Open minutes of each weekday (index 0 = mon), sorted by start: [from, to) in minutes. */
  private readonly week: Array<Array<readonly [number, number]>>;
  private readonly holidays: Set<number>;
  /** Open milliseconds of a week without holidays or clock changes. */
  private readonly weekNominal: number;
  private readonly spans = new Map<number, readonly Span[]>();
  private readonly offsets = new Map<number, number>();

  constructor(spec: BusinessHoursSpec) {
    this.zone = IANAZone.create(spec.timezone);
    this.week = WEEKDAYS.map((day) =>
      spec.week[day]
        .map(([start, end]) => [parseTime(start, false)!, parseTime(end, true)!] as const)
        .sort((a, b) => a[0] - b[0]),
    );
    this.weekNominal = this.week.flat().reduce((sum, [start, end]) => sum + (end - start) * MINUTE_MS, 0);
    this.holidays = new Set(spec.holidays.map((date) => localDayOfDate(date)!));
  }

  addSeconds(from: Date, seconds: number): Date {
    const origin = assertInstant(from, 'from');
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`business calendar: cannot add ${seconds} seconds`);
    }
    if (seconds === 0) return from;
    // Cheap refusal of an absurd target before a long walk: no real week holds more than its
    // nominal hours plus a day (a clock falling back lengthens a day by at most a few hours).
    const weekMost = Math.min(7 * DAY_MS, this.weekNominal + DAY_MS) / 1000;
    if (seconds > weekMost * (MAX_SCAN_DAYS / 7)) throw tooFar(seconds);
    let remaining = Math.round(seconds * 1000);
    let closedDays = 0;
    const first = this.localDay(origin) - 1;
    // From the day before: an instant's local date can lag behind the day whose hours hold it
    // when the clock falls back over midnight.
    for (let day = first; ; day += 1) {
      let open = false;
      for (const [start, end] of this.daySpans(day)) {
        if (end <= origin) continue;
        open = true;
        const begin = Math.max(start, origin);
        // `<=`: a result exactly at the end of an interval is that end, not the next opening.
        if (remaining <= end - begin) return new Date(begin + remaining);
        remaining -= end - begin;
      }
      if (day - first > MAX_SCAN_DAYS) {
        throw tooFar(seconds);
      }
      closedDays = open ? 0 : closedDays + 1;
      if (closedDays > MAX_CLOSED_DAYS) {
        throw new Error(
          `business calendar: no open hour in the ${MAX_CLOSED_DAYS} local days before ${new Date(
            this.dayStart(day + 1),
          ).toISOString()} (holidays cover every open day?)`,
        );
      }
    }
  }

  secondsBetween(from: Date, to: Date): number {
    const start = assertInstant(from, 'from');
    const end = assertInstant(to, 'to');
    if (end <= start) return 0;
    let total = 0;
    // One day of margin on each side, for clocks that fall back over midnight (see addSeconds).
    const last = this.localDay(end) + 1;
    for (let day = this.localDay(start) - 1; day <= last; day += 1) {
      for (const [open, close] of this.daySpans(day)) {
        const overlap = Math.min(close, end) - Math.max(open, start);
        if (overlap > 0) total += overlap;
      }
    }
    return Math.floor(total / 1000);
  }

  /** The open spans of one local day (its day number, see localDayOfDate), ascending. */
  private daySpans(day: number): readonly Span[] {
    const memo = this.spans.get(day);
    if (memo) return memo;
    const spans: Span[] = [];
    if (!this.holidays.has(day)) {
      const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      for (const [from, to] of this.week[weekday]) {
        const start = this.instantOf(day, from);
        const end = this.instantOf(day, to);
        if (end > start) spans.push([start, end]); // empty when it lies in a skipped hour
      }
    }
    remember(this.spans, day, spans);
    return spans;
  }

  /**
   * The first instant at which the zone's clock reads `minute` (0–1440) of local `day` or later:
   * the only one on an ordinary day, the first of two when the clock falls back, the moment of the
   * jump when the clock skips that time.
   */
  private instantOf(day: number, minute: number): number {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    // The zone's offsets a day either side bracket every instant whose clock can read `wall`
    // (offsets lie within ±14 h, and no zone changes its offset twice within three days).
    const a = this.offsetAt(day - 1);
    const b = this.offsetAt(day + 2);
    if (a === b) return wall - a * MINUTE_MS; // no change of offset near this day
    const earlier = wall - Math.max(a, b) * MINUTE_MS;
    const later = wall - Math.min(a, b) * MINUTE_MS;
    if (this.wallClock(earlier) === wall) return earlier;
    if (this.wallClock(later) === wall) return later;
    // Skipped: the clock reads less than `wall` at `earlier` and more at `later`; find the jump.
    let low = earlier;
    let high = later;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.wallClock(middle) >= wall) high = middle;
      else low = middle;
    }
    return high;
  }

  /** What the zone's clock reads at `instant`, as milliseconds of a zone-less (UTC-like) clock. */
  private wallClock(instant: number): number {
    return instant + this.zone.offset(instant) * MINUTE_MS;
  }

  /** The zone's UTC offset (minutes, from luxon's tz data) at 00:00 UTC of day number `day`. */
  private offsetAt(day: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      offset = this.zone.offset(day * DAY_MS);
      remember(this.offsets, day, offset);
    }
    return offset;
  }

  private localDay(instant: number): number {
    return Math.floor(this.wallClock(instant) / DAY_MS);
  }

  private dayStart(day: number): number {
    return this.instantOf(day, 0);
  }
}

function tooFar(seconds: number): RangeError {
  return new RangeError(
    `business calendar: ${seconds} business seconds reach more than ${MAX_YEARS_AHEAD} years ahead`,
  );
}

function remember<V>(memo: Map<number, V>, key: number, value: V): void {
  if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
  memo.set(key, value);
}
