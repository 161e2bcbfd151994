import { TicketStatus } from '../common/ticket-enums';
import { BusinessCalendar, businessCalendar, BusinessHoursSpec } from './business-calendar';
import { breaches, dueDates, isBreached, onStatusChange, SlaClock, SlaPolicyMinutes, SlaState } from './sla';

const { OPEN, IN_PROGRESS, PENDING, ESCALATED, RESOLVED, CLOSED } = TicketStatus;

const created = new Date('2025-03-03T09:00:00.000Z');
const at = (iso: string): Date => new Date(iso);

/** The defaults of API.md → SLA. */
const POLICIES: Record<string, SlaPolicyMinutes> = {
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
  medium: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 4320 },
};

describe('dueDates', () => {
  it.each([
    ['urgent', '2025-03-03T10:00:00.000Z', '2025-03-03T13:00:00.000Z'],
    ['high', '2025-03-03T11:00:00.000Z', '2025-03-04T09:00:00.000Z'],
    ['medium', '2025-03-03T17:00:00.000Z', '2025-03-05T09:00:00.000Z'],
    ['low', '2025-03-04T09:00:00.000Z', '2025-03-06T09:00:00.000Z'],
  ])('%s: created + the policy minutes', (priority, firstResponse, resolution) => {
    expect(dueDates(created, POLICIES[priority])).toEqual({
      firstResponseDueAt: at(firstResponse),
      resolutionDueAt: at(resolution),
    });
  });

  it('adds time already spent paused to both dates', () => {
    expect(dueDates(created, POLICIES.urgent, 90)).toEqual({
      firstResponseDueAt: at('2025-03-03T10:01:30.000Z'),
      resolutionDueAt: at('2025-03-03T13:01:30.000Z'),
    });
  });

  it('does not mutate createdAt', () => {
    const c = new Date(created);
    dueDates(c, POLICIES.low, 3600);
    expect(c).toEqual(created);
  });

  it('a priority change recomputes from created_at with the new policy and keeps the pause credit', () => {
    // medium ticket: created 09:00, pending 09:10 → 09:40 (30 min), then raised to urgent at 10:30.
    let clock: SlaClock = { ...dueDates(created, POLICIES.medium), pausedAt: null, pausedSeconds: 0 };
    clock = onStatusChange(clock, OPEN, PENDING, at('2025-03-03T09:10:00.000Z'));
    clock = onStatusChange(clock, PENDING, IN_PROGRESS, at('2025-03-03T09:40:00.000Z'));
    expect(clock.pausedSeconds).toBe(1800);
    expect(clock.firstResponseDueAt).toEqual(at('2025-03-03T17:30:00.000Z'));

    const raised = dueDates(created, POLICIES.urgent, clock.pausedSeconds);
    expect(raised).toEqual({
      firstResponseDueAt: at('2025-03-03T10:30:00.000Z'),
      resolutionDueAt: at('2025-03-03T13:30:00.000Z'),
    });
  });

  it('a priority change while pending counts only finished pauses; the running one is added on resume', () => {
    let clock: SlaClock = { ...dueDates(created, POLICIES.medium), pausedAt: null, pausedSeconds: 0 };
    clock = onStatusChange(clock, OPEN, PENDING, at('2025-03-03T09:10:00.000Z'));
    // Raised to urgent while still pending (what the PATCH handler does: new dates, same pause).
    clock = { ...clock, ...dueDates(created, POLICIES.urgent, clock.pausedSeconds) };
    expect(clock.firstResponseDueAt).toEqual(at('2025-03-03T10:00:00.000Z'));
    clock = onStatusChange(clock, PENDING, OPEN, at('2025-03-03T10:10:00.000Z'));
    expect(clock).toEqual({
      firstResponseDueAt: at('2025-03-03T11:00:00.000Z'),
      resolutionDueAt: at('2025-03-03T14:00:00.000Z'),
      pausedAt: null,
      pausedSeconds: 3600,
    });
  });
});

