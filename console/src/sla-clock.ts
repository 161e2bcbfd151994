// Due dates as people read them: "due in 2 business hours", "due in 3 hours", "overdue by 1 day".
//
// Choice (issue 21): when the ticket's priority's SLA policy counts on the business-hours calendar,
// the console counts the business time left itself, from the hours of GET /business-hours, with
// `Intl` converting between the desk's zone and instants (day by day: each open interval of each
// local day becomes two instants, so DST changes and holidays fall out of the same arithmetic).
// Shown rounded to the minute or hour, which is all a label needs; the server's due time stays the
// truth (it is in the tooltip). Labelling the wall-clock time "business" was the other option,
// refused: Friday 16:45 → Monday 09:30 would read "due in 65 business hours" for 45 business minutes.
// When the calendar cannot be read (a requester may not read policies or hours) the wall-clock
// time is shown, without the word "business".
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { plural } from './format';
import type { BusinessHours, Priority, SlaPolicy, SlaPolicyList, Weekday } from './types';

export interface SlaContext {
  policies: Map<string, SlaPolicy>;
  /** Null when it cannot be read: then business time is not computed. */
  hours: BusinessHours | null;
}

let cached: Promise<SlaContext> | null = null;

/** The policies and the calendar, read once per session (and again after `forgetSlaContext`). */
export function loadSlaContext(): Promise<SlaContext> {
  cached ??= Promise.all([
    api<SlaPolicyList>('GET', '/sla-policies').catch(() => ({ items: [] as SlaPolicy[] })),
    api<BusinessHours>('GET', '/business-hours').catch(() => null),
  ]).then(([policies, hours]) => ({
    policies: new Map(policies.items.map((policy) => [policy.priority, policy])),
    hours,
  }));
  return cached;
}

/** After an admin saved the hours or a policy. */
export function forgetSlaContext(): void {
  cached = null;
}

/** The SLA context, or null while it loads; staff only (requesters may not read it). */
export function useSlaContext(enabled: boolean): SlaContext | null {
  const [context, setContext] = useState<SlaContext | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadSlaContext().then((loaded) => live && setContext(loaded));
    return () => {
      live = false;
    };
  }, [enabled]);
  return context;
}

/** "due in 2 business hours", "overdue by 3 hours", … for a due time of a ticket of `priority`. */
export function dueText(
  dueIso: string | null,
  priority: Priority,
  context: SlaContext | null,
  now = Date.now(),
): string {
  if (!dueIso) return '—';
  const due = new Date(dueIso).getTime();
  const policy = context?.policies.get(priority);
  const hours = context?.hours;
  if (policy?.calendar === 'business_hours' && hours) {
    const seconds = businessSecondsBetween(Math.min(now, due), Math.max(now, due), hours);
    // Overdue by 0 business minutes is possible (missed at 17:00, now is the night): still overdue.
    if (seconds !== null) return relativeText(seconds, true, due < now);
  }
  return relativeText(Math.abs(due - now) / 1000, false, due < now);
}

/** Business time stays in hours (a "business day" is ambiguous). */
export function relativeText(seconds: number, business: boolean, overdue: boolean): string {
  const word = business ? 'business ' : '';
  const minutes = Math.round(Math.abs(seconds) / 60);
  let amount: string;
  if (minutes < 60) amount = plural(minutes, `${word}minute`);
  else if (business || minutes < 48 * 60) amount = plural(Math.round(minutes / 60), `${word}hour`);
  else amount = plural(Math.round(minutes / 1440), 'day');
  return overdue ? `overdue by ${amount}` : `due in ${amount}`;
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Past this, the label is not worth the work: wall-clock time is shown instead. */
const MAX_DAYS = 400;

/** Seconds of [from, to] (epoch ms) inside the open hours; null for an unknown zone or a span too long. */
export function businessSecondsBetween(from: number, to: number, hours: BusinessHours): number | null {
  let zone: Intl.DateTimeFormat;
  try {
    zone = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  if (to - from > MAX_DAYS * 86_400_000) return null;
  const holidays = new Set(hours.holidays);
  const local = (instant: number) => localParts(zone, instant);
  // Walk the zone's local dates from the one `from` falls on to the one `to` falls on.
  const start = local(from);
  const end = local(to);
  let day = Date.UTC(start.year, start.month - 1, start.day);
  const last = Date.UTC(end.year, end.month - 1, end.day);
  let total = 0;
  for (; day <= last; day += 86_400_000) {
    const date = new Date(day);
    const iso = date.toISOString().slice(0, 10);
    if (holidays.has(iso)) continue;
    for (const [open, close] of hours.week[WEEKDAYS[date.getUTCDay()]] ?? []) {
      const opens = instantOf(zone, day, open);
      const closes = instantOf(zone, day, close);
      const overlap = Math.min(closes, to) - Math.max(opens, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / 1000;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(zone: Intl.DateTimeFormat, instant: number): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of zone.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as unknown as LocalParts;
}

/** The zone's offset from UTC at `instant`, in ms (local wall clock − UTC). */
function offsetAt(zone: Intl.DateTimeFormat, instant: number): number {
  const p = localParts(zone, instant);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the local date `dayUtc` (its midnight, as a UTC timestamp) shows `time`
 * ("09:00"; "24:00" is the next midnight). Two passes settle the offset; a time skipped by a DST
 * change lands an hour off, within what the label rounds away.
 */
function instantOf(zone: Intl.DateTimeFormat, dayUtc: number, time: string): number {
  const [hour, minute] = time.split(':').map(Number);
  const wall = dayUtc + (hour * 60 + minute) * 60_000;
  const guess = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, guess);
}
