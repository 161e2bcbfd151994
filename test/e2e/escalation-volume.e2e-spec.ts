// Volume: 2,000 breached tickets (seeded with SQL) all escalated by one in-process worker, each
// once, with its alert relayed. The time is printed, not asserted (see bench/escalation-10k.ts for
// the 10,000-ticket measurement).
import { QUEUES } from '../../src/queues/queues';
import { waitFor } from '../support/assertions';
import {
  countEscalated,
  FAST_WORKER_ENV,
  insertBreachedTickets,
  insertUser,
  queueOf,
  waitForIdle,
} from '../support/escalation';
import { startTestApp, TestApp } from '../support/test-app';

const TICKETS = 2_000;

describe('escalation volume', () => {
  let t: TestApp;

  afterAll(() => t?.close());

  it(`escalates ${TICKETS} breached tickets, each once, with one alert each`, async () => {
    t = await startTestApp({ env: FAST_WORKER_ENV });
    const requester = await insertUser(t.dataSource, 'user', 'requester@example.test');
    await insertUser(t.dataSource, 'admin', 'admin@example.test');
    await insertBreachedTickets(t.dataSource, requester, TICKETS);
    const started = Date.now();
    // Workers start with the app (SMTP_URL unset: the alerts are logged, not sent).
    await t.close();
    t = await startTestApp({
      databaseUrl: t.databaseUrl,
      redisKeyPrefix: t.redisKeyPrefix,
      workers: true,
      env: FAST_WORKER_ENV,
    });

    await waitFor(async () => (await countEscalated(t.dataSource)) === TICKETS, { timeoutMs: 90_000, intervalMs: 100 });
    const escalatedMs = Date.now() - started;
    await waitFor(
      async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n === 0,
      { timeoutMs: 30_000 },
    );
    const mails = queueOf(QUEUES.MAIL, t.redisKeyPrefix);
    try {
      await waitForIdle(mails, 60_000);
    } finally {
      await mails.close();
    }
    console.log(`${TICKETS} tickets escalated in ${escalatedMs} ms; alerts delivered after ${Date.now() - started} ms`);

    const [row] = await t.dataSource.query(`
        SELECT count(*) FILTER (WHERE escalation_level = 1)::int AS once,
               (SELECT count(*)::int FROM ticket_events WHERE type = 'ticket.escalated') AS events,
               (SELECT count(*)::int FROM outbox) AS alerts
          FROM tickets`);
    expect(row).toEqual({ once: TICKETS, events: TICKETS, alerts: TICKETS });
  }, 180_000);
});