describe('onStatusChange', () => {
  const fresh = (): SlaClock => ({ ...dueDates(created, POLICIES.urgent), pausedAt: null, pausedSeconds: 0 });

  it.each([OPEN, IN_PROGRESS, ESCALATED, RESOLVED, CLOSED])('entering pending from %s stops the clock', (from) => {
    const now = at('2025-03-03T09:15:00.000Z');
    expect(onStatusChange(fresh(), from, PENDING, now)).toEqual({ ...fresh(), pausedAt: now });
  });

  it.each([OPEN, IN_PROGRESS, ESCALATED, RESOLVED, CLOSED])(
    'leaving pending for %s moves both dates by exactly the time spent',
    (to) => {
      const paused = onStatusChange(fresh(), OPEN, PENDING, at('2025-03-03T09:15:00.000Z'));
      const resumed = onStatusChange(paused, PENDING, to, at('2025-03-03T09:45:20.000Z'));
      expect(resumed).toEqual({
        firstResponseDueAt: at('2025-03-03T10:30:20.000Z'),
        resolutionDueAt: at('2025-03-03T13:30:20.000Z'),
        pausedAt: null,
        pausedSeconds: 30 * 60 + 20,
      });
    },
  );

  it('two separate pending periods add up', () => {
    let clock = fresh();
    clock = onStatusChange(clock, OPEN, PENDING, at('2025-03-03T09:10:00.000Z'));
    clock = onStatusChange(clock, PENDING, IN_PROGRESS, at('2025-03-03T09:20:00.000Z')); // 10 min
    clock = onStatusChange(clock, IN_PROGRESS, PENDING, at('2025-03-03T09:30:00.000Z'));
    clock = onStatusChange(clock, PENDING, OPEN, at('2025-03-03T10:05:00.000Z')); // 35 min
    expect(clock).toEqual({
      firstResponseDueAt: at('2025-03-03T10:45:00.000Z'),
      resolutionDueAt: at('2025-03-03T13:45:00.000Z'),
      pausedAt: null,
      pausedSeconds: 45 * 60,
    });
    // …and a recompute from created_at with the same policy lands on the same dates.
    expect(dueDates(created, POLICIES.urgent, clock.pausedSeconds)).toEqual({
      firstResponseDueAt: clock.firstResponseDueAt,
      resolutionDueAt: clock.resolutionDueAt,
    });
  });

  it('counts whole seconds only, and the dates move by the same whole seconds', () => {
    const paused = onStatusChange(fresh(), OPEN, PENDING, at('2025-03-03T09:00:00.250Z'));
    const resumed = onStatusChange(paused, PENDING, OPEN, at('2025-03-03T09:00:05.900Z')); // 5.65 s
    expect(resumed.pausedSeconds).toBe(5);
    expect(resumed.firstResponseDueAt).toEqual(at('2025-03-03T10:00:05.000Z'));
    expect(resumed.resolutionDueAt).toEqual(at('2025-03-03T13:00:05.000Z'));
  });

  it('never moves the dates earlier if the clock went backwards', () => {
    const paused = onStatusChange(fresh(), OPEN, PENDING, at('2025-03-03T09:30:00.000Z'));
    const resumed = onStatusChange(paused, PENDING, OPEN, at('2025-03-03T09:29:00.000Z'));
    expect(resumed).toEqual(fresh());
  });

  it('a reopen (resolved → open) has no pause effect', () => {
    const clock = { ...fresh(), pausedSeconds: 120 };
    expect(onStatusChange(clock, RESOLVED, OPEN, at('2025-03-04T09:00:00.000Z'))).toEqual(clock);
    expect(onStatusChange(clock, CLOSED, OPEN, at('2025-03-04T09:00:00.000Z'))).toEqual(clock);
  });

  it.each([
    [OPEN, IN_PROGRESS],
    [IN_PROGRESS, OPEN],
    [OPEN, RESOLVED],
    [ESCALATED, CLOSED],
    [RESOLVED, CLOSED],
    [OPEN, OPEN],
  ])('%s → %s leaves the clock unchanged', (from, to) => {
    const clock = { ...fresh(), pausedSeconds: 42 };
    expect(onStatusChange(clock, from, to, at('2025-03-03T12:00:00.000Z'))).toEqual(clock);
  });

  it('pending → pending does not restart or resume the clock', () => {
    const paused = onStatusChange(fresh(), OPEN, PENDING, at('2025-03-03T09:15:00.000Z'));
    expect(onStatusChange(paused, PENDING, PENDING, at('2025-03-03T11:00:00.000Z'))).toEqual(paused);
  });

  it('does not mutate its input', () => {
    const clock = fresh();
    const paused = onStatusChange(clock, OPEN, PENDING, at('2025-03-03T09:15:00.000Z'));
    expect(clock).toEqual(fresh());
    onStatusChange(paused, PENDING, OPEN, at('2025-03-03T10:15:00.000Z'));
    expect(paused.pausedAt).toEqual(at('2025-03-03T09:15:00.000Z'));
    expect(paused.pausedSeconds).toBe(0);
  });
});

