// Login sessions end everywhere at once: logout, password reset and change, and refresh-token reuse
// stop the session's access tokens (401) and close its sockets (4401) on every instance, well before
// the session cache's TTL, through the Redis accounts channel. Two instances share the database and Redis.
import { AccountTokensService } from '../../src/auth/account-tokens.service';
import { login, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { NotificationsClient } from '../support/notifications-client';
import { startTestApp, TestApp } from '../support/test-app';
import { signTestToken } from '../support/tokens';

/**
 * The contract's "at once on every instance": the accounts message, not a cache expiry. It takes
 * milliseconds; the bound is half the 5 s cache TTL, so a loaded CI machine cannot fail it while a
 * missing message (waiting out the TTL) still does.
 */
const WITHIN_MS = 2_500;

describe('login sessions', () => {
  let a: TestApp;
  let b: TestApp;
  const clients: NotificationsClient[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    // Booted last, closed last: passport's process-wide registry serves both apps with B's strategy.
    b = await startTestApp({ databaseUrl: a.databaseUrl, redisKeyPrefix: a.redisKeyPrefix });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await a.close();
    await b.close();
  });

  const me = (t: TestApp, token: string) => t.http.get('/api/v1/auth/me', { token });
  const connect = async (t: TestApp, token: string) => {
    const client = await NotificationsClient.connect(t.baseUrl, { token });
    clients.push(client);
    return client;
  };
  /** B has the session cached as live (a request and an open socket), so only an eviction can end it there. */
  const inUseOnB = async (token: string) => {
    expect((await me(b, token)).status).toBe(200);
    return connect(b, token);
  };
  const refusedOnB = (token: string) =>
    waitFor(async () => (await me(b, token)).status === 401, { timeoutMs: WITHIN_MS, intervalMs: 20 });
  const closedWith4401 = async (client: NotificationsClient) =>
    expect(await client.waitForClose(WITHIN_MS)).toEqual({ code: 4401, reason: 'unauthorized' });

  it('logout on A refuses the access token on B at once and closes its socket there (4401)', async () => {
    const user = await makeUser(a);
    const other = await login(a, user.email, user.password); // another session of the same user
    const socket = await inUseOnB(user.token);
    const otherSocket = await inUseOnB(other.access_token);

    expect((await a.http.post('/api/v1/auth/logout', { refresh_token: user.refreshToken })).status).toBe(204);

    await Promise.all([refusedOnB(user.token), closedWith4401(socket)]);
    expectError(await me(a, user.token), 401, 'UNAUTHENTICATED');
    expectError(
      await b.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken }),
      401,
      'UNAUTHENTICATED',
    );
    // Only that session ended.
    expect((await me(b, other.access_token)).status).toBe(200);
    expect(otherSocket.closed).toBeUndefined();
  });

  it('keeps the session alive across refreshes: the old and the new access token both work', async () => {
    const user = await makeUser(a);
    const refreshed = await a.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await me(b, user.token)).status).toBe(200);
    expect((await me(b, refreshed.body.access_token)).status).toBe(200);
    // Logging out with the newest refresh token ends the access tokens of the whole session.
    await a.http.post('/api/v1/auth/logout', { refresh_token: refreshed.body.refresh_token });
    await Promise.all([refusedOnB(user.token), refusedOnB(refreshed.body.access_token)]);
  });

  it('password reset confirm on A ends every session of the user on B (tokens and sockets)', async () => {
    const user = await makeUser(a);
    const second = await login(a, user.email, user.password);
    const sockets = [await inUseOnB(user.token), await inUseOnB(second.access_token)];
    const bystander = await makeUser(a);
    expect((await me(b, bystander.token)).status).toBe(200);

    const token = await a.app.get(AccountTokensService).createResetToken(user.user.id);
    const confirm = await a.http.post('/api/v1/auth/password-reset/confirm', { token, password: 'a-new-password-1' });
    expect(confirm.status).toBe(204);

    await Promise.all([refusedOnB(user.token), refusedOnB(second.access_token), ...sockets.map(closedWith4401)]);
    expect((await me(b, bystander.token)).status).toBe(200);
    // A new login with the new password starts a session that works everywhere.
    const fresh = await login(a, user.email, 'a-new-password-1');
    expect((await me(b, fresh.access_token)).status).toBe(200);
  });

  it('a password change on A ends every session of the user on B (tokens and sockets)', async () => {
    const user = await makeUser(a);
    const second = await login(a, user.email, user.password);
    const sockets = [await inUseOnB(user.token), await inUseOnB(second.access_token)];

    const res = await a.http.patch(
      `/api/v1/users/${user.user.id}`,
      { password: 'another-new-password', current_password: user.password },
      { token: user.token },
    );
    expect(res.status).toBe(200);

    await Promise.all([refusedOnB(user.token), refusedOnB(second.access_token), ...sockets.map(closedWith4401)]);
  });

  it("a refresh-token reuse on A ends that session's access tokens on B, and only that session", async () => {
    const user: TestUser = await makeUser(a);
    const other = await login(a, user.email, user.password);
    const socket = await inUseOnB(user.token);
    expect((await me(b, other.access_token)).status).toBe(200);

    const rotated = await a.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken });
    expect(rotated.status).toBe(200);
    expect((await me(b, rotated.body.access_token)).status).toBe(200);
    // The rotated token comes back: stolen or replayed.
    expectError(
      await a.http.post('/api/v1/auth/refresh', { refresh_token: user.refreshToken }),
      401,
      'UNAUTHENTICATED',
    );

    await Promise.all([refusedOnB(user.token), refusedOnB(rotated.body.access_token), closedWith4401(socket)]);
    expect((await me(b, other.access_token)).status).toBe(200);
  });

  it('refuses a correctly signed access token that names no session (issued before sessions were bound)', async () => {
    const user = await makeUser(a);
    const now = Math.floor(Date.now() / 1000);
    const legacy = signTestToken({ sub: user.user.id, role: 'user', jti: 'x', exp: now + 60 });
    expectError(await me(b, legacy), 401, 'UNAUTHENTICATED');
    const socket = await NotificationsClient.connect(b.baseUrl, { token: legacy });
    clients.push(socket);
    expect(await socket.waitForClose()).toEqual({ code: 4401, reason: 'unauthorized' });
  });
});
