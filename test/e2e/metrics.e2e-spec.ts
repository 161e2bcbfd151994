// GET /metrics: off without METRICS_TOKEN, Bearer-protected with it, never rate limited; request
// histograms by route template, pool, queue and outbox gauges, process metrics. And the worker
// process's own metrics port (METRICS_PORT), where the SLA sweep durations are recorded.
import { makeTicket } from '../factories/tickets';
import { makeAgent, makeUser } from '../factories/users';
import { makeWebhook } from '../factories/webhooks';
import { expectError, waitFor } from '../support/assertions';
import { FAST_WORKER_ENV } from '../support/escalation';
import { NotificationsClient } from '../support/notifications-client';
import { freePort, Spawned, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp, testEnv } from '../support/test-app';
import { answer, startReceiver } from '../support/webhook-receiver';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let off: TestApp;
  let t: TestApp;

  beforeAll(async () => {
    [off, t] = await Promise.all([
      startTestApp(),
      // One request a minute for /api/v1: the scrapes below would be refused if they counted.
      startTestApp({ env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '1' } }),
    ]);
  });
  afterAll(async () => {
    await off.close();
    await t.close();
  });

  const scrape = () => t.http.get('/metrics', { token: TOKEN });

  it('is off (404, as any unknown path) when METRICS_TOKEN is unset', async () => {
    expectError(await off.http.get('/metrics', { token: TOKEN }), 404, 'NOT_FOUND');
  });

  it('answers 401 in the error shape without the token or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await t.http.get('/metrics', { headers });
      expectError(res, 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('serves the Prometheus text format, never rate limited', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await scrape();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
    // A scrape task that times out (2 s) on a loaded machine leaves its gauges out of that scrape
    // (and counts a scrape error): wait for one scrape with every gauge rather than demand the first.
    const gauges = (text: string) => ({
      pool: sample(text, 'helpdesk_db_pool_connections'),
      queues: ['mail', 'escalation', 'webhook'].flatMap((queue) =>
        ['waiting', 'active', 'delayed', 'failed'].map((state) =>
          sample(text, `helpdesk_queue_jobs{queue="${queue}",state="${state}"}`),
        ),
      ),
    });
    let text = '';
    await waitFor(async () => {
      text = (await scrape()).text;
      return gauges(text).queues.every((value) => typeof value === 'number');
    });
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(gauges(text).pool).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'helpdesk_db_pool_waiting_clients')).toBe(0);
    expect(sample(text, 'helpdesk_websocket_connections')).toBe(0);
    expect(gauges(text).queues).toEqual(Array(12).fill(expect.any(Number)));
  });

  it('labels request durations by route template, method and status, never by the raw URL', async () => {
    const agent = await makeAgent(t);
    await scrape(); // recorded once answered: the next scrape shows it
    // The rate limit (1 a minute) refuses one of these: 429 is a status like any other.
    await t.http.get('/api/v1/tickets/987654', { token: agent.token });
    await t.http.get('/api/v1/tickets/987655', { token: agent.token });
    await t.http.get('/no/such/path/12345');
    const text = (await scrape()).text;
    // Whatever each answered (404, or 429 once the budget is spent), both count under the template.
    const perStatus = text
      .split('\n')
      .filter((line) =>
        line.startsWith('helpdesk_http_request_duration_seconds_count{method="GET",route="/api/v1/tickets/:id",'),
      );
    expect(perStatus.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0)).toBe(2);
    expect(
      sample(text, 'helpdesk_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}'),
    ).toBe(1);
    expect(text).toMatch(/helpdesk_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/metrics"/);
    expect(text).not.toContain('987654');
    expect(text).not.toContain('12345');
  });

  it('reports the outbox backlog and the age of its oldest row', async () => {
    await t.dataSource.query(
      `INSERT INTO outbox (kind, payload, dedupe_key, send_before, created_at)
       VALUES ('mail', '{"to":"a@example.test","subject":"s","text":"t"}', 'metrics-test', now() + interval '1 day',
               now() - interval '90 seconds')`,
    );
    const text = (await scrape()).text;
    expect(sample(text, 'helpdesk_outbox_backlog_rows{outbox="mail"}')).toBe(1);
    expect(sample(text, 'helpdesk_outbox_oldest_age_seconds{outbox="mail"}')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'helpdesk_outbox_backlog_rows{outbox="webhook"}')).toBe(0);
    expect(sample(text, 'helpdesk_outbox_oldest_age_seconds{outbox="webhook"}')).toBe(0);
  });
});

describe('metrics recorded as the app works (workers in the API process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      workers: true,
      env: { ...FAST_WORKER_ENV, METRICS_TOKEN: TOKEN, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
    });
  });
  afterAll(() => t.close());

  const scraped = async () => (await t.http.get('/metrics', { token: TOKEN })).text;

  it('counts open WebSockets', async () => {
    const agent = await makeAgent(t);
    const socket = await NotificationsClient.connect(t.baseUrl, { token: agent.token });
    await waitFor(async () => sample(await scraped(), 'helpdesk_websocket_connections') === 1);
    socket.close();
    await waitFor(async () => sample(await scraped(), 'helpdesk_websocket_connections') === 0);
  });

  it('counts webhook delivery failures, final when the receiver answers 410 Gone', async () => {
    const receiver = await startReceiver(answer(410));
    try {
      await makeWebhook(t, { url: receiver.url, events: ['ticket.created'] });
      await makeTicket(t, await makeUser(t));
      await waitFor(
        async () => sample(await scraped(), 'helpdesk_webhook_delivery_failures_total{final="true"}') === 1,
      );
    } finally {
      await receiver.close();
    }
  });

  it('records SLA sweep durations where the sweep runs', async () => {
    await waitFor(
      async () => (sample(await scraped(), 'helpdesk_sla_sweep_duration_seconds_count{outcome="ok"}') ?? 0) >= 1,
    );
  });
});

describe('the worker process metrics port', () => {
  let worker: Spawned | undefined;
  afterAll(() => {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
  });

  it('serves the worker metrics, SLA sweep durations included, behind the same token', async () => {
    const port = await freePort();
    const env = testEnv({
      databaseUrl: await createTestDatabase(),
      redisKeyPrefix: newRedisKeyPrefix(),
      env: {
        ...FAST_WORKER_ENV,
        METRICS_TOKEN: TOKEN,
        METRICS_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
    });
    worker = spawnEntry('worker', env);
    await worker.waitForOutput(/Worker started/, 60_000);
    const url = `http://127.0.0.1:${port}/metrics`;
    const refused = await fetch(url);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect(
      (await fetch(`http://127.0.0.1:${port}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
    let swept = '';
    await waitFor(async () => {
      const text = await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      swept = text;
      return (sample(text, 'helpdesk_sla_sweep_duration_seconds_count{outcome="ok"}') ?? 0) >= 1;
    });
    expect(sample(swept, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(swept, 'helpdesk_db_pool_connections')).toBeGreaterThanOrEqual(1);
    // Deployment-wide gauges are the API's to report, once.
    expect(swept).not.toContain('helpdesk_queue_jobs{');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });
});
