// Health goes 503 when Postgres or Redis disappears and recovers by itself when they return.
// Each dependency is reached through a proxy we can cut, so the shared servers stay up.
import { expectError, waitFor } from '../support/assertions';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { createTestDatabase, startTestApp, TestApp } from '../support/test-app';
import { PG_ADMIN_URL, REDIS_URL } from '../support/test-env';

describe('health with dependencies going away', () => {
  const pgProxy = new TcpProxy('127.0.0.1', Number(new URL(PG_ADMIN_URL).port || 5432));
  const redisProxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL).port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const pgPort = await pgProxy.start();
    const redisPort = await redisProxy.start();
    t = await startTestApp({
      databaseUrl: urlThroughProxy(await createTestDatabase(), pgPort),
      env: { REDIS_URL: urlThroughProxy(REDIS_URL, redisPort) },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([pgProxy.stop(), redisProxy.stop()]);
  });

  const up = async () => (await t.http.get('/api/health')).status === 200;

  it('answers 503 naming Redis when Redis is down, then recovers', async () => {
    expect(await up()).toBe(true);
    await redisProxy.stop();
    const started = Date.now();
    const res = await t.http.get('/api/health');
    expect(Date.now() - started).toBeLessThan(3_000);
    expectError(res, 503, 'UNAVAILABLE');
    expect(res.body.error.details).toEqual({ database: { status: 'up' }, redis: { status: 'down' } });
    await redisProxy.start();
    await waitFor(up);
  });

  it('answers 503 naming the database when Postgres is down, then recovers', async () => {
    await pgProxy.stop();
    const started = Date.now();
    const res = await t.http.get('/api/health');
    expect(Date.now() - started).toBeLessThan(3_000);
    expectError(res, 503, 'UNAVAILABLE');
    expect(res.body.error.details).toEqual({ database: { status: 'down' }, redis: { status: 'up' } });
    await pgProxy.start();
    await waitFor(up);
  });
});
