// Failed-login budgets: a stranger guessing an owner's password is slowed down without locking the
// owner out. Client IPs come from X-Forwarded-For (one trusted proxy hop).
import { expectError } from '../support/assertions';
import { makeUser, TestUser } from '../factories/users';
import { PasswordHasher } from '../../src/users/password-hasher';
import { startTestApp, TestApp } from '../support/test-app';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { REDIS_URL } from '../support/test-env';

describe('login budgets', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The contract's budgets. The per-IP limit of all attempts stays with the rate limiter
    // (test/e2e/rate-limit.e2e-spec.ts); here it is far away, as testEnv leaves it.
    t = await startTestApp({
      env: {
        TRUST_PROXY_HOPS: '1',
        LOGIN_FAILURES_PER_IP_PER_MINUTE: '10',
        LOGIN_FAILURES_PER_ACCOUNT: '50',
        LOGIN_FAILURES_WINDOW: '15m',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (user: TestUser, ip: string, password = 'wrong-password') =>
    t.http.post('/api/v1/auth/login', { email: user.email, password }, { headers: { 'x-forwarded-for': ip } });

  it('refuses an attacker after 10 failures from one IP while the owner logs in from another', async () => {
    const owner = await makeUser(t);
    for (let i = 0; i < 10; i++) expectError(await login(owner, '203.0.113.10'), 401, 'UNAUTHENTICATED');

    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    try {
      const refused = await login(owner, '203.0.113.10', owner.password);
      expectError(refused, 429, 'RATE_LIMIT');
      expect(refused.body.error.details.scope).toBe('login-email-ip');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Refused before the password was looked at: a locked pair costs no argon2.
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }

    const ok = await login(owner, '198.51.100.20', owner.password);
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toEqual(expect.any(String));
  });

  it('counts failures per email and IP: the same IP may still try another account', async () => {
    const [victim, other] = [await makeUser(t), await makeUser(t)];
    for (let i = 0; i < 10; i++) expectError(await login(victim, '203.0.113.11'), 401, 'UNAUTHENTICATED');
    expectError(await login(victim, '203.0.113.11'), 429, 'RATE_LIMIT');
    expect((await login(other, '203.0.113.11', other.password)).status).toBe(200);
  });

  it('after 50 failures from many IPs, lets in only IPs that logged into the account before', async () => {
    const owner = await makeUser(t);
    expect((await login(owner, '198.51.100.30', owner.password)).status).toBe(200);

    // 5 attackers × 10 failures, each pair within its own budget.
    for (let n = 1; n <= 5; n++) {
      for (let i = 0; i < 10; i++) expectError(await login(owner, `192.0.2.${n}`), 401, 'UNAUTHENTICATED');
    }

    // A new address is refused, even with the right password (which it is not asked for).
    const stranger = await login(owner, '192.0.2.200', owner.password);
    expectError(stranger, 429, 'RATE_LIMIT');
    expect(stranger.body.error.details.scope).toBe('login-account');
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(60);

    // The owner's known address still gets in.
    const ok = await login(owner, '198.51.100.30', owner.password);
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toEqual(expect.any(String));
  });

  it('forgives a pair its typos once it logs in', async () => {
    const owner = await makeUser(t);
    for (let i = 0; i < 9; i++) expectError(await login(owner, '198.51.100.40'), 401, 'UNAUTHENTICATED');
    expect((await login(owner, '198.51.100.40', owner.password)).status).toBe(200);
    for (let i = 0; i < 10; i++) expectError(await login(owner, '198.51.100.40'), 401, 'UNAUTHENTICATED');
    expectError(await login(owner, '198.51.100.40'), 429, 'RATE_LIMIT');
  });
});

describe('login budgets without Redis', () => {
  it('fail open: logins are checked and answered while Redis is down', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL).port || 6379));
    const port = await proxy.start();
    const t = await startTestApp({
      env: { REDIS_URL: urlThroughProxy(REDIS_URL, port), LOGIN_FAILURES_PER_IP_PER_MINUTE: '2' },
    });
    try {
      const owner = await makeUser(t);
      await proxy.stop();
      const attempt = (password: string) => t.http.post('/api/v1/auth/login', { email: owner.email, password });
      for (let i = 0; i < 3; i++) expectError(await attempt('wrong-password'), 401, 'UNAUTHENTICATED');
      expect((await attempt(owner.password)).status).toBe(200);
    } finally {
      await t.close();
      await proxy.stop();
    }
  });
});
