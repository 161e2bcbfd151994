// Authentication: register, login, tokens and their attacks, refresh rotation and reuse detection.
import { expectError } from '../support/assertions';
import { login, makeAdmin, makeUser, uniqueEmail } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { sessionIdOf, signTestToken, tokenSegment, unsignedTestToken } from '../support/tokens';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('register, login, me, refresh, logout', () => {
    it('walks the happy path end to end', async () => {
      const email = uniqueEmail('Jane');
      const reg = await t.http.post('/api/v1/auth/register', {
        email: email.toUpperCase(),
        password: 'correct horse',
        name: ' Jane ',
      });
      expect(reg.status).toBe(201);
      expect(reg.body).toEqual({
        id: expect.any(Number),
        email: email.toLowerCase(),
        name: 'Jane',
        role: 'user',
        is_active: true,
        email_verified_at: null,
        created_at: expect.stringMatching(/Z$/),
      });
      expect(reg.text).not.toMatch(/hash|argon/i);

      const tokens = await t.http.post('/api/v1/auth/login', { email, password: 'correct horse' });
      expect(tokens.status).toBe(200);
      expect(tokens.body).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
      });

      const me = await t.http.get('/api/v1/auth/me', { token: tokens.body.access_token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(reg.body.id);

      // The older "JWT" scheme word is accepted too.
      const legacy = await t.http.get('/api/v1/auth/me', {
        headers: { authorization: `JWT ${tokens.body.access_token}` },
      });
      expect(legacy.status).toBe(200);

      const refreshed = await t.http.post('/api/v1/auth/refresh', { refresh_token: tokens.body.refresh_token });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
      expect((await t.http.get('/api/v1/auth/me', { token: refreshed.body.access_token })).status).toBe(200);

      const logout = await t.http.post('/api/v1/auth/logout', { refresh_token: refreshed.body.refresh_token });
      expect(logout.status).toBe(204);
      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: refreshed.body.refresh_token }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('refuses a taken email in any letter case with 409 CONFLICT', async () => {
      const { email } = await makeUser(t);
      const res = await t.http.post('/api/v1/auth/register', {
        email: email.toUpperCase(),
        password: 'password123',
        name: 'Dup',
      });
      expectError(res, 409, 'CONFLICT');
    });

    it('refuses a role other than "user" at register with 403 and creates nothing', async () => {
      const email = uniqueEmail();
      for (const role of ['admin', 'agent', 'superuser']) {
        expectError(
          await t.http.post('/api/v1/auth/register', { email, password: 'password123', name: 'X', role }),
          403,
          'FORBIDDEN',
        );
      }
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      expect(n).toBe(0);
      const asUser = await t.http.post('/api/v1/auth/register', {
        email,
        password: 'password123',
        name: 'X',
        role: 'user',
      });
      expect(asUser.status).toBe(201);
      expect(asUser.body.role).toBe('user');
    });

    it('rejects unknown fields and bad values with 400 naming each field', async () => {
      const res = await t.http.post('/api/v1/auth/register', {
        email: 'not-an-email',
        password: 'short',
        name: '',
        is_active: false,
        id: 1,
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details).sort()).toEqual(['email', 'id', 'is_active', 'name', 'password']);
      expect(res.body.error.details.is_active).toEqual(['is not an allowed field']);
    });

    it('refuses an unpaired surrogate in an email with 400 on every email route (was a 500 from the email validator)', async () => {
      // Found by the fuzzer: IsEmail percent-encodes its input, and encodeURI throws on "\ud800".
      const email = '\ud800@example.com';
      for (const [path, body] of [
        ['/api/v1/auth/register', { email, password: 'password123', name: 'S' }],
        ['/api/v1/auth/login', { email, password: 'password123' }],
        ['/api/v1/auth/password-reset', { email }],
        ['/api/v1/auth/verify-email', { email }],
        ['/api/v1/auth/verify-email/confirm', { email, code: '123456' }],
      ] as const) {
        const res = await t.http.post(path, body);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.message).toMatch(/valid Unicode/);
      }
    });

    it('rejects wrong types and a non-object body with 400', async () => {
      expectError(await t.http.post('/api/v1/auth/login', { email: ['a@b.c'], password: 5 }), 400, 'VALIDATION_FAILED');
      expectError(await t.http.post('/api/v1/auth/login', [1, 2]), 400, 'VALIDATION_FAILED');
      expectError(await t.http.post('/api/v1/auth/login', undefined, { raw: '{"email": ' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('login failures', () => {
    it('gives unknown email and wrong password the identical 401', async () => {
      const { email } = await makeUser(t);
      const wrong = await t.http.post('/api/v1/auth/login', { email, password: 'not-the-password' });
      const unknown = await t.http.post('/api/v1/auth/login', {
        email: uniqueEmail('ghost'),
        password: 'not-the-password',
      });
      expectError(wrong, 401, 'UNAUTHENTICATED');
      expectError(unknown, 401, 'UNAUTHENTICATED');
      const strip = (body: any) => ({ ...body.error, request_id: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
    });
  });

  describe('access tokens', () => {
    let userId: number;
    let sid: string;
    beforeAll(async () => {
      const user = await makeUser(t);
      userId = user.user.id;
      sid = sessionIdOf(user.token);
    });
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts a well-formed token of a live session signed with our secret', async () => {
      const token = signTestToken({ sub: userId, role: 'user', sid, jti: 'x', exp: now() + 60 });
      expect((await t.http.get('/api/v1/auth/me', { token })).status).toBe(200);
    });

    it.each([
      ['no session id (issued before tokens were bound to sessions)', () => ({})],
      ['a session id that is not a uuid', () => ({ sid: 'not-a-session' })],
      ['a session id that does not exist', () => ({ sid: '0b6c2f8e-4a51-4c8e-9d2f-6c3b1a7e5d90' })],
    ])('rejects a correctly signed token with %s with 401', async (_name, claims) => {
      const token = signTestToken({ sub: userId, role: 'user', jti: 'x', exp: now() + 60, ...claims() });
      expectError(await t.http.get('/api/v1/auth/me', { token }), 401, 'UNAUTHENTICATED');
    });

    it("rejects a token naming another user's live session with 401", async () => {
      const other = await makeUser(t);
      const token = signTestToken({
        sub: userId,
        role: 'user',
        sid: sessionIdOf(other.token),
        jti: 'x',
        exp: now() + 60,
      });
      expectError(await t.http.get('/api/v1/auth/me', { token }), 401, 'UNAUTHENTICATED');
    });

    it.each([
      ['no token', undefined],
      ['garbage', 'not.a.jwt'],
      ['an expired token', () => signTestToken({ sub: userId, role: 'user', sid, jti: 'x', exp: now() - 10 })],
      [
        'another secret',
        () =>
          signTestToken(
            { sub: userId, role: 'admin', sid, jti: 'x', exp: now() + 60 },
            { secret: 'another-secret-another-secret-another' },
          ),
      ],
      [
        'a tampered payload',
        () => {
          const [h, , s] = signTestToken({ sub: userId, role: 'user', sid, jti: 'x', exp: now() + 60 }).split('.');
          return `${h}.${tokenSegment({ sub: userId, role: 'admin', sid, jti: 'x', exp: now() + 60 })}.${s}`;
        },
      ],
      ['alg none', () => unsignedTestToken({ sub: userId, role: 'admin', sid, exp: now() + 60 })],
      [
        'HS512 with our secret',
        () => signTestToken({ sub: userId, role: 'user', sid, exp: now() + 60 }, { header: { alg: 'HS512' } }),
      ],
      [
        'a user that does not exist',
        () => signTestToken({ sub: 99_999_999, role: 'admin', sid, jti: 'x', exp: now() + 60 }),
      ],
    ])('rejects %s with 401', async (_name, make) => {
      const token = typeof make === 'function' ? make() : make;
      expectError(await t.http.get('/api/v1/auth/me', { token }), 401, 'UNAUTHENTICATED');
    });

    it('rejects a token with a wrong scheme word', async () => {
      const { token } = await makeUser(t);
      expectError(
        await t.http.get('/api/v1/auth/me', { headers: { authorization: `Basic ${token}` } }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('refresh rotation', () => {
    it('revokes the whole login session when a rotated token is presented again', async () => {
      const { email, password } = await makeUser(t);
      const first = await login(t, email, password);
      const other = await login(t, email, password); // a second, unrelated login session
      const second = (await t.http.post('/api/v1/auth/refresh', { refresh_token: first.refresh_token })).body;

      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: first.refresh_token }),
        401,
        'UNAUTHENTICATED',
      );
      // The thief's replay killed the legitimate successor too...
      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: second.refresh_token }),
        401,
        'UNAUTHENTICATED',
      );
      // ...but not the user's other session.
      expect((await t.http.post('/api/v1/auth/refresh', { refresh_token: other.refresh_token })).status).toBe(200);
    });

    it('lets exactly one of many concurrent refreshes with one token succeed', async () => {
      const { refreshToken } = await makeUser(t);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/api/v1/auth/refresh', { refresh_token: refreshToken })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401)).toHaveLength(9);
    });

    it('answers an unknown refresh token with 401 and logout with 204 regardless', async () => {
      expectError(await t.http.post('/api/v1/auth/refresh', { refresh_token: 'nope' }), 401, 'UNAUTHENTICATED');
      expect((await t.http.post('/api/v1/auth/logout', { refresh_token: 'nope' })).status).toBe(204);
    });
  });

  describe('deactivation', () => {
    it("stops a deactivated user's access token at the next request and revokes their sessions", async () => {
      const admin = await makeAdmin(t);
      const victim = await makeUser(t);
      expect((await t.http.get('/api/v1/auth/me', { token: victim.token })).status).toBe(200);

      expect((await t.http.delete(`/api/v1/users/${victim.user.id}`, { token: admin.token })).status).toBe(204);

      expectError(await t.http.get('/api/v1/auth/me', { token: victim.token }), 401, 'UNAUTHENTICATED');
      expectError(
        await t.http.post('/api/v1/auth/refresh', { refresh_token: victim.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await t.http.post('/api/v1/auth/login', { email: victim.email, password: victim.password }),
        401,
        'UNAUTHENTICATED',
      );
      const [{ is_active }] = await t.dataSource.query('SELECT is_active FROM users WHERE id = $1', [victim.user.id]);
      expect(is_active).toBe(false);
    });
  });
});
