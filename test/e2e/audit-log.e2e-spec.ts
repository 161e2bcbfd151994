// The audit log: every admin and security action leaves one entry with its actor, address, request
// id, target and what changed; failed and rolled-back changes leave none; GET /audit-log filters and
// pages them for admins only; and no secret (password, hash, token, webhook secret) ever lands in it.
import { AccountTokensService } from '../../src/auth/account-tokens.service';
import { AuditLog } from '../../src/audit/audit-log';
import { makeTicket } from '../factories/tickets';
import { login, makeAdmin, makeAgent, makeUser, TestUser, uniqueEmail } from '../factories/users';
import { expectError } from '../support/assertions';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/audit-log';
const UA = 'AuditSpec/1.0 (+https://example.test)';
const PUBLIC_URL = 'https://93.184.216.34/hooks/T000/B000/path-secret-XYZ?token=query-secret';

interface Entry {
  id: number;
  at: string;
  action: string;
  actor_id: number | null;
  actor_email: string | null;
  actor_ip: string | null;
  target_type: string | null;
  target_id: number | null;
  request_id: string | null;
  details: Record<string, any>;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: TestUser;
  /** Every secret this file hands out or sets: none may ever appear in the log. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeAdmin(t);
  });
  afterAll(() => t.close());

  const remember = (...values: Array<string | undefined>) => values.forEach((v) => v && secrets.add(v));

  const list = async (query = ''): Promise<{ items: Entry[]; total: number; next_offset: number | null }> => {
    const res = await t.http.get(`${BASE}${query}`, { token: admin.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The newest entry of `action` about `targetId`. */
  const latest = async (action: string, targetId?: number): Promise<Entry | undefined> => {
    const target = targetId === undefined ? '' : `&target_id=${targetId}`;
    return (await list(`?action=${action}${target}&limit=1`)).items[0];
  };
  const countOf = async (action: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
    return n;
  };
  /** The request's own id and the caller's address, as recorded. */
  const fromRequest = (res: HttpResponse) => ({ request_id: res.headers.get('x-request-id'), actor_ip: '127.0.0.1' });