describe('breaches', () => {
  // urgent: first response due 10:00, resolution due 13:00.
  const base: SlaState = {
    ...dueDates(created, POLICIES.urgent),
    firstRespondedAt: null,
    resolvedAt: null,
    pausedAt: null,
  };
  const state = (patch: Partial<SlaState>): SlaState => ({ ...base, ...patch });

  it('is not breached before the first response is due', () => {
    expect(breaches(base, at('2025-03-03T09:59:59.999Z'))).toEqual([]);
  });

  it('is not breached exactly at the due time', () => {
    expect(breaches(base, at('2025-03-03T10:00:00.000Z'))).toEqual([]);
  });

  it('misses the first response just after it was due', () => {
    expect(breaches(base, at('2025-03-03T10:00:00.001Z'))).toEqual(['first_response']);
  });

  it('misses both once the resolution is overdue too', () => {
    expect(breaches(base, at('2025-03-03T13:00:01.000Z'))).toEqual(['first_response', 'resolution']);
  });

  it('a first response in time, but a late resolution, breaches resolution only', () => {
    const t = state({ firstRespondedAt: at('2025-03-03T09:30:00.000Z') });
    expect(breaches(t, at('2025-03-03T12:00:00.000Z'))).toEqual([]);
    expect(breaches(t, at('2025-03-03T13:30:00.000Z'))).toEqual(['resolution']);
  });

  it('a late first response stays breached after it is answered', () => {
    const t = state({ firstRespondedAt: at('2025-03-03T10:30:00.000Z') });
    expect(breaches(t, at('2025-03-03T11:00:00.000Z'))).toEqual(['first_response']);
  });

  it('resolving in time without any reply meets both targets, for good', () => {
    const t = state({ resolvedAt: at('2025-03-03T09:45:00.000Z') });
    expect(breaches(t, at('2025-03-03T09:50:00.000Z'))).toEqual([]);
    expect(breaches(t, at('2025-03-10T00:00:00.000Z'))).toEqual([]);
  });

  it('a ticket resolved late stays breached ("it stays true once a target was missed")', () => {
    const t = state({ firstRespondedAt: at('2025-03-03T09:30:00.000Z'), resolvedAt: at('2025-03-03T14:00:00.000Z') });
    expect(breaches(t, at('2025-03-03T14:00:00.000Z'))).toEqual(['resolution']);
    expect(breaches(t, at('2025-04-01T00:00:00.000Z'))).toEqual(['resolution']);
  });

  it('resolved without a reply after the first response was due counts as a missed first response', () => {
    const t = state({ resolvedAt: at('2025-03-03T10:30:00.000Z') });
    expect(breaches(t, at('2025-03-03T11:00:00.000Z'))).toEqual(['first_response']);
  });

  it('a ticket paused before its due time is not breached however long it stays pending', () => {
    const t = state({ pausedAt: at('2025-03-03T09:50:00.000Z') });
    expect(breaches(t, at('2025-03-03T10:30:00.000Z'))).toEqual([]);
    expect(breaches(t, at('2025-06-01T00:00:00.000Z'))).toEqual([]);
  });

  it('a ticket paused after missing a target stays breached while pending, with nothing new', () => {
    const t = state({ pausedAt: at('2025-03-03T10:30:00.000Z') });
    expect(breaches(t, at('2025-06-01T00:00:00.000Z'))).toEqual(['first_response']);
  });

  it('after the pause, the shifted dates decide', () => {
    // Pending 09:50 → 11:50 (2 h): first response due 12:00, resolution due 15:00.
    let clock: SlaClock = { ...dueDates(created, POLICIES.urgent), pausedAt: null, pausedSeconds: 0 };
    clock = onStatusChange(clock, OPEN, PENDING, at('2025-03-03T09:50:00.000Z'));
    clock = onStatusChange(clock, PENDING, OPEN, at('2025-03-03T11:50:00.000Z'));
    const t = state({ ...clock });
    expect(breaches(t, at('2025-03-03T11:59:59.000Z'))).toEqual([]);
    expect(breaches(t, at('2025-03-03T12:00:01.000Z'))).toEqual(['first_response']);
    expect(breaches(t, at('2025-03-03T15:00:01.000Z'))).toEqual(['first_response', 'resolution']);
  });

  it('does not depend on extra columns of the ticket', () => {
    const ticket = { ...base, id: 7, title: 'x', pausedSeconds: 99 };
    expect(breaches(ticket, at('2025-03-03T10:00:01.000Z'))).toEqual(['first_response']);
  });
});

