// /api/v1/business-hours: who may read and set them, what is refused (and then not stored), and the
// SLA due dates of business_hours policies: at creation, on a priority change, across a pause.
import { ALWAYS_OPEN, ALWAYS_OPEN_SPEC, businessCalendar, BusinessHoursSpec } from '../../src/sla/business-calendar';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError } from '../support/assertions';
import { FAST_WORKER_ENV, waitForLevel } from '../support/escalation';
import { startTestApp, TestApp } from '../support/test-app';

const WORKDAY: Array<[string, string]> = [['09:00', '17:00']];
const BERLIN_OFFICE: BusinessHoursSpec = {
  timezone: 'Europe/Berlin',
  week: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] },
  holidays: ['2026-12-24', '2026-12-25'],
};

const withWeek = (days: Partial<BusinessHoursSpec['week']>) => ({
  ...BERLIN_OFFICE,
  week: { ...BERLIN_OFFICE.week, ...days },
});

describe('business hours', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, user] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  const current = async () => (await t.http.get('/api/v1/business-hours', { token: admin.token })).body;

  describe('the API', () => {
    it('answers 24/7 in UTC until set, to agents and admins', async () => {
      for (const caller of [agent, admin]) {
        const res = await t.http.get('/api/v1/business-hours', { token: caller.token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(ALWAYS_OPEN_SPEC);
      }
    });

    it('refuses requesters (403), agents a PUT (403), anonymous callers (401), and stores nothing', async () => {
      expectError(await t.http.get('/api/v1/business-hours', { token: user.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get('/api/v1/business-hours'), 401, 'UNAUTHENTICATED');
      for (const token of [user.token, agent.token]) {
        expectError(await t.http.put('/api/v1/business-hours', BERLIN_OFFICE, { token }), 403, 'FORBIDDEN');
      }
      expectError(await t.http.put('/api/v1/business-hours', BERLIN_OFFICE), 401, 'UNAUTHENTICATED');
      expect(await current()).toEqual(ALWAYS_OPEN_SPEC);
    });

    const days = (n: number) =>
      Array.from({ length: n }, (_, i) => new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    it.each([
      ['an unknown zone', { ...BERLIN_OFFICE, timezone: 'Mars/Olympus_Mons' }, /^timezone$/],
      ['a zone that is not a string', { ...BERLIN_OFFICE, timezone: 1 }, /^timezone$/],
      ['an hour of 25', withWeek({ mon: [['09:00', '25:00']] }), /^week\.mon\[0\]$/],
      ['a time that is no time', withWeek({ tue: [['9am', '5pm']] }), /^week\.tue\[0\]$/],
      [
        'overlapping intervals',
        withWeek({
          wed: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        }),
        /^week\.wed\[[01]\]$/,
      ],
      ['a reversed interval', withWeek({ thu: [['17:00', '09:00']] }), /^week\.thu\[0\]$/],
      ['an empty interval', withWeek({ thu: [['09:00', '09:00']] }), /^week\.thu\[0\]$/],
      [
        '5 intervals in a day',
        withWeek({
          fri: [
            ['08:00', '09:00'],
            ['10:00', '11:00'],
            ['12:00', '13:00'],
            ['14:00', '15:00'],
            ['16:00', '17:00'],
          ],
        }),
        /^week\.fri$/,
      ],
      ['an interval of 3 times', withWeek({ fri: [['08:00', '09:00', '10:00']] as never }), /^week\.fri$/],
      ['a holiday that is not a date', { ...BERLIN_OFFICE, holidays: ['2026-12-24', 'tomorrow'] }, /^holidays\[1\]$/],
      ['a holiday that does not exist', { ...BERLIN_OFFICE, holidays: ['2026-02-30'] }, /^holidays\[0\]$/],
      ['a duplicate holiday', { ...BERLIN_OFFICE, holidays: ['2026-12-24', '2026-12-24'] }, /^holidays\[1\]$/],
      ['367 holidays', { ...BERLIN_OFFICE, holidays: days(367) }, /^holidays$/],
      ['1,000 holidays', { ...BERLIN_OFFICE, holidays: days(1_000) }, /^holidays$/],
      [
        'a week without any open time',
        { ...BERLIN_OFFICE, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
        /^week$/,
      ],
      ['a missing day', { ...BERLIN_OFFICE, week: { ...BERLIN_OFFICE.week, sun: undefined } }, /^week\.sun$/],
      ['an unknown day', withWeek({ xyz: [] } as never), /^week\.xyz$/],
      ['an unknown field', { ...BERLIN_OFFICE, open: true }, /^open$/],
      ['no week', { timezone: 'UTC', holidays: [] }, /^week$/],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_what, body, field) => {
      const before = await current();
      const res = await t.http.put('/api/v1/business-hours', body, { token: admin.token });
      expectError(res, 400, 'VALIDATION_FAILED');
      const fields = Object.keys(res.body.error.details);
      expect(fields.some((name) => field.test(name))).toBe(true);
      expect(await current()).toEqual(before);
    });

    it('refuses 10,000 holidays before reading them (the bound on every body) naming holidays, and stores nothing', async () => {
      const res = await t.http.put(
        '/api/v1/business-hours',
        { ...BERLIN_OFFICE, holidays: days(10_000) },
        { token: admin.token },
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/array with more than/);
      expect(Object.keys(res.body.error.details)).toEqual(['holidays']);
      expect(await current()).toEqual(ALWAYS_OPEN_SPEC);
    });

    it('stores what an admin sets and answers it (and GET agrees); a full day is ["00:00","24:00"]', async () => {
      const spec = withWeek({ sat: [['00:00', '24:00']] });
      const res = await t.http.put('/api/v1/business-hours', spec, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(spec);
      expect((await t.http.get('/api/v1/business-hours', { token: agent.token })).body).toEqual(spec);
      const back = await t.http.put('/api/v1/business-hours', ALWAYS_OPEN_SPEC, { token: admin.token });
      expect(back.body).toEqual(ALWAYS_OPEN_SPEC);
    });
  });

  describe('due dates of a business_hours policy', () => {
    const calendar = businessCalendar(BERLIN_OFFICE);
    const at = (iso: string) => new Date(iso);

    beforeAll(async () => {
      expect((await t.http.put('/api/v1/business-hours', BERLIN_OFFICE, { token: admin.token })).status).toBe(200);
      const policy = await t.http.put(
        '/api/v1/sla-policies/urgent',
        { first_response_minutes: 60, resolution_minutes: 240, calendar: 'business_hours' },
        { token: admin.token },
      );
      expect(policy.body).toMatchObject({ calendar: 'business_hours', warn_before_minutes: 0 });
    });

    it('counts the targets in business time from creation', async () => {
      const ticket = await makeTicket(t, user, { priority: 'urgent' });
      const created = at(ticket.created_at);
      expect(ticket.first_response_due_at).toBe(calendar.addSeconds(created, 3600).toISOString());
      expect(ticket.resolution_due_at).toBe(calendar.addSeconds(created, 240 * 60).toISOString());
    });

    it('follows new hours at once (another version of the row)', async () => {
      const weekends = withWeek({ sat: [['10:00', '12:00']], sun: [['10:00', '12:00']] });
      await t.http.put('/api/v1/business-hours', weekends, { token: admin.token });
      try {
        const ticket = await makeTicket(t, user, { priority: 'urgent' });
        expect(ticket.first_response_due_at).toBe(
          businessCalendar(weekends).addSeconds(at(ticket.created_at), 3600).toISOString(),
        );
      } finally {
        await t.http.put('/api/v1/business-hours', BERLIN_OFFICE, { token: admin.token });
      }
    });

    it('keeps around-the-clock policies on plain time', async () => {
      const ticket = await makeTicket(t, user, { priority: 'high' });
      const created = Date.parse(ticket.created_at);
      expect(Date.parse(ticket.first_response_due_at)).toBe(created + 120 * 60_000);
    });

    it('recomputes with the calendar when the priority changes', async () => {
      const ticket = await makeTicket(t, user, { priority: 'low' });
      const res = await t.http.patch(
        `/api/v1/tickets/${ticket.id}`,
        { version: ticket.version, priority: 'urgent' },
        { token: agent.token },
      );
      expect(res.status).toBe(200);
      const created = at(ticket.created_at);
      expect(res.body.first_response_due_at).toBe(calendar.addSeconds(created, 3600).toISOString());
      expect(res.body.resolution_due_at).toBe(calendar.addSeconds(created, 240 * 60).toISOString());

      const back = await t.http.patch(
        `/api/v1/tickets/${ticket.id}`,
        { version: res.body.version, priority: 'low' },
        { token: agent.token },
      );
      expect(Date.parse(back.body.first_response_due_at)).toBe(Date.parse(ticket.created_at) + 1440 * 60_000);
    });

    it('moves the due dates by the business seconds of a pause, not the wall-clock ones', async () => {
      const ticket = await makeTicket(t, user, { priority: 'urgent' });
      const paused = await t.http.patch(
        `/api/v1/tickets/${ticket.id}`,
        { version: ticket.version, status: 'pending' },
        { token: agent.token },
      );
      expect(paused.status).toBe(200);
      // Paused since three days and a bit: the span holds closed nights (and maybe a weekend).
      await t.dataSource.query(`UPDATE tickets SET paused_at = now() - interval '3 days 5 hours' WHERE id = $1`, [
        ticket.id,
      ]);
      const [{ paused_at: pausedAt }] = await t.dataSource.query(`SELECT paused_at FROM tickets WHERE id = $1`, [
        ticket.id,
      ]);
      const before = new Date();
      const resumed = await t.http.patch(
        `/api/v1/tickets/${ticket.id}`,
        { version: paused.body.version, status: 'open' },
        { token: agent.token },
      );
      const after = new Date();
      expect(resumed.status).toBe(200);
      const [{ paused_seconds: seconds }] = await t.dataSource.query(
        `SELECT paused_seconds FROM tickets WHERE id = $1`,
        [ticket.id],
      );
      expect(seconds).toBeGreaterThanOrEqual(calendar.secondsBetween(pausedAt, before));
      expect(seconds).toBeLessThanOrEqual(calendar.secondsBetween(pausedAt, after));
      expect(seconds).toBeLessThan((after.getTime() - pausedAt.getTime()) / 1000 - 2 * 16 * 3600); // nights skipped
      expect(resumed.body.first_response_due_at).toBe(
        calendar.addSeconds(at(ticket.first_response_due_at), seconds).toISOString(),
      );
      expect(resumed.body.resolution_due_at).toBe(
        calendar.addSeconds(at(ticket.resolution_due_at), seconds).toISOString(),
      );
      // …which is where a recompute from created_at with the credit lands too.
      expect(resumed.body.first_response_due_at).toBe(
        calendar.addSeconds(at(ticket.created_at), 3600 + seconds).toISOString(),
      );
    });
  });

  describe('an escalation that ends a pause', () => {
    let w: TestApp;

    beforeAll(async () => {
      w = await startTestApp({ workers: true, env: FAST_WORKER_ENV });
      const boss = await makeAdmin(w);
      await w.http.put('/api/v1/business-hours', BERLIN_OFFICE, { token: boss.token });
      await w.http.put(
        '/api/v1/sla-policies/urgent',
        { first_response_minutes: 60, resolution_minutes: 240, calendar: 'business_hours' },
        { token: boss.token },
      );
    });
    afterAll(() => w.close());

    it.each([
      ['urgent', businessCalendar(BERLIN_OFFICE)],
      ['high', ALWAYS_OPEN],
    ] as const)(
      'moves the due dates of a %s ticket by the seconds paused, on its calendar',
      async (priority, calendar) => {
        const requester = await makeUser(w);
        const staff = await makeAgent(w);
        const ticket = await makeTicket(w, requester, { priority });
        const paused = await w.http.patch(
          `/api/v1/tickets/${ticket.id}`,
          { version: ticket.version, status: 'pending' },
          { token: staff.token },
        );
        expect(paused.status).toBe(200);
        const before = new Date();
        // The first response was missed two days ago; the pause began after that (so it escalates).
        const [[row]] = await w.dataSource.query(
          `UPDATE tickets SET first_response_due_at = now() - interval '3 days', paused_at = now() - interval '2 days'
            WHERE id = $1 RETURNING paused_at, resolution_due_at`,
          [ticket.id],
        );
        await waitForLevel(w.dataSource, [ticket.id], 1);
        const after = new Date();
        const [state] = await w.dataSource.query(
          `SELECT status::text, paused_at, paused_seconds, first_response_due_at, resolution_due_at
             FROM tickets WHERE id = $1`,
          [ticket.id],
        );
        expect(state).toMatchObject({ status: 'escalated', paused_at: null });
        expect(state.paused_seconds).toBeGreaterThanOrEqual(calendar.secondsBetween(row.paused_at, before));
        expect(state.paused_seconds).toBeLessThanOrEqual(calendar.secondsBetween(row.paused_at, after));
        expect(state.resolution_due_at).toEqual(calendar.addSeconds(row.resolution_due_at, state.paused_seconds));
      },
    );
  });
});