  describe('logins', () => {
    it('records a login with the user as actor and target, address, user agent and request id', async () => {
      const user = await makeUser(t);
      remember(user.password, user.token, user.refreshToken);
      const res = await t.http.post(
        '/api/v1/auth/login',
        { email: user.email, password: user.password },
        { headers: { 'user-agent': UA } },
      );
      expect(res.status).toBe(200);
      remember(res.body.access_token, res.body.refresh_token);
      expect(await latest('auth.login', user.user.id)).toEqual({
        id: expect.any(Number),
        at: expect.any(String),
        action: 'auth.login',
        actor_id: user.user.id,
        actor_email: user.email,
        target_type: 'user',
        target_id: user.user.id,
        details: { user_agent: UA },
        ...fromRequest(res),
      });
    });

    it('records a failed login by the email tried, never the password', async () => {
      const user = await makeUser(t);
      const wrong = `wrong-${user.password}-attempt`;
      remember(user.password, wrong);
      const res = await t.http.post(
        '/api/v1/auth/login',
        { email: user.email.toUpperCase(), password: wrong },
        { headers: { 'user-agent': UA } },
      );
      expectError(res, 401, 'UNAUTHENTICATED');
      const entry = await latest('auth.login_failed', user.user.id);
      expect(entry).toMatchObject({
        actor_id: null,
        actor_email: null,
        target_type: 'user',
        target_id: user.user.id,
        // As the login took it (emails are compared lower-cased).
        details: { email: user.email.toLowerCase(), reason: 'wrong_password', user_agent: UA },
        ...fromRequest(res),
      });
      expect(JSON.stringify(entry)).not.toContain(wrong);

      const nobody = uniqueEmail('nobody');
      expectError(await t.http.post('/api/v1/auth/login', { email: nobody, password: wrong }), 401, 'UNAUTHENTICATED');
      const unknown = (await list('?action=auth.login_failed&limit=1')).items[0];
      expect(unknown).toMatchObject({
        target_type: null,
        target_id: null,
        details: { email: nobody, reason: 'unknown_email' },
      });
    });

    it('records a failed login of a deactivated account as such', async () => {
      const user = await makeUser(t);
      expect((await t.http.delete(`/api/v1/users/${user.user.id}`, { token: admin.token })).status).toBe(204);
      expectError(
        await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await latest('auth.login_failed', user.user.id))?.details.reason).toBe('inactive');
    });

    it('records the reuse of a rotated refresh token against its user, with no actor', async () => {
      const user = await makeUser(t);
      const rotated = await t.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
      expect(rotated.status).toBe(200);
      remember(user.refreshToken, rotated.body.refresh_token, rotated.body.access_token);
      const reuse = await t.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
      expectError(reuse, 401, 'UNAUTHENTICATED');
      expect(await latest('auth.refresh_token_reused', user.user.id)).toMatchObject({
        actor_id: null,
        target_type: 'user',
        details: { session_id: expect.any(String), session_ended: true },
        ...fromRequest(reuse),
      });
    });

    it('records a password reset by its token, and a password change', async () => {
      const user = await makeUser(t);
      const token = await t.app.get(AccountTokensService).createResetToken(user.user.id);
      remember(token!, 'a-reset-password-1', 'a-changed-password-2');
      const reset = await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'a-reset-password-1' });
      expect(reset.status).toBe(204);
      expect(await latest('auth.password_reset', user.user.id)).toMatchObject({
        actor_id: user.user.id,
        target_type: 'user',
        ...fromRequest(reset),
      });

      const fresh = await login(t, user.email, 'a-reset-password-1');
      const wrongCurrent = await t.http.patch(
        `/api/v1/users/${user.user.id}`,
        { password: 'a-changed-password-2', current_password: 'not-it-at-all' },
        { token: fresh.access_token },
      );
      expectError(wrongCurrent, 422, 'UNPROCESSABLE');
      expect(await latest('user.password_changed', user.user.id)).toBeUndefined();
      const change = await t.http.patch(
        `/api/v1/users/${user.user.id}`,
        { password: 'a-changed-password-2', current_password: 'a-reset-password-1' },
        { token: fresh.access_token },
      );
      expect(change.status).toBe(200);
      expect(await latest('user.password_changed', user.user.id)).toMatchObject({
        actor_id: user.user.id,
        details: {},
        ...fromRequest(change),
      });
    });
  });

  describe('users', () => {
    it('records creation, role changes, deactivation and reactivation with before and after', async () => {
      const created = await t.http.post(
        '/api/v1/users',
        { email: uniqueEmail('made'), password: 'password-made-1', name: 'Made', role: 'agent' },
        { token: admin.token },
      );
      expect(created.status).toBe(201);
      remember('password-made-1');
      const id = created.body.id;
      expect(await latest('user.created', id)).toMatchObject({
        actor_id: admin.user.id,
        actor_email: admin.email,
        details: { email: created.body.email, role: 'agent' },
        ...fromRequest(created),
      });

      const promote = await t.http.patch(`/api/v1/users/${id}`, { role: 'admin' }, { token: admin.token });
      expect(promote.status).toBe(200);
      expect(await latest('user.role_changed', id)).toMatchObject({
        actor_id: admin.user.id,
        target_type: 'user',
        target_id: id,
        details: { from: 'agent', to: 'admin' },
        ...fromRequest(promote),
      });

      const both = await t.http.patch(
        `/api/v1/users/${id}`,
        { role: 'user', is_active: false },
        { token: admin.token },
      );
      expect(both.status).toBe(200);
      const entries = (await list(`?target_type=user&target_id=${id}&limit=2`)).items;
      expect(entries.map((e) => e.action).sort()).toEqual(['user.deactivated', 'user.role_changed']);
      expect(new Set(entries.map((e) => e.request_id))).toEqual(new Set([both.headers.get('x-request-id')]));

      expect((await t.http.patch(`/api/v1/users/${id}`, { is_active: true }, { token: admin.token })).status).toBe(200);
      expect(await latest('user.reactivated', id)).toMatchObject({ actor_id: admin.user.id });
      // Setting what already is records nothing; renaming is not audited.
      const before = await list(`?target_type=user&target_id=${id}`);
      await t.http.patch(`/api/v1/users/${id}`, { is_active: true, name: 'Renamed' }, { token: admin.token });
      expect((await list(`?target_type=user&target_id=${id}`)).total).toBe(before.total);

      const deleted = await t.http.delete(`/api/v1/users/${id}`, { token: admin.token });
      expect(deleted.status).toBe(204);
      expect(await latest('user.deactivated', id)).toMatchObject(fromRequest(deleted));
    });
  });

  it('records a keyed create once: its replay creates nothing and records nothing', async () => {
    const body = { email: uniqueEmail('keyed'), password: 'password-keyed-1', name: 'Keyed', role: 'user' };
    remember(body.password);
    const headers = { 'idempotency-key': `audit-${Date.now()}` };
    const first = await t.http.post('/api/v1/users', body, { token: admin.token, headers });
    const replay = await t.http.post('/api/v1/users', body, { token: admin.token, headers });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const entries = (await list(`?action=user.created&target_id=${first.body.id}`)).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: admin.user.id, ...fromRequest(first) });
  });

  describe('desk settings', () => {
    it('records SLA policy and business-hours changes with what changed', async () => {
      const put = await t.http.put(
        '/api/v1/sla-policies/high',
        { first_response_minutes: 45, resolution_minutes: 600 },
        { token: admin.token },
      );
      expect(put.status).toBe(200);
      const entry = await latest('sla_policy.updated');
      expect(entry).toMatchObject({
        actor_id: admin.user.id,
        target_type: 'sla_policy',
        target_id: null,
        details: { priority: 'high', changes: { first_response_minutes: { to: 45 }, resolution_minutes: { to: 600 } } },
        ...fromRequest(put),
      });
      expect(entry!.details.changes.calendar).toBeUndefined();

      const week = { mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
      const hours = await t.http.put(
        '/api/v1/business-hours',
        { timezone: 'Europe/Berlin', week, holidays: ['2026-12-25'] },
        { token: admin.token },
      );
      expect(hours.status).toBe(200);
      expect(await latest('business_hours.updated')).toMatchObject({
        target_type: 'business_hours',
        target_id: null,
        details: {
          changes: {
            timezone: { from: 'UTC', to: 'Europe/Berlin' },
            week: { to: week },
            holidays: { from: [], to: ['2026-12-25'] },
          },
        },
        ...fromRequest(hours),
      });
      // Refused (400): nothing stored, nothing recorded.
      const recorded = await countOf('business_hours.updated');
      const bad = await t.http.put(
        '/api/v1/business-hours',
        { timezone: 'Mars/Olympus', week, holidays: [] },
        { token: admin.token },
      );
      expectError(bad, 400, 'VALIDATION_FAILED');
      expect(await countOf('business_hours.updated')).toBe(recorded);
    });

    it('records category creates, assignment edits and deletes; a refused one records nothing', async () => {
      const agent = await makeAgent(t);
      const created = await t.http.post('/api/v1/categories', { name: 'Audited' }, { token: admin.token });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(await latest('category.created', id)).toMatchObject({
        details: { name: 'Audited', assignment: 'none', agent_ids: [] },
      });
      const edit = await t.http.patch(
        `/api/v1/categories/${id}`,
        { assignment: 'round_robin', agent_ids: [agent.user.id] },
        { token: admin.token },
      );
      expect(edit.status).toBe(200);
      expect(await latest('category.updated', id)).toMatchObject({
        details: {
          changes: {
            assignment: { from: 'none', to: 'round_robin' },
            agent_ids: { from: [], to: [agent.user.id] },
          },
        },
        ...fromRequest(edit),
      });
      const updates = await countOf('category.updated');
      await t.http.post('/api/v1/categories', { name: 'Taken' }, { token: admin.token });
      expectError(
        await t.http.patch(`/api/v1/categories/${id}`, { name: 'taken' }, { token: admin.token }),
        409,
        'CONFLICT',
      );
      expectError(
        await t.http.patch(`/api/v1/categories/${id}`, { agent_ids: [] }, { token: admin.token }),
        422,
        'UNPROCESSABLE',
      );
      expect(await countOf('category.updated')).toBe(updates);
      expect((await t.http.delete(`/api/v1/categories/${id}`, { token: admin.token })).status).toBe(204);
      expect(await latest('category.deleted', id)).toMatchObject({ details: { name: 'Audited' } });
    });

    it('records automation creates, updates and deletes; a rule refused with 422 records nothing', async () => {
      const rule = {
        name: 'Audit rule',
        conditions: { status: ['open'], tags_all: ['audit'] },
        actions: { status: 'pending' },
      };
      const created = await t.http.post('/api/v1/automations', rule, { token: admin.token });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(await latest('automation.created', id)).toMatchObject({
        actor_id: admin.user.id,
        details: { name: 'Audit rule', active: true, conditions: rule.conditions, actions: rule.actions },
      });
      const off = await t.http.patch(`/api/v1/automations/${id}`, { active: false }, { token: admin.token });
      expect(off.status).toBe(200);
      expect(await latest('automation.updated', id)).toMatchObject({
        details: { changes: { active: { from: true, to: false } } },
      });
      const updates = await countOf('automation.updated');
      expectError(
        await t.http.patch(`/api/v1/automations/${id}`, { actions: { status: 'escalated' } }, { token: admin.token }),
        422,
        'UNPROCESSABLE',
      );
      expect(await countOf('automation.updated')).toBe(updates);
      expect((await t.http.delete(`/api/v1/automations/${id}`, { token: admin.token })).status).toBe(204);
      expect(await latest('automation.deleted', id)).toMatchObject({ details: { name: 'Audit rule' } });
      expectError(await t.http.delete(`/api/v1/automations/${id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expect(await countOf('automation.deleted')).toBe(1);
    });

    it('records webhook creates, updates, secret rotations and deletes without secrets or URL paths', async () => {
      const created = await t.http.post('/api/v1/webhooks', { url: PUBLIC_URL, events: ['*'] }, { token: admin.token });
      expect(created.status).toBe(201);
      const id = created.body.id;
      remember(created.body.secret, 'path-secret-XYZ', 'query-secret');
      expect(await latest('webhook.created', id)).toMatchObject({
        details: { url_origin: 'https://93.184.216.34', events: ['*'], active: true, include_internal: false },
      });
      const rotated = await t.http.post(`/api/v1/webhooks/${id}/rotate-secret`, undefined, { token: admin.token });
      expect(rotated.status).toBe(200);
      remember(rotated.body.secret);
      expect(await latest('webhook.secret_rotated', id)).toMatchObject({ details: {}, ...fromRequest(rotated) });
      const moved = await t.http.patch(
        `/api/v1/webhooks/${id}`,
        { url: 'https://93.184.216.34/other-path-secret', include_internal: true },
        { token: admin.token },
      );
      expect(moved.status).toBe(200);
      remember('other-path-secret');
      expect(await latest('webhook.updated', id)).toMatchObject({
        details: { url_changed: true, changes: { include_internal: { from: false, to: true } } },
      });
      expect((await t.http.delete(`/api/v1/webhooks/${id}`, { token: admin.token })).status).toBe(204);
      expect(await latest('webhook.deleted', id)).toMatchObject({ details: { url_origin: 'https://93.184.216.34' } });
    });

    it('records ticket deletes and restores', async () => {
      const ticket = await makeTicket(t, await makeUser(t));
      expect((await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token })).status).toBe(204);
      expect(
        (await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, undefined, { token: admin.token })).status,
      ).toBe(200);
      const entries = (await list(`?target_type=ticket&target_id=${ticket.id}`)).items;
      expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
        ['ticket.restored', admin.user.id],
        ['ticket.deleted', admin.user.id],
      ]);
    });
  });

  describe('a change that rolls back', () => {
    /** Makes every commit that updated `table` fail, after everything in it (the audit insert too) ran. */
    async function refuseCommitsOf(table: string, fn: () => Promise<void>): Promise<void> {
      await t.dataSource.query(`
        CREATE OR REPLACE FUNCTION audit_spec_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
      await t.dataSource.query(`
        CREATE CONSTRAINT TRIGGER audit_spec_refuse AFTER UPDATE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_spec_refuse()`);
      try {
        await fn();
      } finally {
        await t.dataSource.query(`DROP TRIGGER audit_spec_refuse ON ${table}`);
      }
    }

    it("leaves no entry: the entry is written in the change's transaction", async () => {
      const target = await makeAgent(t);
      const policies = await t.dataSource.query(`SELECT * FROM sla_policies ORDER BY priority`);
      const [slaEntries, roleEntries] = [await countOf('sla_policy.updated'), await countOf('user.role_changed')];
      await refuseCommitsOf('sla_policies', async () => {
        const res = await t.http.put(
          '/api/v1/sla-policies/urgent',
          { first_response_minutes: 1, resolution_minutes: 2 },
          { token: admin.token },
        );
        expectError(res, 500, 'INTERNAL');
      });
      await refuseCommitsOf('users', async () => {
        const res = await t.http.patch(`/api/v1/users/${target.user.id}`, { role: 'admin' }, { token: admin.token });
        expectError(res, 500, 'INTERNAL');
      });
      expect(await t.dataSource.query(`SELECT * FROM sla_policies ORDER BY priority`)).toEqual(policies);
      expect((await t.dataSource.query(`SELECT role FROM users WHERE id = $1`, [target.user.id]))[0].role).toBe(
        'agent',
      );
      expect([await countOf('sla_policy.updated'), await countOf('user.role_changed')]).toEqual([
        slaEntries,
        roleEntries,
      ]);
    });
  });

  describe('GET /audit-log', () => {
    it('filters by action (comma list or repeated), actor, target and time, newest first', async () => {
      const agent = await makeAgent(t);
      const start = new Date().toISOString();
      await t.http.patch(`/api/v1/users/${agent.user.id}`, { role: 'user' }, { token: admin.token });
      await t.http.patch(`/api/v1/users/${agent.user.id}`, { is_active: false }, { token: admin.token });
      await t.http.patch(`/api/v1/users/${agent.user.id}`, { is_active: true }, { token: admin.token });

      const mine = `&target_type=user&target_id=${agent.user.id}`;
      const comma = await list(`?action=user.deactivated,user.reactivated${mine}`);
      expect(comma.items.map((e) => e.action)).toEqual(['user.reactivated', 'user.deactivated']);
      const repeated = await list(`?action=user.deactivated&action=user.reactivated${mine}`);
      expect(repeated.items).toEqual(comma.items);

      const byActor = await list(`?actor_id=${admin.user.id}&from=${encodeURIComponent(start)}${mine}`);
      expect(byActor.items.map((e) => e.action)).toEqual(['user.reactivated', 'user.deactivated', 'user.role_changed']);
      expect(byActor.items.every((e) => e.actor_id === admin.user.id)).toBe(true);
      const ats = byActor.items.map((e) => Date.parse(e.at));
      expect([...ats].sort((a, b) => b - a)).toEqual(ats);

      const future = new Date(Date.now() + 86_400_000).toISOString();
      expect((await list(`?from=${encodeURIComponent(future)}`)).total).toBe(0);
      expect((await list(`?to=${encodeURIComponent(start)}&action=user.role_changed${mine}`)).total).toBe(0);
      expect((await list(`?to=${encodeURIComponent(start)}&action=auth.login${mine}`)).total).toBe(1);
      expect((await list(`?actor_id=${agent.user.id}&action=user.role_changed`)).total).toBe(0);
    });

    it('pages like every list', async () => {
      const all = await list('?limit=100');
      expect(all.total).toBeGreaterThan(3);
      const first = await t.http.get(`${BASE}?limit=2`, { token: admin.token });
      expect(first.body).toEqual({
        items: all.items.slice(0, 2),
        total: all.total,
        total_capped: false,
        limit: 2,
        offset: 0,
        next_offset: 2,
      });
      const second = await list('?limit=2&offset=2');
      expect(second.items).toEqual(all.items.slice(2, 4));
      const last = await list(`?limit=2&offset=${all.total - 1}`);
      expect(last.items).toHaveLength(1);
      expect(last.next_offset).toBeNull();
    });

    it.each([
      ['an unknown action', '?action=user.exploded'],
      ['an unknown action in a list', '?action=auth.login,nope'],
      ['an unknown target type', '?target_type=planet'],
      ['a non-integer actor', '?actor_id=me'],
      ['a time that is not ISO 8601', '?from=yesterday'],
      ['a limit over 100', '?limit=101'],
      ['an offset over 10000', '?offset=10001'],
      ['an unknown parameter', '?actor=1'],
    ])('refuses %s with 400', async (_what, query) => {
      expectError(await t.http.get(`${BASE}${query}`, { token: admin.token }), 400, 'VALIDATION_FAILED');
    });

    it('is for admins only: 403 for agents and requesters, 401 without a token', async () => {
      const [agent, requester] = await Promise.all([makeAgent(t), makeUser(t)]);
      expectError(await t.http.get(BASE, { token: agent.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get(BASE, { token: requester.token }), 403, 'FORBIDDEN');
      expectError(await t.http.get(BASE), 401, 'UNAUTHENTICATED');
    });
  });

  describe('retention', () => {
    it('purges entries older than the retention, and keeps the rest', async () => {
      const [{ id: old }] = await t.dataSource.query(
        `INSERT INTO audit_log (at, action) VALUES (now() - interval '400 days', 'auth.login') RETURNING id`,
      );
      const [{ id: recent }] = await t.dataSource.query(
        `INSERT INTO audit_log (at, action) VALUES (now() - interval '300 days', 'auth.login') RETURNING id`,
      );
      expect(await t.app.get(AuditLog).purgeOlderThan(365)).toBe(1);
      const left = await t.dataSource.query(`SELECT id FROM audit_log WHERE id = ANY($1::bigint[])`, [[old, recent]]);
      expect(left.map((r: { id: string }) => r.id)).toEqual([recent]);
    });
  });

  // Last: it scans what every test above recorded.
  describe('secrets', () => {
    it('never holds a password, hash, token or webhook secret', async () => {
      const hashes: Array<{ h: string }> = await t.dataSource.query(
        `SELECT password_hash AS h FROM users WHERE password_hash <> ''
         UNION ALL SELECT token_hash FROM refresh_tokens
         UNION ALL SELECT token_hash FROM account_tokens
         UNION ALL SELECT secret_encrypted FROM webhooks`,
      );
      const [{ log }] = await t.dataSource.query(`SELECT coalesce(json_agg(a), '[]')::text AS log FROM audit_log a`);
      expect(JSON.parse(log).length).toBeGreaterThan(20);
      const needles = [...secrets, ...hashes.map((row) => row.h), admin.password, admin.token, admin.refreshToken];
      expect(needles.length).toBeGreaterThan(15);
      const found = needles.filter((needle) => needle.length >= 8 && log.includes(needle));
      expect(found).toEqual([]);
      expect(log).not.toMatch(/\$argon2|whsec_|"password"|"secret"|"token"|Bearer /);
    });
  });
});
