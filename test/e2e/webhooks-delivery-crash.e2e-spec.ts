// The built worker process (`node dist/worker.js`) SIGKILLed in the middle of relaying a committed
// message: its relay transaction dies with it, another worker relays the message, and the receiver
// gets it exactly once.
import { Client } from 'pg';
import { TransactionContext } from '../../src/database/transaction-context';
import { TicketRepository } from '../../src/tickets/ticket.repository';
import { makeTicket } from '../factories/tickets';
import { makeUser } from '../factories/users';
import { makeWebhook } from '../factories/webhooks';
import { waitFor } from '../support/assertions';
import { Spawned, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp, testEnv } from '../support/test-app';
import { startReceiver, WebhookReceiver } from '../support/webhook-receiver';

const ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
  WEBHOOK_REQUEUE_AFTER_SECONDS: '1',
};

describe('webhook relay: a worker killed after commit, before relaying', () => {
  let api: TestApp | undefined;
  let worker: TestApp | undefined;
  let receiver: WebhookReceiver | undefined;
  let blocker: Client | undefined;
  let killed: Spawned | undefined;

  afterAll(async () => {
    if (killed && killed.child.exitCode === null) killed.child.kill('SIGKILL');
    await blocker?.end().catch(() => undefined);
    await receiver?.close();
    await worker?.close();
    await api?.close();
  });

  it('delivers the message once, through another worker', async () => {
    const databaseUrl = await createTestDatabase();
    const redisKeyPrefix = newRedisKeyPrefix();
    // The API alone: it commits and nudges; relaying is the workers' job.
    api = await startTestApp({ databaseUrl, redisKeyPrefix, workers: false, env: ENV });
    receiver = await startReceiver();
    await makeWebhook(api, { url: receiver.url, events: ['ticket.updated'] });
    const ticket = await makeTicket(api, await makeUser(api));

    // The relay will stop inside its transaction: presenting the ticket reads categories, held here.
    blocker = new Client({ connectionString: databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE categories IN ACCESS EXCLUSIVE MODE');

    const first = spawnEntry('worker', testEnv({ databaseUrl, redisKeyPrefix, env: ENV }));
    killed = first;
    const tickets = api.app.get(TicketRepository);
    await api.app
      .get(TransactionContext)
      .begin(() => tickets.recordEvents(ticket.id, null, [{ type: 'ticket.updated', data: {} }]));
    // The worker has locked the message and waits on the table lock, its transaction open. (Asked
    // on another connection: inside the blocker's transaction, pg_stat_activity is a frozen snapshot.)
    await waitFor(
      async () => {
        const [{ n }] = await api!.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT "t"."id"%'`,
        );
        return n === 1;
      },
      { timeoutMs: 20_000 },
    ).catch(async (error: Error) => {
      const sessions = await api!.dataSource.query(
        `SELECT state, wait_event_type, wait_event, left(query, 200) AS query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      throw new Error(`${error.message}\nsessions: ${JSON.stringify(sessions)}`);
    });
    first.child.kill('SIGKILL');
    await first.exited;
    await blocker.query('ROLLBACK');
    const [message] = await api.dataSource.query(`SELECT message_id, relayed_at FROM webhook_messages`);
    expect(message.relayed_at).toBeNull();

    worker = await startTestApp({ databaseUrl, redisKeyPrefix, workers: true, env: ENV });
    await waitFor(() => receiver!.received.length === 1, { timeoutMs: 20_000 });
    expect(receiver.received[0].headers['webhook-id']).toBe(message.message_id);
    // A later event is delivered after it; by then a duplicate of the first would have arrived.
    await api.app
      .get(TransactionContext)
      .begin(() => tickets.recordEvents(ticket.id, null, [{ type: 'ticket.updated', data: {} }]));
    await waitFor(() => receiver!.received.length === 2);
    await waitFor(async () => {
      const [{ n }] = await api!.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`,
      );
      return n === 2;
    });
    expect(receiver.received.filter((r) => r.headers['webhook-id'] === message.message_id)).toHaveLength(1);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries`)).toEqual([{ n: 2 }]);
  });
});