describe('isBreached', () => {
  const base: SlaState = {
    ...dueDates(created, POLICIES.urgent),
    firstRespondedAt: null,
    resolvedAt: null,
    pausedAt: null,
  };
  const states: SlaState[] = [
    base,
    { ...base, firstRespondedAt: at('2025-03-03T09:30:00.000Z') },
    { ...base, firstRespondedAt: at('2025-03-03T10:30:00.000Z') },
    { ...base, resolvedAt: at('2025-03-03T09:45:00.000Z') },
    { ...base, resolvedAt: at('2025-03-03T14:00:00.000Z') },
    { ...base, firstRespondedAt: at('2025-03-03T09:30:00.000Z'), resolvedAt: at('2025-03-03T14:00:00.000Z') },
    { ...base, pausedAt: at('2025-03-03T09:50:00.000Z') },
    { ...base, pausedAt: at('2025-03-03T12:00:00.000Z') },
    { ...base, firstRespondedAt: at('2025-03-03T09:30:00.000Z'), pausedAt: at('2025-03-03T13:30:00.000Z') },
  ];
  const moments = [
    '2025-03-03T09:00:00.000Z',
    '2025-03-03T10:00:00.000Z',
    '2025-03-03T10:00:00.001Z',
    '2025-03-03T12:00:00.000Z',
    '2025-03-03T13:00:00.001Z',
    '2025-03-05T00:00:00.000Z',
  ].map(at);

  it.each(states.map((s, i) => [i, s] as const))('state %i: true exactly when breaches() is non-empty', (_i, s) => {
    for (const now of moments) expect(isBreached(s, now)).toBe(breaches(s, now).length > 0);
  });

  it('gives the expected answers for a few states', () => {
    const late = at('2025-03-05T00:00:00.000Z');
    expect(isBreached(base, at('2025-03-03T09:30:00.000Z'))).toBe(false);
    expect(isBreached(base, late)).toBe(true);
    expect(isBreached(states[3], late)).toBe(false); // resolved in time
    expect(isBreached(states[6], late)).toBe(false); // paused in time
    expect(isBreached(states[7], late)).toBe(true); // paused too late
  });

  it('never turns false again once true, while nothing else changes', () => {
    for (const s of states) {
      let seen = false;
      for (const now of moments) {
        const b = isBreached(s, now);
        if (seen) expect(b).toBe(true);
        seen ||= b;
      }
    }
  });
});

