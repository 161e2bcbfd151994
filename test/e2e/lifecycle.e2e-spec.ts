// Start-up and shutdown of the real built processes: bad configuration, missing dependencies,
// concurrent boots on an empty database, graceful stop under an in-flight request.
import { Client } from 'pg';
import { migrations } from '../../src/database/migrations';
import { waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { freePort, spawnEntry } from '../support/processes';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, testEnv } from '../support/test-app';
import { PG_ADMIN_URL, databaseUrl, randomSuffix, templateDatabaseName } from '../support/test-env';

async function envFor(extra: Record<string, string> = {}) {
  return testEnv({
    databaseUrl: await createTestDatabase(),
    redisKeyPrefix: newRedisKeyPrefix(),
    env: { PORT: String(await freePort()), LOG_LEVEL: 'info', ...extra },
  });
}

describe('process lifecycle', () => {
  it('refuses a bad configuration value with one line naming the variable and exit code 1', async () => {
    const proc = spawnEntry('main', { ...(await envFor()), RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Invalid configuration: RATE_LIMIT_PER_MINUTE .*"lots"/);
  });

  it.each(['main', 'worker'] as const)(
    'refuses a bad OTEL_EXPORTER_OTLP_ENDPOINT the same way (%s, checked before anything loads)',
    async (entry) => {
      const proc = spawnEntry(entry, { ...(await envFor()), OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector:4318' });
      expect(await proc.exited).toBe(1);
      expect(proc.stderr).toEqual([
        expect.stringMatching(/^Invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT .*"ftp:/),
      ]);
      expect(proc.stdout).toEqual([]);
    },
  );

  it('exits 1 with one clear line when Redis is unreachable', async () => {
    const proc = spawnEntry('main', await envFor({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }));
    expect(await proc.exited).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Redis unreachable at redis:\/\/127\.0\.0\.1:\d+/);
  });

  it('exits 1 with one clear line when Postgres is unreachable', async () => {
    const proc = spawnEntry(
      'main',
      await envFor({ DATABASE_URL: `postgres://postgres:secretpw@127.0.0.1:${await freePort()}/helpdesk` }),
    );
    expect(await proc.exited).toBe(1);
    expect(proc.stderr).toHaveLength(1);
    expect(proc.stderr[0]).toMatch(/^Postgres unreachable at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
    expect(proc.stderr[0]).not.toContain('secretpw');
  });

  it('boots two instances at once on a database that does not exist yet', async () => {
    const url = databaseUrl(`${templateDatabaseName()}_fresh_${randomSuffix()}`);
    const [a, b] = await Promise.all([startTestApp({ databaseUrl: url }), startTestApp({ databaseUrl: url })]);
    try {
      expect((await a.http.get('/api/health')).status).toBe(200);
      expect((await b.http.get('/api/health')).status).toBe(200);
      const rows: Array<{ name: string }> = await a.dataSource.query('SELECT name FROM migrations');
      expect(rows.map((row) => row.name).sort()).toEqual(migrations.map((migration) => migration.name).sort());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it.each(['main', 'worker'] as const)(
    'with MIGRATE_ON_START=false refuses a database with pending migrations and migrates nothing (%s)',
    async (entry) => {
      // A database that does not exist yet: every migration is pending.
      const url = databaseUrl(`${templateDatabaseName()}_unmigrated_${randomSuffix()}`);
      const proc = spawnEntry(entry, { ...(await envFor()), DATABASE_URL: url, MIGRATE_ON_START: 'false' });
      expect(await proc.exited).toBe(1);
      expect(proc.stderr).toEqual([
        `${migrations.length} migrations pending (MIGRATE_ON_START=false); run \`node dist/cli.js migrate\` first`,
      ]);
      const pg = new Client({ connectionString: url });
      await pg.connect();
      try {
        const { rows } = await pg.query(`SELECT to_regclass('public.users') AS users`);
        expect(rows).toEqual([{ users: null }]);
      } finally {
        await pg.end();
      }
    },
  );

  it('drains an in-flight request on SIGTERM, logs one line per request without secrets, and exits 0', async () => {
    // Postgres behind a proxy we can slow down, so a login is mid-query when SIGTERM lands.
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(PG_ADMIN_URL).port || 5432));
    const proxyPort = await proxy.start();
    const env = await envFor({ SEED_DEMO: 'true' });
    const proc = spawnEntry('main', { ...env, DATABASE_URL: urlThroughProxy(env.DATABASE_URL, proxyPort) });
    try {
      await proc.waitForOutput(/API listening/);
      const http = new HttpClient(`http://127.0.0.1:${env.PORT}`);
      const demo = { email: 'admin@example.com', password: 'ILoveHelpdesk1' };
      const first = await http.post('/api/v1/auth/login', demo);
      expect(first.status).toBe(200);

      proxy.delayMs = 300;
      const before = proxy.chunksFromClients;
      const inFlight = http.post('/api/v1/auth/login', demo, { headers: { 'x-request-id': 'in-flight-1' } });
      // The login's query is on the wire (and held by the proxy): the request is in flight.
      await waitFor(() => proxy.chunksFromClients > before, { intervalMs: 5 });
      proc.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body.access_token).toEqual(expect.any(String));
      expect(await proc.exited).toBe(0);

      const lines = proc.stdout.map((line) => JSON.parse(line));
      const access = lines.find((entry) => entry.reqId === 'in-flight-1');
      expect(access).toMatchObject({
        method: 'POST',
        route: '/api/v1/auth/login',
        status: 200,
        msg: 'request completed',
      });
      expect(typeof access.ms).toBe('number');
      const everything = proc.stdout.join('\n') + proc.stderr.join('\n');
      for (const secret of [
        demo.password,
        first.body.access_token,
        first.body.refresh_token,
        response.body.refresh_token,
      ]) {
        expect(everything).not.toContain(secret);
      }
      expect(everything).not.toMatch(/\$argon2id\$/);
    } finally {
      proc.child.kill('SIGKILL');
      await proxy.stop();
    }
  });

  it('stops the worker process cleanly on SIGTERM', async () => {
    const proc = spawnEntry('worker', await envFor());
    await proc.waitForOutput(/Worker started/);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
