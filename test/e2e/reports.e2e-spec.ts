// Reports: summary, stats and timeseries checked against tickets made here (each test file has a
// database of its own), with the day-based expectations recomputed in JS from the ticket rows and
// the SLA rules of src/sla/sla.ts — an implementation independent of the report SQL.
import { breaches, BreachKind } from '../../src/sla/sla';
import { expectError } from '../support/assertions';
import {
  backdateTicket,
  makeTicket,
  markEscalated,
  markFirstRespondedAfter,
  markResolved,
  setSlaClock,
  softDeleteAllTickets,
} from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** 00:00 UTC of the day `daysAgo` days before today. */
const utcMidnight = (daysAgo: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY_MS);
};

interface Row {
  id: number;
  created_at: Date;
  resolved_at: Date | null;
  escalated_at: Date | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  first_responded_at: Date | null;
  paused_at: Date | null;
  deleted_at: Date | null;
}

/** The targets of a ticket missed by now, with their due times (sla.ts's breaches(), not the report SQL). */
function missedTargets(row: Row, now: Date): Array<{ kind: BreachKind; due: Date }> {
  const state = {
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
    firstRespondedAt: row.first_responded_at,
    resolvedAt: row.resolved_at,
    pausedAt: row.paused_at,
  };
  return breaches(state, now).map((kind) => ({
    kind,
    due: kind === 'first_response' ? row.first_response_due_at : row.resolution_due_at,
  }));
}

