// Redis killed and restarted (it keeps nothing: a restart is a flush), then flushed while
// escalations are queued, all under a steady create/list load on an API running its workers
// in-process. Reads and writes never fail (the rate limit fails open), idempotent replays still
// replay (the keys live in Postgres), the queues resume, and the sweep, re-registered by the
// worker, re-creates the escalate jobs Redis lost: every breached ticket escalates exactly once,
// with exactly one alert.
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '../../src/queues/queues';
import { bullConnectionFromUrl, bullPrefix } from '../../src/redis/bullmq-connection';
import { waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { FaultApp, startFaultApp, SteadyLoad, tally, userToken } from './support/fault-app';
import { FAULTS_DATABASE, PrivatePostgres, PrivateRedis } from './support/private-services';

const RATE_LIMIT = 1_000_000;
const OUTAGE_MS = 3_000;

describe('Redis restarted and flushed under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let smtp: SmtpCapture;
  let app: FaultApp | undefined;
  let escalations: Queue | undefined;
  let locker: Client | undefined;

  beforeAll(async () => {
    [pg, redis, smtp] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start(), startSmtpCapture()]);
  });

  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await escalations?.close();
    await app?.stop();
    await Promise.all([pg?.stop(), redis?.stop(), smtp?.close()]);
  });

  const sql = <T = any>(text: string, params: unknown[] = []) => pg.query<T>(text, params);
  const alertsAbout = (id: number) => smtp.messages.filter((mail) => mail.subject.startsWith(`[Escalated] #${id} `));

  /** Tickets created over HTTP (as the requester), then breached for their first response in SQL. */
  async function breachedTickets(http: HttpClient, token: string, label: string, count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await http.post('/api/v1/tickets', { title: `${label} ${i}`, description: 'late' }, { token });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await sql(`UPDATE tickets SET first_response_due_at = now() - interval '1 hour' WHERE id = ANY($1::int[])`, [ids]);
    return ids;
  }

  /** Escalated exactly once (level, both events) with exactly one alert each (to the one admin). */
  async function expectEscalatedOnce(ids: number[], adminEmail: string): Promise<void> {
    const rows = await sql(
      `SELECT t.id, t.escalation_level AS level, t.status::text AS status,
              (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'sla.breached') AS breached,
              (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.escalated') AS escalated
         FROM tickets t WHERE t.id = ANY($1::int[]) ORDER BY t.id`,
      [ids],
    );
    expect(rows).toEqual(ids.map((id) => ({ id, level: 1, status: 'escalated', breached: 1, escalated: 1 })));
    expect(ids.map((id) => alertsAbout(id).map((mail) => mail.envelopeTo.join()))).toEqual(ids.map(() => [adminEmail]));
  }

  /** Waits until `count` sweeps that started after this call completed (the sweep keeps its last 50). */
  async function waitForSweeps(count: number): Promise<void> {
    const since = Date.now();
    await waitFor(
      async () => {
        const done = await escalations!.getJobs(['completed'], 0, 50);
        return done.filter((job) => job.name === 'sweep' && (job.processedOn ?? 0) > since).length >= count;
      },
      { timeoutMs: 20_000, intervalMs: 50 },
    );
  }

  it('keeps serving, replays, resumes the queues and escalates every breached ticket exactly once', async () => {
    app = await startFaultApp({
      databaseUrl: pg.url(FAULTS_DATABASE),
      redisUrl: redis.url,
      env: {
        WORKER_IN_PROCESS: 'true',
        SMTP_URL: smtp.url,
        SLA_SWEEP_INTERVAL_SECONDS: '1',
        MAIL_RETRY_BASE_MS: '20',
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      },
    });
    const { http } = app;
    const requester = await userToken(http);
    const admin = await userToken(http, (email) =>
      sql(`UPDATE users SET role = 'admin' WHERE email = $1`, [email]).then(() => undefined),
    );
    const idempotent = (key: string, title: string) =>
      http.post(
        '/api/v1/tickets',
        { title, description: 'once' },
        { token: requester.token, headers: { 'idempotency-key': key } },
      );
    const expectReplay = async (key: string, title: string, first: { text: string }) => {
      const replay = await idempotent(key, title);
      expect({ status: replay.status, replayed: replay.headers.get('idempotent-replayed'), text: replay.text }).toEqual(
        {
          status: 201,
          replayed: 'true',
          text: first.text,
        },
      );
    };

    const load = new SteadyLoad(http, requester.token, 'redis-restart').start();
    try {
      // Before: the queues work, and a create with an Idempotency-Key is remembered.
      const [before] = await breachedTickets(http, requester.token, 'Late before the outage', 1);
      await waitFor(() => alertsAbout(before).length === 1);
      const first = await idempotent('key-before', 'Idempotent before');
      expect(first.status).toBe(201);
      await waitFor(() => load.acknowledged.size >= 20);

      // 1. Redis killed: reads, writes and replays go on; a ticket breaches meanwhile.
      await redis.kill();
      const killedAt = Date.now();
      const acknowledgedAtKill = load.acknowledged.size;
      await expectReplay('key-before', 'Idempotent before', first);
      const during = await idempotent('key-during', 'Idempotent during');
      expect(during.status).toBe(201);
      await expectReplay('key-during', 'Idempotent during', during);
      const [duringOutage] = await breachedTickets(http, requester.token, 'Late during the outage', 1);
      // The outage lasts a few seconds whatever happens (a fixed length is the point), and long
      // enough for the load to write a good number of tickets.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + OUTAGE_MS - Date.now())));
      await waitFor(() => load.acknowledged.size >= acknowledgedAtKill + 30);
      const restartedAt = Date.now();
      await redis.startServer();
      await waitFor(async () => (await http.get('/api/health')).status === 200);

      // The queues resume: the ticket breached during the outage, and one breached after it, escalate.
      const [afterRestart] = await breachedTickets(http, requester.token, 'Late after the restart', 1);
      await waitFor(() => alertsAbout(duringOutage).length === 1 && alertsAbout(afterRestart).length === 1, {
        timeoutMs: 30_000,
      });
      await expectReplay('key-before', 'Idempotent before', first);
      await expectReplay('key-during', 'Idempotent during', during);
      // The limiter counts again (it failed open while Redis was away, and was not stuck that way).
      const counted = await http.get('/api/v1/tickets?limit=1', { token: requester.token });
      expect(Number(counted.headers.get('ratelimit-remaining'))).toBeLessThan(RATE_LIMIT);

      // 2. Flushed with escalate jobs queued. A SHARE lock on the outbox holds the running
      // escalations at their alert INSERT (uncommitted; sweeps, with nothing to relay, go on), the
      // rest wait in Redis; the flush loses them all, and the sweep's schedule with them.
      escalations = new Queue(QUEUES.ESCALATION, {
        connection: bullConnectionFromUrl(redis.url),
        prefix: bullPrefix(app.redisKeyPrefix),
      });
      escalations.on('error', () => undefined);
      await waitFor(async () => (await sql(`SELECT 1 FROM outbox WHERE relayed_at IS NULL`)).length === 0);
      locker = new Client({ connectionString: pg.url(FAULTS_DATABASE) });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE outbox IN SHARE MODE');
      const flushedTickets = await breachedTickets(http, requester.token, 'Late at the flush', 12);
      const escalateJobs = async (states: Array<'waiting' | 'active'>) =>
        (await escalations!.getJobs(states, 0, 100)).filter((job) => job.name === 'escalate').length;
      await waitFor(async () => (await escalateJobs(['waiting', 'active'])) >= flushedTickets.length);
      const queuedAtFlush = { active: await escalateJobs(['active']), waiting: await escalateJobs(['waiting']) };
      await redis.flushAll();
      const flushedAt = Date.now();
      await locker.query('ROLLBACK');
      await locker.end();
      locker = undefined;
      await waitFor(() => flushedTickets.every((id) => alertsAbout(id).length >= 1), { timeoutMs: 30_000 });
      // Settle: later sweeps find nothing more to do, and nothing is mailed twice.
      await waitForSweeps(2);
      const acknowledgedAtFlush = load.acknowledged.size;
      await waitFor(() => load.acknowledged.size >= acknowledgedAtFlush + 10);
      await load.stop();

      await expectEscalatedOnce([before, duringOutage, afterRestart, ...flushedTickets], admin.email);
      // Reads and writes never failed: not while Redis was away, nor at the flush.
      expect(tally(load.outcomes.filter((o) => o.status !== 200 && o.status !== 201))).toEqual({});
      expect(
        load.count((o) => o.started >= killedAt && o.ended <= restartedAt && o.status === 201),
      ).toBeGreaterThanOrEqual(30);
      expect(queuedAtFlush.waiting).toBeGreaterThan(0);
      const rows = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'redis-restart-%'`,
      );
      expect(rows[0].n).toBe(load.acknowledged.size);
      expect(app.proc.child.exitCode).toBeNull();

      console.log(
        `Redis: down ${restartedAt - killedAt} ms, then flushed with ${queuedAtFlush.active} escalations running and ` +
          `${queuedAtFlush.waiting} queued (${Date.now() - flushedAt} ms until all escalated and settled); ` +
          `${load.outcomes.length} requests under load, ${load.count((o) => o.status >= 400 || o.status === 0)} failed; ` +
          `${3 + flushedTickets.length} breached tickets escalated once, one alert each`,
      );
    } finally {
      await load.stop();
    }
  });
});
