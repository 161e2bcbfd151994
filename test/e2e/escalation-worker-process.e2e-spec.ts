// The built worker process (`node dist/worker.js`) killed with SIGKILL in the middle of a batch:
// another worker takes over (stalled jobs, the next sweeps, the outbox relay) and every breached
// ticket ends escalated exactly once.
import { Client } from 'pg';
import { countEscalated, FAST_WORKER_ENV, insertBreachedTickets, insertUser } from '../support/escalation';
import { waitFor } from '../support/assertions';
import { Spawned, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, testEnv } from '../support/test-app';

const TICKETS = 500;

describe('escalation worker process', () => {
  let pg: Client;
  const spawned: Spawned[] = [];

  afterAll(async () => {
    for (const proc of spawned) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await pg?.end();
  });

  it('escalates every ticket exactly once after a worker is SIGKILLed mid-batch and another one starts', async () => {
    const databaseUrl = await createTestDatabase();
    pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    const requester = await insertUser(pg, 'user', 'requester@example.test');
    await insertUser(pg, 'admin', 'admin@example.test');
    await insertBreachedTickets(pg, requester, TICKETS);
    // SMTP_URL unset: emails are logged, this test is about the escalations and their outbox rows.
    const env = testEnv({ databaseUrl, redisKeyPrefix: newRedisKeyPrefix(), env: FAST_WORKER_ENV });

    // One job at a time, so the kill lands with most of the batch still queued.
    const first = spawnEntry('worker', { ...env, ESCALATION_CONCURRENCY: '1' });
    spawned.push(first);
    await waitFor(async () => (await countEscalated(pg)) >= 20, { timeoutMs: 30_000, intervalMs: 5 });
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await countEscalated(pg);
    expect(atKill).toBeLessThan(TICKETS);

    const second = spawnEntry('worker', env);
    spawned.push(second);
    // The job the dead worker held is picked up once its lock expires (seconds).
    await waitFor(async () => (await countEscalated(pg)) === TICKETS, { timeoutMs: 60_000, intervalMs: 100 });
    // Alerts the dead worker committed but never relayed go out with the next sweep, and the sweep
    // job it held comes back only once that job's lock expires and BullMQ finds it stalled (10 s
    // + up to 5 s, more on a loaded CI machine). One whose job it queued just before dying, its
    // relay uncommitted, is delivered by the live worker, which records it relayed as well.
    await waitFor(
      async () => (await pg.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n === 0,
      { timeoutMs: 60_000 },
    ).catch(async (error: Error) => {
      // Say what was left and what the live worker did.
      const left = await pg.query(
        `SELECT id, attempts, send_before > now() AS sendable, delivered_at, created_at FROM outbox WHERE relayed_at IS NULL LIMIT 5`,
      );
      const sessions = await pg.query(
        `SELECT pid, state, wait_event_type, left(query, 80) AS query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      throw new Error(
        `${error.message}\nunrelayed: ${JSON.stringify(left.rows)}\nsessions: ${JSON.stringify(sessions.rows)}` +
          `\nworker: ${[...second.stdout, ...second.stderr].slice(-40).join('\n')}`,
      );
    });

    const { rows } = await pg.query(`
        SELECT
          count(*) FILTER (WHERE t.escalation_level = 1 AND t.status = 'escalated')::int AS escalated_once,
          (SELECT count(*)::int FROM ticket_events WHERE type = 'ticket.escalated') AS escalated_events,
          (SELECT count(*)::int FROM ticket_events WHERE type = 'sla.breached') AS breached_events,
          (SELECT count(DISTINCT ticket_id)::int FROM ticket_events WHERE type = 'ticket.escalated') AS tickets_with_event,
          (SELECT count(*)::int FROM outbox) AS alerts
        FROM tickets t`);
    expect(rows[0]).toEqual({
      escalated_once: TICKETS,
      escalated_events: TICKETS,
      breached_events: TICKETS,
      tickets_with_event: TICKETS,
      alerts: TICKETS,
    });

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