describe('reports', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;
  const ids: Record<string, number> = {};
  let billingId: number;

  const sql = (text: string, params: unknown[] = []) => t.dataSource.query(text, params);
  const get = async (path: string, who: TestUser = agent) => {
    const res = await t.http.get(path, { token: who.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const liveRows = async (): Promise<Row[]> =>
    sql(
      `SELECT id, created_at, resolved_at, escalated_at, first_response_due_at, resolution_due_at,
              first_responded_at, paused_at, deleted_at
         FROM tickets WHERE deleted_at IS NULL ORDER BY id`,
    );

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
    [{ id: billingId }] = await sql(`INSERT INTO categories (name) VALUES ('Billing') RETURNING id`);
    await sql(`INSERT INTO categories (name) VALUES ('Hardware')`); // no tickets: listed with 0
    const make = async (key: string, overrides: Record<string, unknown>) =>
      (ids[key] = (await makeTicket(t, requester, overrides)).id);

    // Open, untouched, future due dates: counts as opened only.
    await make('open', { priority: 'medium', category_id: billingId });

    // Answered after 45 minutes, resolved 3 hours after it was opened.
    await make('resolved', { priority: 'high', category_id: billingId });
    await backdateTicket(t, ids.resolved, '3 hours');
    await markFirstRespondedAfter(t, ids.resolved, '45 minutes');
    const resolved = await t.http.patch(
      `/api/v1/tickets/${ids.resolved}`,
      { version: 1, status: 'resolved' },
      { token: agent.token },
    );
    expect(resolved.status).toBe(200);

    // Closed by its requester 90 minutes after it was opened: resolved_at is set too.
    await make('closed', { priority: 'low' });
    await backdateTicket(t, ids.closed, '90 minutes');
    const closed = await t.http.patch(
      `/api/v1/tickets/${ids.closed}`,
      { version: 1, status: 'closed' },
      { token: requester.token },
    );
    expect(closed.status).toBe(200);

    // Escalated now (what the worker would do), targets not missed.
    await make('escalated', { priority: 'urgent' });
    await markEscalated(t, ids.escalated);

    // Missed the first response two hours ago; resolution still ahead.
    await make('breachedFirstResponse', { priority: 'low' });
    await setSlaClock(t, ids.breachedFirstResponse, { firstResponseDueAt: '2 hours ago' });

    // Opened 3 days ago; missed the first response then and the resolution yesterday: two
    // breach days, one ticket.
    await make('breachedBoth', { priority: 'medium' });
    await setSlaClock(t, ids.breachedBoth, {
      openedAt: '3 days ago',
      firstResponseDueAt: '71 hours ago', // an hour after it was opened
      resolutionDueAt: '1 day ago',
    });

    // Ten days old, escalated nine days ago, both targets missed long ago: outside a 7-day period.
    await make('old', { priority: 'medium' });
    await backdateTicket(t, ids.old, '10 days');
    await markEscalated(t, ids.old, { ago: '9 days' });

    // Pending since before its first response was due: the SLA clock stopped, so not breached.
    await make('pending', { priority: 'high' });
    const pending = await t.http.patch(
      `/api/v1/tickets/${ids.pending}`,
      { version: 1, status: 'pending' },
      { token: agent.token },
    );
    expect(pending.status).toBe(200);
    await setSlaClock(t, ids.pending, { pausedAt: '2 hours ago', firstResponseDueAt: '1 hour ago' });

    // Breached, escalated and resolved, then soft-deleted: counted nowhere.
    await make('deleted', { priority: 'urgent', category_id: billingId });
    await setSlaClock(t, ids.deleted, { firstResponseDueAt: '1 hour ago' });
    await markEscalated(t, ids.deleted);
    await markResolved(t, ids.deleted);
    expect((await t.http.delete(`/api/v1/tickets/${ids.deleted}`, { token: admin.token })).status).toBe(204);
  });
  afterAll(() => t.close());

  describe('GET /reports/summary', () => {
    it('counts what happened in the last 7 UTC days', async () => {
      expect(await get('/api/v1/reports/summary?days=7')).toEqual({
        days: 7,
        tickets_opened: 7, // all live ones but `old`
        tickets_resolved: 2, // resolved, closed
        tickets_escalated: 1, // escalated (old's escalation is 9 days ago; deleted's is not counted)
        tickets_breached: 2, // breachedFirstResponse, breachedBoth (once, though it missed both targets)
      });
    });

    it('defaults to 7 days', async () => {
      expect(await get('/api/v1/reports/summary')).toEqual(await get('/api/v1/reports/summary?days=7'));
    });

    it('widens with the period', async () => {
      expect(await get('/api/v1/reports/summary?days=30', admin)).toEqual({
        days: 30,
        tickets_opened: 8,
        tickets_resolved: 2,
        tickets_escalated: 2,
        tickets_breached: 3,
      });
    });

    it.each([1, 2, 3, 4, 7, 11, 365])('matches an independent count from the rows for days=%i', async (days) => {
      const now = new Date();
      const since = utcMidnight(days - 1);
      const rows = await liveRows();
      const inPeriod = (date: Date | null) => date !== null && date >= since && date <= now;
      expect(await get(`/api/v1/reports/summary?days=${days}`)).toEqual({
        days,
        tickets_opened: rows.filter((r) => inPeriod(r.created_at)).length,
        tickets_resolved: rows.filter((r) => inPeriod(r.resolved_at)).length,
        tickets_escalated: rows.filter((r) => inPeriod(r.escalated_at)).length,
        tickets_breached: rows.filter((r) => missedTargets(r, now).some((m) => inPeriod(m.due))).length,
      });
    });

    it.each(['0', '366', '-1', '1.5', 'abc', ''])('refuses days=%j with 400', async (days) => {
      const res = await t.http.get(`/api/v1/reports/summary?days=${days}`, { token: agent.token });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toEqual(['days']);
    });

    it('refuses unknown query parameters with 400', async () => {
      expectError(
        await t.http.get('/api/v1/reports/summary?since=1', { token: agent.token }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('GET /reports/stats', () => {
    it('describes the live tickets right now', async () => {
      const rows = await liveRows();
      const today = isoDay(new Date());
      expect(await get('/api/v1/reports/stats')).toEqual({
        total_tickets: 8,
        open_tickets: 3, // open, breachedFirstResponse, breachedBoth
        in_progress_tickets: 0,
        pending_tickets: 1,
        escalated_tickets: 2, // escalated, old
        resolved_tickets: 1,
        closed_tickets: 1,
        overdue_tickets: 2, // breachedBoth, old: resolution due in the past, not resolved
        tickets_by_priority: { low: 2, medium: 3, high: 2, urgent: 1 },
        tickets_by_category: { Billing: 2, Hardware: 0, uncategorized: 6 },
        avg_resolution_hours: 2.25, // (3 + 1.5) / 2
        avg_first_response_hours: 0.75, // only `resolved` was answered
        tickets_created_today: rows.filter((r) => isoDay(r.created_at) === today).length,
        tickets_resolved_today: 2,
        as_of: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    });
  });

  describe('GET /reports/stats with awkward category names', () => {
    it('keeps names like constructor and __proto__ as plain keys', async () => {
      await t.dataSource.query(`INSERT INTO categories (name) VALUES ('constructor'), ('__proto__'), ('toString')`);
      try {
        const stats = await get('/api/v1/reports/stats');
        expect(Object.keys(stats.tickets_by_category)).toEqual(
          expect.arrayContaining(['constructor', '__proto__', 'toString']),
        );
        expect(stats.tickets_by_category.constructor).toBe(0);
        expect(stats.tickets_by_category.toString).toBe(0);
      } finally {
        await t.dataSource.query(`DELETE FROM categories WHERE name IN ('constructor', '__proto__', 'toString')`);
      }
    });
  });

  describe('GET /reports/timeseries', () => {
    it('has one row per UTC day, oldest first, ending today, zero-filled (default 30 days)', async () => {
      const { items } = await get('/api/v1/reports/timeseries');
      expect(items).toHaveLength(30);
      expect(items.map((i: { date: string }) => i.date)).toEqual(
        Array.from({ length: 30 }, (_, n) => isoDay(utcMidnight(29 - n))),
      );
      expect(items.at(-1).date).toBe(isoDay(new Date()));
      // Nothing happened 20 days ago.
      expect(items.find((i: { date: string }) => i.date === isoDay(utcMidnight(20)))).toEqual({
        date: isoDay(utcMidnight(20)),
        opened: 0,
        resolved: 0,
        breached: 0,
      });
      for (const item of items) expect(Object.keys(item)).toEqual(['date', 'opened', 'resolved', 'breached']);
    });

    it.each([1, 7, 30])('matches an independent per-day count from the rows for days=%i', async (days) => {
      const now = new Date();
      const rows = await liveRows();
      const expected = Array.from({ length: days }, (_, n) => {
        const date = isoDay(utcMidnight(days - 1 - n));
        const onDay = (d: Date | null) => d !== null && d <= now && isoDay(d) === date;
        return {
          date,
          opened: rows.filter((r) => onDay(r.created_at)).length,
          resolved: rows.filter((r) => onDay(r.resolved_at)).length,
          breached: rows.filter((r) => missedTargets(r, now).some((m) => onDay(m.due))).length,
        };
      });
      expect((await get(`/api/v1/reports/timeseries?days=${days}`)).items).toEqual(expected);
    });

    it("counts a ticket on each day one of its targets was missed, and agrees with the summary's opened", async () => {
      const { items } = await get('/api/v1/reports/timeseries?days=7');
      const [row] = await sql(`SELECT first_response_due_at, resolution_due_at FROM tickets WHERE id = $1`, [
        ids.breachedBoth,
      ]);
      const byDate = new Map(items.map((i: { date: string; breached: number }) => [i.date, i.breached]));
      expect(byDate.get(isoDay(row.first_response_due_at))).toBeGreaterThanOrEqual(1);
      expect(byDate.get(isoDay(row.resolution_due_at))).toBeGreaterThanOrEqual(1);
      const sum = (key: 'opened' | 'resolved' | 'breached') =>
        items.reduce((total: number, i: Record<string, number>) => total + i[key], 0);
      const summary = await get('/api/v1/reports/summary?days=7');
      expect(sum('opened')).toBe(summary.tickets_opened);
      expect(sum('resolved')).toBe(summary.tickets_resolved);
      expect(sum('breached')).toBe(summary.tickets_breached + 1); // breachedBoth, on two days
    });

    it('serves the longest period', async () => {
      const { items } = await get('/api/v1/reports/timeseries?days=365', admin);
      expect(items).toHaveLength(365);
      expect(items[0].date).toBe(isoDay(utcMidnight(364)));
    });

    it.each(['0', '366', 'x'])('refuses days=%j with 400', async (days) => {
      expectError(
        await t.http.get(`/api/v1/reports/timeseries?days=${days}`, { token: agent.token }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('access', () => {
    it.each(['summary', 'stats', 'timeseries'])(
      'refuses %s to requesters (403) and to anonymous callers (401)',
      async (report) => {
        expectError(await t.http.get(`/api/v1/reports/${report}`, { token: requester.token }), 403, 'FORBIDDEN');
        expectError(await t.http.get(`/api/v1/reports/${report}`), 401, 'UNAUTHENTICATED');
      },
    );
  });

  // Last: it soft-deletes every ticket of this file's database.
  describe('with every ticket soft-deleted', () => {
    it('answers zeros and nulls: deleted tickets count nowhere', async () => {
      await softDeleteAllTickets(t);
      expect(await get('/api/v1/reports/stats')).toEqual({
        total_tickets: 0,
        open_tickets: 0,
        in_progress_tickets: 0,
        pending_tickets: 0,
        escalated_tickets: 0,
        resolved_tickets: 0,
        closed_tickets: 0,
        overdue_tickets: 0,
        tickets_by_priority: { low: 0, medium: 0, high: 0, urgent: 0 },
        tickets_by_category: { Billing: 0, Hardware: 0, uncategorized: 0 },
        avg_resolution_hours: null,
        avg_first_response_hours: null,
        tickets_created_today: 0,
        tickets_resolved_today: 0,
        as_of: expect.any(String),
      });
      expect(await get('/api/v1/reports/summary?days=365')).toEqual({
        days: 365,
        tickets_opened: 0,
        tickets_resolved: 0,
        tickets_escalated: 0,
        tickets_breached: 0,
      });
      const { items } = await get('/api/v1/reports/timeseries?days=30');
      expect(items.every((i: Record<string, number>) => i.opened + i.resolved + i.breached === 0)).toBe(true);
    });
  });
});
