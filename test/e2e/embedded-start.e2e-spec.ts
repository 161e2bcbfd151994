// `npm start` on a machine without Postgres and Redis: in development, with DATABASE_URL and
// REDIS_URL unset and nothing on the default ports (moved to free ones here), dist/main.js starts
// both itself, serves, and stops them on SIGTERM. Needs `npm run build`; initdb is slow.
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/users/demo-accounts';
import { portAnswers } from '../../src/dev-services/port-probe';
import { HttpClient } from '../support/http-client';
import { freePort, spawnEntry } from '../support/processes';
import { databaseUrl, randomSuffix, templateDatabaseName } from '../support/test-env';

const START_TIMEOUT_MS = 240_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pids of the processes whose command line mentions `text`. */
async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

describe('embedded development services', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-embedded-'));
    // Run as root, Postgres runs as the `postgres` user, which must reach its data directory.
    await chmod(dir, 0o755);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'starts Postgres and Redis when nothing answers on the default ports, serves, and stops them on SIGTERM',
    async () => {
      const [pgPort, redisPort, port] = [await freePort(), await freePort(), await freePort()];
      const dataDir = join(dir, 'postgres');
      const proc = spawnEntry(
        'main',
        {
          NODE_ENV: 'development',
          DEFAULT_POSTGRES_PORT: String(pgPort),
          DEFAULT_REDIS_PORT: String(redisPort),
          EMBEDDED_POSTGRES_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          INBOUND_SMTP_PORT: '0',
          STORAGE_DIR: join(dir, 'attachments'),
        },
        // Development mode reads ./.env: run where there is none, so a developer's cannot leak in.
        { cwd: dir },
      );
      try {
        const line = await proc.waitForOutput(/Started embedded/, START_TIMEOUT_MS);
        expect(JSON.parse(line).msg).toMatch(
          new RegExp(
            `^Started embedded Postgres on 127\\.0\\.0\\.1:${pgPort} \\(data in ${escape(dataDir)}\\) ` +
              `and Redis on 127\\.0\\.0\\.1:${redisPort} \\(/\\S+/redis-server, data in memory\\); they stop with this process$`,
          ),
        );
        await proc.waitForOutput(/API listening/, START_TIMEOUT_MS);

        const http = new HttpClient(`http://127.0.0.1:${port}`);
        const health = await http.get('/api/health');
        expect(health.status).toBe(200);
        expect(health.body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
        const login = await http.post('/api/v1/auth/login', { email: DEMO_ACCOUNTS[0].email, password: DEMO_PASSWORD });
        expect(login.status).toBe(200);
        expect(await processesMentioning(dataDir)).toHaveLength(1);
        expect(await processesMentioning(`127.0.0.1:${redisPort}`)).toHaveLength(1);
      } finally {
        proc.child.kill('SIGTERM');
      }
      expect(await proc.exited).toBe(0);
      expect(await portAnswers(pgPort)).toBe(false);
      expect(await portAnswers(redisPort)).toBe(false);
      expect(await processesMentioning(dataDir)).toEqual([]);
      expect(await processesMentioning(`127.0.0.1:${redisPort}`)).toEqual([]);
    },
    START_TIMEOUT_MS * 2,
  );

  it('exits 1 with one line saying what to install when Redis is missing and there is no redis-server', async () => {
    const proc = spawnEntry(
      'main',
      {
        NODE_ENV: 'development',
        // Postgres is configured; only Redis is left to the fallback, on a port nothing listens on.
        DATABASE_URL: databaseUrl(`${templateDatabaseName()}_embedded_${randomSuffix()}`),
        DEFAULT_REDIS_PORT: String(await freePort()),
        PORT: String(await freePort()),
        // Only node's own directory: no redis-server anywhere on it.
        PATH: dirname(process.execPath),
      },
      { cwd: dir },
    );
    expect(await proc.exited).toBe(1);
    expect(proc.stderr).toEqual([
      expect.stringMatching(
        /^Redis is not answering on localhost:\d+ and there is no redis-server to start: install Redis/,
      ),
    ]);
  });
});
