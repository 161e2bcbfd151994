// The orchestrator's probes beside /api/health: live (the process answers) and ready (Postgres and
// Redis reachable, and not draining). Redis is reached through a proxy we can cut.
import { markShuttingDown } from '../../src/common/shutdown-state';
import { expectError, waitFor } from '../support/assertions';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { REDIS_URL } from '../support/test-env';

describe('liveness and readiness probes', () => {
  const redisProxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL).port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const redisPort = await redisProxy.start();
    t = await startTestApp({ env: { REDIS_URL: urlThroughProxy(REDIS_URL, redisPort) } });
  });
  afterAll(async () => {
    await t.close();
    await redisProxy.stop();
  });

  it('answers live and ready with 200 when everything is up, unauthenticated', async () => {
    const live = await t.http.get('/api/health/live');
    expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);
    const ready = await t.http.get('/api/health/ready');
    expect([ready.status, ready.body]).toEqual([
      200,
      { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } },
    ]);
    expect(ready.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('is not ready while Redis is down, yet stays live; ready again when Redis is back', async () => {
    await redisProxy.stop();
    const ready = await t.http.get('/api/health/ready');
    expectError(ready, 503, 'UNAVAILABLE');
    expect(ready.body.error.details).toEqual({ database: { status: 'up' }, redis: { status: 'down' } });
    const live = await t.http.get('/api/health/live');
    expect(live.status).toBe(200);
    await redisProxy.start();
    await waitFor(async () => (await t.http.get('/api/health/ready')).status === 200);
  });

  // Last: the flag is the process's (what the SIGTERM handler of src/shutdown.ts sets), never reset.
  it('is not ready once draining after SIGTERM, while live and the original /api/health keep their answers', async () => {
    markShuttingDown();
    const ready = await t.http.get('/api/health/ready');
    expectError(ready, 503, 'UNAVAILABLE');
    expect(ready.body.error.message).toBe('Shutting down');
    expect(ready.headers.get('connection')).toBe('close');
    expect((await t.http.get('/api/health/live')).status).toBe(200);
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});
