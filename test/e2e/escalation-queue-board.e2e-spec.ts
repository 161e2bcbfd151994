// Bull Board at /admin/queues: admins only, by access token (header, or once in the URL → cookie).
import { QUEUE_BOARD_COOKIE } from '../../src/admin/queue-board-auth';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError } from '../support/assertions';
import { startTestApp, TestApp } from '../support/test-app';

describe('queue board (/admin/queues)', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, user] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  // The page, its JSON API, a static asset, and the same API spelled with a %-escape.
  const paths = [
    '/admin/queues',
    '/admin/queues/api/queues',
    '/admin/queues/static/favicon-32x32.png',
    '/admin/%71ueues/api/queues',
  ];

  it.each(paths)('answers 401 to anonymous callers and forged tokens at %s', async (path) => {
    expectError(await t.http.get(path), 401, 'UNAUTHENTICATED');
    expectError(await t.http.get(path, { token: `${admin.token}x` }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.http.get(path, { headers: { cookie: `${QUEUE_BOARD_COOKIE}=not-a-token` } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it.each(paths)('answers 403 to requesters and agents at %s', async (path) => {
    expectError(await t.http.get(path, { token: user.token }), 403, 'FORBIDDEN');
    expectError(await t.http.get(path, { token: agent.token }), 403, 'FORBIDDEN');
  });

  it.each(paths)('lets an admin in at %s', async (path) => {
    expect((await t.http.get(path, { token: admin.token })).status).toBe(200);
  });

  it("refuses the board's actions to everyone but admins (pausing a queue, here)", async () => {
    const pause = '/admin/queues/api/queues/escalation/pause';
    expectError(await t.http.put(pause), 401, 'UNAUTHENTICATED');
    expectError(await t.http.put(pause, undefined, { token: agent.token }), 403, 'FORBIDDEN');
    const board = await t.http.get('/admin/queues/api/queues', { token: admin.token });
    expect(board.body.queues.find((queue: { name: string }) => queue.name === 'escalation').isPaused).toBe(false);
  });

  it('shows an admin the board and both queues', async () => {
    const page = await t.http.get('/admin/queues', { token: admin.token });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await t.http.get('/admin/queues/api/queues', { token: admin.token });
    expect(api.status).toBe(200);
    expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['escalation', 'mail']);
  });

  it('signs a browser in with ?token= once: an HttpOnly cookie, and a redirect that drops the token', async () => {
    const login = await fetch(`${t.baseUrl}/admin/queues/queue/mail?status=failed&token=${admin.token}`, {
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/admin/queues/queue/mail?status=failed');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      new RegExp(`^${QUEUE_BOARD_COOKIE}=[^;]+; Path=/admin/queues; Max-Age=\\d+; HttpOnly; SameSite=Lax$`),
    );

    const pair = cookie.split(';')[0];
    expect((await t.http.get('/admin/queues/api/queues', { headers: { cookie: pair } })).status).toBe(200);
    // The cookie opens the board only: the API wants its Authorization header.
    expectError(await t.http.get('/api/v1/auth/me', { headers: { cookie: pair } }), 401, 'UNAUTHENTICATED');
  });

  it('refuses ?token= of a non-admin without setting a cookie', async () => {
    const res = await fetch(`${t.baseUrl}/admin/queues?token=${agent.token}`, { redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('stops letting a deactivated admin in', async () => {
    const former = await makeAdmin(t);
    expect((await t.http.get('/admin/queues/api/queues', { token: former.token })).status).toBe(200);
    expect((await t.http.delete(`/api/v1/users/${former.user.id}`, { token: admin.token })).status).toBe(204);
    expectError(await t.http.get('/admin/queues/api/queues', { token: former.token }), 401, 'UNAUTHENTICATED');
  });

  it('stops letting an admin in once they logged out, the cookie included', async () => {
    const leaving = await makeAdmin(t);
    const signIn = await fetch(`${t.baseUrl}/admin/queues?token=${leaving.token}`, { redirect: 'manual' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    expect((await t.http.get('/admin/queues/api/queues', { headers: { cookie } })).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/logout', { refresh_token: leaving.refreshToken })).status).toBe(204);
    expectError(await t.http.get('/admin/queues/api/queues', { token: leaving.token }), 401, 'UNAUTHENTICATED');
    expectError(await t.http.get('/admin/queues/api/queues', { headers: { cookie } }), 401, 'UNAUTHENTICATED');
  });
});
