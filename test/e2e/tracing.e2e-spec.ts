// OpenTelemetry: the built API (`node dist/main.js`) exports its spans over OTLP (protobuf over
// HTTP) to OTEL_EXPORTER_OTLP_ENDPOINT, here a collector stand-in inside the test, and its log
// lines carry the trace id. Without an endpoint, nothing of OpenTelemetry is even loaded.
import { spawnSync } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { webhookConfigFromEnv } from '../../src/config/webhook.config';
import { encryptSecret, generateSecret } from '../../src/webhooks/webhook-secrets';
import { waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { freePort, Spawned, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, testEnv } from '../support/test-app';
import { startReceiver, WebhookReceiver } from '../support/webhook-receiver';

interface Export {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

describe('tracing', () => {
  const exports: Export[] = [];
  let collector: Server;
  let api: Spawned | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        exports.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await receiver?.close();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('exports the HTTP request and its pg query as spans, and logs the trace id', async () => {
    const port = await freePort();
    const databaseUrl = await createTestDatabase();
    const env = testEnv({
      databaseUrl,
      redisKeyPrefix: newRedisKeyPrefix(),
      env: {
        PORT: String(port),
        LOG_LEVEL: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        // Export batches every 100 ms instead of every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
        SLA_SWEEP_INTERVAL_SECONDS: '1',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
        WEBHOOK_REQUEUE_AFTER_SECONDS: '1',
      },
    });
    api = spawnEntry('main', env);
    // Loading the SDK and its instrumentations takes a while on a busy machine.
    await api.waitForOutput(/API listening/, 60_000);
    const http = new HttpClient(`http://127.0.0.1:${port}`);
    const res = await http.post(
      '/api/v1/auth/login',
      { email: 'nobody@example.test', password: 'not-a-password' },
      { headers: { 'x-request-id': 'traced-request-1' } },
    );
    expect(res.status).toBe(401);

    const line = await api.waitForOutput(/"reqId":"traced-request-1"/);
    const access = JSON.parse(line) as { trace_id?: string; span_id?: string; route: string };
    expect(access.route).toBe('/api/v1/auth/login');
    expect(access.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(access.span_id).toMatch(/^[0-9a-f]{16}$/);
    const traceId = Buffer.from(access.trace_id!, 'hex');

    // Every span of the request's trace, from however many exports they came in.
    await waitFor(() => {
      const bodies = exports.filter((item) => item.body.includes(traceId)).map((item) => item.body);
      const all = Buffer.concat(bodies).toString('latin1');
      return all.includes('POST /api/v1/auth/login') && /SELECT/.test(all);
    });
    for (const item of exports) {
      expect(item.path).toBe('/v1/traces');
      expect(item.contentType).toBe('application/x-protobuf');
    }
    const payload = Buffer.concat(exports.filter((item) => item.body.includes(traceId)).map((item) => item.body));
    expect(payload.toString('latin1')).toContain('helpdesk-api');
    expect(payload.toString('latin1')).toContain('postgresql');

    // The workers run in this process (WORKER_IN_PROCESS defaults to true): BullMQ's job spans
    // (the SLA sweep's, every few seconds) arrive too, under BullMQ's instrumentation scope.
    await waitFor(() => exports.some((item) => item.body.includes('bullmq') && item.body.includes('sweep')));

    // Secrets in URLs stay out of the spans: the queue board's `?token=` (an admin access token)
    // and a webhook URL's path and query (only the origin is recorded, as in the audit log).
    const boardToken = `board-token-${randomBytes(8).toString('hex')}`;
    expect((await http.get(`/admin/queues?token=${boardToken}`)).status).toBe(401);
    receiver = await startReceiver();
    const pathSecret = `path-secret-${randomBytes(8).toString('hex')}`;
    const querySecret = `query-secret-${randomBytes(8).toString('hex')}`;
    await insertDueDelivery(databaseUrl, env, `${receiver.url}/${pathSecret}?key=${querySecret}`);
    await waitFor(() => receiver!.received.length > 0);
    // The delivery's fetch span and the board request's span have been exported.
    const origin = new URL(receiver.url).origin;
    await waitFor(() => exports.some((item) => item.body.includes(origin) && item.body.includes('POST')));
    await waitFor(() => exports.some((item) => item.body.includes('/admin/queues')));
    const everything = Buffer.concat(exports.map((item) => item.body)).toString('latin1');
    expect(everything).not.toContain(boardToken);
    expect(everything).not.toContain('token=');
    expect(everything).not.toContain(pathSecret);
    expect(everything).not.toContain(querySecret);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  /** A hook and a delivery already overdue, so the relay's sweep queues it at once. */
  async function insertDueDelivery(databaseUrl: string, env: Record<string, string>, url: string): Promise<void> {
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      const secret = encryptSecret(webhookConfigFromEnv(env).secretKey, generateSecret());
      const [hook] = (
        await pg.query(
          `INSERT INTO webhooks (url, events, include_internal, active, secret_encrypted)
           VALUES ($1, '{*}', false, true, $2) RETURNING id`,
          [url, secret],
        )
      ).rows;
      const [message] = (
        await pg.query(
          `INSERT INTO webhook_messages (message_id, event_type, payload, relayed_at)
           VALUES ($1, 'ticket.created', '{}', now()) RETURNING id`,
          [`msg_${randomBytes(12).toString('hex')}`],
        )
      ).rows;
      await pg.query(
        `INSERT INTO webhook_deliveries (webhook_id, message_id, next_attempt_at)
         VALUES ($1, $2, now() - interval '1 hour')`,
        [hook.id, message.id],
      );
    } finally {
      await pg.end();
    }
  }

  it('loads nothing of OpenTelemetry when no endpoint is set', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(__dirname, '../../dist/tracing/register-api.js'))});` +
          `process.stdout.write(String(Object.keys(require.cache).filter((path) => path.includes('@opentelemetry')).length))`,
      ],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout).toBe('0');
  });
});