describe('on a business-hours calendar', () => {
  // Mon–Fri 09:00–17:00 in Berlin (UTC+1 in early March 2026); Friday 6 March 2026.
  const workday: Array<[string, string]> = [['09:00', '17:00']];
  const spec: BusinessHoursSpec = {
    timezone: 'Europe/Berlin',
    week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
    holidays: [],
  };
  const calendar = businessCalendar(spec);
  const friday1630 = at('2026-03-06T15:30:00.000Z');

  it('counts only business time (the contract: urgent, Friday 16:30 → Monday 09:30 local)', () => {
    expect(dueDates(friday1630, POLICIES.urgent, 0, calendar)).toEqual({
      firstResponseDueAt: at('2026-03-09T08:30:00.000Z'), // Monday 09:30 Berlin
      resolutionDueAt: at('2026-03-09T11:30:00.000Z'), // 30 min Friday + 3 h 30 Monday
    });
  });

  it('skips a holiday', () => {
    const withHoliday = businessCalendar({ ...spec, holidays: ['2026-03-09'] });
    expect(dueDates(friday1630, POLICIES.urgent, 0, withHoliday).firstResponseDueAt).toEqual(
      at('2026-03-10T08:30:00.000Z'),
    );
  });

  it('a pause over the weekend costs only the business seconds it spanned, and a recompute agrees', () => {
    let clock: SlaClock = { ...dueDates(friday1630, POLICIES.urgent, 0, calendar), pausedAt: null, pausedSeconds: 0 };
    clock = onStatusChange(clock, OPEN, PENDING, at('2026-03-06T15:45:00.000Z'), calendar); // Fri 16:45
    clock = onStatusChange(clock, PENDING, OPEN, at('2026-03-09T08:15:00.000Z'), calendar); // Mon 09:15
    expect(clock).toEqual({
      firstResponseDueAt: at('2026-03-09T09:00:00.000Z'), // Monday 10:00: 30 business minutes later
      resolutionDueAt: at('2026-03-09T12:00:00.000Z'),
      pausedAt: null,
      pausedSeconds: 30 * 60,
    });
    expect(dueDates(friday1630, POLICIES.urgent, clock.pausedSeconds, calendar)).toEqual({
      firstResponseDueAt: clock.firstResponseDueAt,
      resolutionDueAt: clock.resolutionDueAt,
    });
  });

  it('a pause entirely outside the hours moves nothing', () => {
    const fresh: SlaClock = { ...dueDates(friday1630, POLICIES.urgent, 0, calendar), pausedAt: null, pausedSeconds: 0 };
    const paused = onStatusChange(fresh, OPEN, PENDING, at('2026-03-07T10:00:00.000Z'), calendar); // Saturday
    expect(onStatusChange(paused, PENDING, OPEN, at('2026-03-08T10:00:00.000Z'), calendar)).toEqual(fresh);
  });

  it('asks the calendar given for both the pause length and the shift', () => {
    const calls: string[] = [];
    const fake: BusinessCalendar = {
      addSeconds: (from, seconds) => {
        calls.push(`add ${seconds}`);
        return new Date(from.getTime() + seconds * 2000);
      },
      secondsBetween: () => {
        calls.push('between');
        return 7;
      },
    };
    const clock: SlaClock = {
      ...dueDates(created, POLICIES.urgent),
      pausedAt: at('2025-03-03T09:10:00.000Z'),
      pausedSeconds: 3,
    };
    const resumed = onStatusChange(clock, PENDING, OPEN, at('2025-03-03T12:00:00.000Z'), fake);
    expect(calls).toEqual(['between', 'add 7', 'add 7']);
    expect(resumed).toEqual({
      firstResponseDueAt: at('2025-03-03T10:00:14.000Z'),
      resolutionDueAt: at('2025-03-03T13:00:14.000Z'),
      pausedAt: null,
      pausedSeconds: 10,
    });
    expect(dueDates(created, POLICIES.urgent, 10, fake).firstResponseDueAt).toEqual(at('2025-03-03T11:00:20.000Z'));
  });
});
