// Business-minute arithmetic (API.md → Business hours): pure, unit- and property-tested
// (business-calendar.spec.ts). Times are instants (Date); the calendar's hours are wall-clock times
// in an IANA zone, converted with luxon, never with hand-rolled offsets.

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
 */
export function validateBusinessHours(spec: BusinessHoursSpec): SpecErrors {
  void spec;
  throw new Error('validateBusinessHours: not implemented');
}

/**
 * The calendar of a valid spec (call {@link validateBusinessHours} first; throws on an invalid
 * one). Holidays close the whole local day. Correct across DST changes in both directions, for
 * zones with half-hour offsets, and for intervals ending at 24:00 (midnight of the next day).
 */
export function businessCalendar(spec: BusinessHoursSpec): BusinessCalendar {
  void spec;
  throw new Error('businessCalendar: not implemented');
}
