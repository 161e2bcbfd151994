// Users admin and the role matrix around it (API.md → Roles, Users).
import { expectError } from '../support/assertions';
import { login, makeAdmin, makeAgent, makeUser, TestUser, uniqueEmail } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('users', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester, other] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  describe('role matrix for admin-only endpoints', () => {
    const adminOnly = (): Array<[string, string, unknown]> => [
      ['POST', '/api/v1/users', { email: uniqueEmail(), password: 'password123', name: 'N', role: 'user' }],
      ['DELETE', `/api/v1/users/${other.user.id}`, undefined],
    ];

    it.each(['agent', 'user'] as const)('refuses every admin-only endpoint to %s with 403', async (who) => {
      const caller = who === 'agent' ? agent : requester;
      for (const [method, path, body] of adminOnly()) {
        expectError(await t.http.request(method, path, body, { token: caller.token }), 403, 'FORBIDDEN');
      }
      // role and is_active changes, even on themselves
      const patch = await t.http.patch(`/api/v1/users/${caller.user.id}`, { role: 'admin' }, { token: caller.token });
      expectError(patch, 403, 'FORBIDDEN');
      const [{ role }] = await t.dataSource.query('SELECT role FROM users WHERE id = $1', [caller.user.id]);
      expect(role).toBe(who);
    });

    it('refuses the user list to requesters with 403 and serves it to agents', async () => {
      expectError(await t.http.get('/api/v1/users', { token: requester.token }), 403, 'FORBIDDEN');
      const res = await t.http.get('/api/v1/users?limit=100', { token: agent.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((u: any) => u.id)).toEqual(expect.arrayContaining([admin.user.id, other.user.id]));
    });

    it("hides another user's profile from a requester with 404 but shows it to agents and the owner", async () => {
      expectError(await t.http.get(`/api/v1/users/${other.user.id}`, { token: requester.token }), 404, 'NOT_FOUND');
      expectError(
        await t.http.patch(`/api/v1/users/${other.user.id}`, { name: 'x' }, { token: requester.token }),
        404,
        'NOT_FOUND',
      );
      expect((await t.http.get(`/api/v1/users/${other.user.id}`, { token: agent.token })).status).toBe(200);
      expect((await t.http.get(`/api/v1/users/${requester.user.id}`, { token: requester.token })).status).toBe(200);
    });

    it('lets an agent read but not edit another user', async () => {
      expectError(
        await t.http.patch(`/api/v1/users/${other.user.id}`, { name: 'x' }, { token: agent.token }),
        403,
        'FORBIDDEN',
      );
    });

    it.each(['0', '-1', 'abc', '99999999999', '1.5'])('answers a path id of %j with 404', async (id) => {
      expectError(await t.http.get(`/api/v1/users/${id}`, { token: admin.token }), 404, 'NOT_FOUND');
    });

    it('answers other spellings of a real id with 404, never that user (the fuzzer deactivated one with DELETE /users/+N)', async () => {
      const victim = await makeUser(t);
      const id = victim.user.id;
      for (const spelling of [
        `+${id}`,
        `0${id}`,
        `%20${id}`,
        `${id}%20`,
        `${id}e0`,
        `0x${id.toString(16)}`,
        `${id}.0`,
      ]) {
        expectError(await t.http.get(`/api/v1/users/${spelling}`, { token: admin.token }), 404, 'NOT_FOUND');
        expectError(await t.http.delete(`/api/v1/users/${spelling}`, { token: admin.token }), 404, 'NOT_FOUND');
      }
      const [{ is_active }] = await t.dataSource.query('SELECT is_active FROM users WHERE id = $1', [id]);
      expect(is_active).toBe(true);
    });
  });

  describe('admin CRUD', () => {
    it('creates a user with a role, and the new user can log in', async () => {
      const email = uniqueEmail('new-agent');
      const res = await t.http.post(
        '/api/v1/users',
        { email, password: 'password123', name: 'New Agent', role: 'agent' },
        { token: admin.token },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email, role: 'agent', is_active: true });
      expect((await login(t, email, 'password123')).access_token).toEqual(expect.any(String));
      expectError(
        await t.http.post(
          '/api/v1/users',
          { email, password: 'password123', name: 'Again', role: 'agent' },
          { token: admin.token },
        ),
        409,
        'CONFLICT',
      );
    });

    it('lists with role and q filters and paginates', async () => {
      const marker = `Zyx${Date.now()}`;
      for (let i = 0; i < 3; i++) await makeUser(t, { name: `${marker} ${i}` });
      const page1 = await t.http.get(`/api/v1/users?q=${marker}&role=user&limit=2`, { token: admin.token });
      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ total: 3, total_capped: false, limit: 2, offset: 0, next_offset: 2 });
      expect(page1.body.items).toHaveLength(2);
      const page2 = await t.http.get(`/api/v1/users?q=${marker}&role=user&limit=2&offset=2`, { token: admin.token });
      expect(page2.body).toMatchObject({ total: 3, next_offset: null });
      expect(page2.body.items).toHaveLength(1);
      const none = await t.http.get(`/api/v1/users?q=${marker}&role=agent`, { token: admin.token });
      expect(none.body).toMatchObject({ items: [], total: 0, next_offset: null });
    });

    it('treats % and _ in q literally', async () => {
      const res = await t.http.get('/api/v1/users?q=%25', { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=10001', 'offset'],
      ['offset=-1', 'offset'],
      ['limit=abc', 'limit'],
      ['role=root', 'role'],
      ['bogus=1', 'bogus'],
    ])('rejects ?%s with 400', async (query, field) => {
      const res = await t.http.get(`/api/v1/users?${query}`, { token: admin.token });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details)).toContain(field);
    });

    it('accepts limit=100 and offset=10000', async () => {
      expect((await t.http.get('/api/v1/users?limit=100&offset=10000', { token: admin.token })).status).toBe(200);
    });

    it("changes another user's name, role and is_active", async () => {
      const target = await makeUser(t);
      const res = await t.http.patch(
        `/api/v1/users/${target.user.id}`,
        { name: 'Promoted', role: 'agent' },
        { token: admin.token },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Promoted', role: 'agent' });
      const again = await t.http.patch(`/api/v1/users/${target.user.id}`, { is_active: false }, { token: admin.token });
      expect(again.body.is_active).toBe(false);
      expectError(await t.http.get('/api/v1/auth/me', { token: target.token }), 401, 'UNAUTHENTICATED');
    });

    it('keeps a deactivation made while the user was changing their own profile', async () => {
      const target = await makeUser(t);
      const selfEdits = Array.from({ length: 6 }, (_, i) =>
        t.http.patch(
          `/api/v1/users/${target.user.id}`,
          { name: `racer ${i}`, password: `new-password-${i}`, current_password: target.password },
          { token: target.token },
        ),
      );
      const deactivate = t.http.delete(`/api/v1/users/${target.user.id}`, { token: admin.token });
      const [removed] = await Promise.all([deactivate, ...selfEdits]);
      expect(removed.status).toBe(204);
      const [{ is_active }] = await t.dataSource.query('SELECT is_active FROM users WHERE id = $1', [target.user.id]);
      expect(is_active).toBe(false);
    });

    it('will not let an admin demote or deactivate themselves', async () => {
      const me = await makeAdmin(t);
      expectError(
        await t.http.patch(`/api/v1/users/${me.user.id}`, { role: 'user' }, { token: me.token }),
        422,
        'UNPROCESSABLE',
      );
      expectError(await t.http.delete(`/api/v1/users/${me.user.id}`, { token: me.token }), 422, 'UNPROCESSABLE');
    });

    it("will not set another user's password", async () => {
      const target = await makeUser(t);
      expectError(
        await t.http.patch(
          `/api/v1/users/${target.user.id}`,
          { password: 'newpassword1', current_password: 'x' },
          { token: admin.token },
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('answers 404 for an unknown user', async () => {
      expectError(await t.http.delete('/api/v1/users/99999999', { token: admin.token }), 404, 'NOT_FOUND');
    });
  });

  describe('self service', () => {
    it('renames yourself', async () => {
      const me = await makeUser(t);
      const res = await t.http.patch(`/api/v1/users/${me.user.id}`, { name: 'Renamed' }, { token: me.token });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Renamed');
    });

    it('changes your password only with the current one, and ends your other sessions', async () => {
      const me = await makeUser(t);
      const wrong = await t.http.patch(
        `/api/v1/users/${me.user.id}`,
        { password: 'brand-new-pw', current_password: 'wrong' },
        { token: me.token },
      );
      expectError(wrong, 422, 'UNPROCESSABLE');
      const missing = await t.http.patch(
        `/api/v1/users/${me.user.id}`,
        { password: 'brand-new-pw' },
        { token: me.token },
      );
      expectError(missing, 400, 'VALIDATION_FAILED');
      const ok = await t.http.patch(
        `/api/v1/users/${me.user.id}`,
        { password: 'brand-new-pw', current_password: me.password },
        { token: me.token },
      );
      expect(ok.status).toBe(200);
      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: me.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await login(t, me.email, 'brand-new-pw')).access_token).toEqual(expect.any(String));
    });

    it('rejects null for name, role, is_active and password with 400', async () => {
      const me = await makeUser(t);
      for (const field of ['name', 'password']) {
        expectError(
          await t.http.patch(`/api/v1/users/${me.user.id}`, { [field]: null }, { token: me.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
      for (const field of ['role', 'is_active']) {
        expectError(
          await t.http.patch(`/api/v1/users/${me.user.id}`, { [field]: null }, { token: admin.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('refuses mass assignment of fields that are not listed', async () => {
      const me = await makeUser(t);
      for (const body of [
        { id: 1 },
        { email: 'x@y.z' },
        { created_at: '2020-01-01T00:00:00Z' },
        { password_hash: 'x' },
      ]) {
        expectError(
          await t.http.patch(`/api/v1/users/${me.user.id}`, body, { token: me.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });
  });
});
