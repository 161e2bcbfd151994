// OpenTelemetry: the built API (`node dist/main.js`) exports its spans over OTLP (protobuf over
// HTTP) to OTEL_EXPORTER_OTLP_ENDPOINT, here a collector stand-in inside the test, and its log
// lines carry the trace id. Without an endpoint, nothing of OpenTelemetry is even loaded.
import { spawnSync } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { freePort, Spawned, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, testEnv } from '../support/test-app';

interface Export {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

describe('tracing', () => {
  const exports: Export[] = [];
  let collector: Server;
  let api: Spawned | undefined;

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
    await new Promise((resolve) => collector.close(resolve));
  });

  it('exports the HTTP request and its pg query as spans, and logs the trace id', async () => {
    const port = await freePort();
    const env = testEnv({
      databaseUrl: await createTestDatabase(),
      redisKeyPrefix: newRedisKeyPrefix(),
      env: {
        PORT: String(port),
        LOG_LEVEL: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        // Export batches every 100 ms instead of every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
        SLA_SWEEP_INTERVAL_SECONDS: '1',
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

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

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
