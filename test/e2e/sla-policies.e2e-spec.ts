// /api/v1/sla-policies: who may read and change the targets, validation, and what a change applies to.
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError } from '../support/assertions';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;
/** A policy counts around the clock and warns nobody until an admin says otherwise. */
const DEFAULTS = { calendar: '24x7', warn_before_minutes: 0 };

describe('SLA policies', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, user] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  it('lists the seeded defaults, low to urgent, to agents and admins', async () => {
    for (const caller of [agent, admin]) {
      const res = await t.http.get('/api/v1/sla-policies', { token: caller.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          { priority: 'low', first_response_minutes: 1440, resolution_minutes: 4320, ...DEFAULTS },
          { priority: 'medium', first_response_minutes: 480, resolution_minutes: 2880, ...DEFAULTS },
          { priority: 'high', first_response_minutes: 120, resolution_minutes: 1440, ...DEFAULTS },
          { priority: 'urgent', first_response_minutes: 60, resolution_minutes: 240, ...DEFAULTS },
        ],
      });
    }
  });

  it('refuses requesters (403) and anonymous callers (401)', async () => {
    expectError(await t.http.get('/api/v1/sla-policies', { token: user.token }), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/v1/sla-policies'), 401, 'UNAUTHENTICATED');
    const body = { first_response_minutes: 5, resolution_minutes: 10 };
    expectError(await t.http.put('/api/v1/sla-policies/low', body, { token: user.token }), 403, 'FORBIDDEN');
    expectError(await t.http.put('/api/v1/sla-policies/low', body, { token: agent.token }), 403, 'FORBIDDEN');
    expectError(await t.http.put('/api/v1/sla-policies/low', body), 401, 'UNAUTHENTICATED');
  });

  it('answers 404 for a priority that does not exist', async () => {
    const body = { first_response_minutes: 5, resolution_minutes: 10 };
    for (const priority of ['critical', 'LOW', '1']) {
      expectError(await t.http.put(`/api/v1/sla-policies/${priority}`, body, { token: admin.token }), 404, 'NOT_FOUND');
    }
  });

  it.each([
    [{ first_response_minutes: 0, resolution_minutes: 10 }, 'first_response_minutes'],
    [{ first_response_minutes: -5, resolution_minutes: 10 }, 'first_response_minutes'],
    [{ first_response_minutes: 1.5, resolution_minutes: 10 }, 'first_response_minutes'],
    [{ first_response_minutes: '10', resolution_minutes: 10 }, 'first_response_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: 525_601 }, 'resolution_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: null }, 'resolution_minutes'],
    [{ first_response_minutes: 10 }, 'resolution_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: 20, priority: 'urgent' }, 'priority'],
    [{ first_response_minutes: 10, resolution_minutes: 20, calendar: 'office' }, 'calendar'],
    [{ first_response_minutes: 10, resolution_minutes: 20, calendar: null }, 'calendar'],
    [{ first_response_minutes: 10, resolution_minutes: 20, warn_before_minutes: -1 }, 'warn_before_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: 20, warn_before_minutes: 2.5 }, 'warn_before_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: 20, warn_before_minutes: 525_601 }, 'warn_before_minutes'],
    [{ first_response_minutes: 10, resolution_minutes: 20, warn_before_minutes: null }, 'warn_before_minutes'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const res = await t.http.put('/api/v1/sla-policies/high', body, { token: admin.token });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.body.error.details)).toContain(field);
  });

  it('lets an admin change a policy, for tickets created after the change only', async () => {
    const before = await makeTicket(t, user, { priority: 'low' });
    const res = await t.http.put(
      '/api/v1/sla-policies/low',
      { first_response_minutes: 1, resolution_minutes: 525_600 },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ priority: 'low', first_response_minutes: 1, resolution_minutes: 525_600, ...DEFAULTS });
    const listed = await t.http.get('/api/v1/sla-policies', { token: agent.token });
    expect(listed.body.items[0]).toEqual(res.body);

    const after = await makeTicket(t, user, { priority: 'low' });
    const created = Date.parse(after.created_at);
    expect(Date.parse(after.first_response_due_at) - created).toBe(MINUTE);
    expect(Date.parse(after.resolution_due_at) - created).toBe(525_600 * MINUTE);

    // The ticket created before keeps the due dates it was given.
    const unchanged = await t.http.get(`/api/v1/tickets/${before.id}`, { token: agent.token });
    expect(unchanged.body.first_response_due_at).toBe(before.first_response_due_at);
    expect(unchanged.body.resolution_due_at).toBe(before.resolution_due_at);
    expect(Date.parse(before.first_response_due_at) - Date.parse(before.created_at)).toBe(1440 * MINUTE);
  });

  it('sets the calendar and the warning window, and keeps them when a later PUT leaves them out', async () => {
    const before = (await t.http.get('/api/v1/sla-policies', { token: admin.token })).body;
    const set = await t.http.put(
      '/api/v1/sla-policies/medium',
      { first_response_minutes: 480, resolution_minutes: 2880, calendar: 'business_hours', warn_before_minutes: 45 },
      { token: admin.token },
    );
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      priority: 'medium',
      first_response_minutes: 480,
      resolution_minutes: 2880,
      calendar: 'business_hours',
      warn_before_minutes: 45,
    });
    const kept = await t.http.put(
      '/api/v1/sla-policies/medium',
      { first_response_minutes: 400, resolution_minutes: 2000 },
      { token: admin.token },
    );
    expect(kept.body).toEqual({ ...set.body, first_response_minutes: 400, resolution_minutes: 2000 });
    const off = await t.http.put(
      '/api/v1/sla-policies/medium',
      { first_response_minutes: 480, resolution_minutes: 2880, calendar: '24x7', warn_before_minutes: 0 },
      { token: admin.token },
    );
    expect(off.body).toEqual({
      priority: 'medium',
      first_response_minutes: 480,
      resolution_minutes: 2880,
      ...DEFAULTS,
    });
    // Only `medium` changed, and it is back where it was.
    expect((await t.http.get('/api/v1/sla-policies', { token: admin.token })).body).toEqual(before);
  });
});
