// Rate limits are shared by every instance through Redis, per user (per IP when anonymous), with
// an extra login budget per IP; decided before the body is read; they fail open when Redis is away.
import { request as httpRequest } from 'node:http';
import { expectError, waitFor } from '../support/assertions';
import { makeUser, TestUser } from '../factories/users';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { REDIS_URL } from '../support/test-env';

describe('rate limiting', () => {
  let a: TestApp;
  let b: TestApp;
  let user: TestUser;
  const limits = { RATE_LIMIT_PER_MINUTE: '5', LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY_HOPS: '1' };

  beforeAll(async () => {
    // The user is made on an unlimited instance so logging in does not spend the budgets under test.
    // (It is made first: passport's strategy registry is process-wide, so the last app booted serves all.)
    const setup = await startTestApp();
    user = await makeUser(setup);
    await setup.close();
    // Two instances of one deployment: same database, same Redis namespace.
    a = await startTestApp({ databaseUrl: setup.databaseUrl, env: limits });
    b = await startTestApp({ databaseUrl: a.databaseUrl, redisKeyPrefix: a.redisKeyPrefix, env: limits });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const me = (app: TestApp, headers: Record<string, string> = {}) =>
    app.http.get('/api/v1/auth/me', { token: user.token, headers });

  it('counts one budget per user across instances and answers 429 with Retry-After past it', async () => {
    const remaining: string[] = [];
    for (const app of [a, a, b, a, b]) {
      const res = await me(app);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const blocked = await me(b);
    expectError(blocked, 429, 'RATE_LIMIT');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(blocked.headers.get('ratelimit-remaining')).toBe('0');
    // Another IP does not help an authenticated user: the budget is the user's.
    expectError(await me(a, { 'x-forwarded-for': '203.0.113.77' }), 429, 'RATE_LIMIT');
  });

  it('counts anonymous callers per IP', async () => {
    const from = (ip: string) =>
      a.http.post('/api/v1/auth/password-reset', { email: 'x@example.test' }, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.1')).status).toBe(202);
    expectError(await from('198.51.100.1'), 429, 'RATE_LIMIT');
    expect((await from('198.51.100.2')).status).toBe(202);
  });

  it('counts a %-escaped spelling of a route like the route itself', async () => {
    const sneaky = (n: number) =>
      a.http.post(
        '/api/%761/auth/login',
        { email: `escaped${n}@example.test`, password: 'x' },
        { headers: { 'x-forwarded-for': '192.0.2.50' } },
      );
    for (let n = 0; n < 3; n++) expectError(await sneaky(n), 401, 'UNAUTHENTICATED');
    const blocked = await sneaky(3);
    expectError(blocked, 429, 'RATE_LIMIT');
    expect(blocked.body.error.details.scope).toBe('login-ip');
    expect(blocked.headers.get('ratelimit-limit')).toBe('5');
  });

  it('limits logins per IP, whatever the email', async () => {
    const attempt = (n: number) =>
      a.http.post(
        '/api/v1/auth/login',
        { email: `nobody${n}@example.test`, password: 'x' },
        { headers: { 'x-forwarded-for': '192.0.2.99' } },
      );
    for (let n = 0; n < 3; n++) expectError(await attempt(n), 401, 'UNAUTHENTICATED');
    const blocked = await attempt(3);
    expectError(blocked, 429, 'RATE_LIMIT');
    expect(blocked.body.error.details.scope).toBe('login-ip');
  });

  it('refuses a caller past the budget before reading the body', async () => {
    const ip = '198.51.100.200';
    for (let i = 0; i < 5; i++) {
      const res = await a.http.post(
        '/api/v1/auth/password-reset',
        { email: 'x@example.test' },
        { headers: { 'x-forwarded-for': ip } },
      );
      expect(res.status).toBe(202);
    }
    // Headers announce 200 kB, and only the first bytes ever arrive: the answer cannot wait for the body.
    const url = new URL(a.baseUrl);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/v1/auth/password-reset',
          headers: { 'content-type': 'application/json', 'content-length': 200_000, 'x-forwarded-for': ip },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
            req.destroy(); // the rest of the body is never sent
          });
        },
      );
      req.setTimeout(5_000, () => req.destroy(new Error('no answer within 5 s: the body was waited for')));
      req.on('error', reject);
      req.write('{"email": "');
    });
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body).error.code).toBe('RATE_LIMIT');
  });

  it('never limits health, docs or /.well-known', async () => {
    for (let i = 0; i < 8; i++) {
      for (const path of ['/api/health', '/docs-json', '/.well-known/hackathon.json']) {
        const res = await a.http.get(path, { headers: { 'x-forwarded-for': '203.0.113.5' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit-limit')).toBeNull();
      }
    }
  });
});

describe('rate limiting without Redis', () => {
  it('fails open: the API keeps serving while Redis is down, and health says so', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL).port || 6379));
    const port = await proxy.start();
    const t = await startTestApp({ env: { REDIS_URL: urlThroughProxy(REDIS_URL, port), RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const user = await makeUser(t);
      await proxy.stop();
      for (let i = 0; i < 5; i++) {
        expect((await t.http.get('/api/v1/auth/me', { token: user.token })).status).toBe(200);
      }
      const health = await t.http.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body.error.details.redis).toEqual({ status: 'down' });
      await proxy.start();
      await waitFor(async () => (await t.http.get('/api/health')).status === 200);
    } finally {
      await t.close();
      await proxy.stop();
    }
  });
});
