// Webhook delivery end to end: real receivers on 127.0.0.1, the outbox written in the change's
// transaction, the relay, signed attempts with retries, and receivers that misbehave.
import { Redis } from 'ioredis';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { TransactionContext } from '../../src/database/transaction-context';
import { TicketRepository } from '../../src/tickets/ticket.repository';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { deliveriesOf, DeliveryState, makeWebhook, TestWebhook } from '../factories/webhooks';
import { waitFor } from '../support/assertions';
import { REDIS_URL } from '../support/test-env';
import { startTestApp, TestApp } from '../support/test-app';
import { answer, startReceiver, WebhookReceiver } from '../support/webhook-receiver';

const ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_RETRY_SECONDS: '0,1,1',
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
  WEBHOOK_REQUEUE_AFTER_SECONDS: '1',
};

describe('webhook delivery', () => {
  let t: TestApp;
  let requester: TestUser;
  let agent: TestUser;
  const receivers: WebhookReceiver[] = [];

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  /** Hooks of earlier tests stop listening, so each test sees only its own deliveries. */
  const quiet = () => t.dataSource.query(`UPDATE webhooks SET active = false`);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: ENV });
    requester = await makeUser(t);
    agent = await makeAgent(t);
    await makeAdmin(t);
  });

  beforeEach(quiet);

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t?.close();
  });

  it('signs every message so that standardwebhooks verifies it, with the ticket as an admin reads it', async () => {
    const r = await receiver();
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.created'] });
    const ticket = await makeTicket(t, requester, { title: 'Printer on fire' });
    await waitFor(async () => (await deliveriesOf(t, hook.id))[0]?.status === 'delivered');
    expect(r.received).toHaveLength(1);
    const [request] = r.received;
    const verified = new StandardWebhook(hook.secret).verify(request.body, request.headers) as any;
    expect(verified.type).toBe('ticket.created');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(verified.data.ticket).toMatchObject({ id: ticket.id, title: 'Printer on fire', status: 'open' });
    expect(verified.data.actor).toEqual({ id: requester.user.id, name: requester.user.name });
    expect(() =>
      new StandardWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, request.headers),
    ).toThrow();
    expect(await deliveriesOf(t, hook.id)).toEqual([
      expect.objectContaining({
        status: 'delivered',
        attempts: 1,
        last_status_code: 200,
        event_type: 'ticket.created',
      }),
    ]);
  });

  it('retries 500, 500 then 200 with the same webhook-id and signed body: delivered in 3 attempts', async () => {
    const r = await receiver((request, res, index) => answer(index < 2 ? 500 : 200, 'nope')(request, res, index));
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.created'] });
    await makeTicket(t, requester);
    await waitFor(async () => (await deliveriesOf(t, hook.id))[0]?.status === 'delivered');
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((req) => req.headers['webhook-id'])).size).toBe(1);
    expect(new Set(r.received.map((req) => req.body)).size).toBe(1);
    for (const request of r.received) new StandardWebhook(hook.secret).verify(request.body, request.headers);
    // In order, the retries spaced by the schedule (0 s, then 1 s).
    expect(r.received[2].at - r.received[1].at).toBeGreaterThanOrEqual(900);
    expect(await deliveriesOf(t, hook.id)).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3, last_status_code: 200, last_error: null }),
    ]);
  });

  it('sends nothing for a change whose transaction rolls back', async () => {
    const r = await receiver();
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.updated'] });
    const ticket = await makeTicket(t, requester);
    const tx = t.app.get(TransactionContext);
    const tickets = t.app.get(TicketRepository);
    await expect(
      tx.begin(async () => {
        await tickets.recordEvents(ticket.id, agent.user.id, [{ type: 'ticket.updated', data: { rolled: 'back' } }]);
        // Fails at COMMIT, after every statement succeeded: a deferred constraint trigger that raises.
        await tx.manager.query(`CREATE TEMP TABLE fail_at_commit (i int) ON COMMIT DROP`);
        await tx.manager.query(
          `CREATE FUNCTION pg_temp.fail_at_commit() RETURNS trigger LANGUAGE plpgsql
             AS $$ BEGIN RAISE EXCEPTION 'failed at commit'; END $$`,
        );
        await tx.manager.query(
          `CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON fail_at_commit
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pg_temp.fail_at_commit()`,
        );
        await tx.manager.query(`INSERT INTO fail_at_commit VALUES (1)`);
      }),
    ).rejects.toThrow(/failed at commit/);
    // A committed change after it is delivered; the rolled-back one before it never is.
    await tx.begin(() => tickets.recordEvents(ticket.id, agent.user.id, [{ type: 'ticket.updated', data: {} }]));
    await waitFor(() => r.received.length >= 1);
    await waitFor(async () => (await deliveriesOf(t, hook.id)).every((d) => d.status === 'delivered'));
    expect(r.received).toHaveLength(1);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_messages WHERE data ? 'rolled'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('sends internal comments only to hooks that include internal events', async () => {
    const publicOnly = await receiver();
    const internalToo = await receiver();
    await makeWebhook(t, { url: publicOnly.url, events: ['comment.created'] });
    await makeWebhook(t, { url: internalToo.url, events: ['comment.created'], includeInternal: true });
    const ticket = await makeTicket(t, requester);
    const post = (body: string, isInternal: boolean) =>
      t.http.post(`/api/v1/tickets/${ticket.id}/comments`, { body, is_internal: isInternal }, { token: agent.token });
    expect((await post('secret note', true)).status).toBe(201);
    expect((await post('public answer', false)).status).toBe(201);
    await waitFor(() => internalToo.received.length === 2 && publicOnly.received.length === 1);
    expect(publicOnly.received[0].json.data.comment).toMatchObject({ body: 'public answer', is_internal: false });
    expect(internalToo.received.map((req) => req.json.data.comment.body).sort()).toEqual([
      'public answer',
      'secret note',
    ]);
    expect(publicOnly.received[0].json.data.ticket.id).toBe(ticket.id);
  });

  it('sends claims (assignments written by one statement) as ticket.assigned', async () => {
    const r = await receiver();
    await makeWebhook(t, { url: r.url, events: ['ticket.assigned'] });
    const ticket = await makeTicket(t, requester);
    // Leave only this ticket claimable.
    await t.dataSource.query(`UPDATE tickets SET status = 'closed' WHERE id <> $1 AND assignee_id IS NULL`, [
      ticket.id,
    ]);
    const claimed = await t.http.post('/api/v1/tickets/claim', { limit: 1 }, { token: agent.token });
    expect(claimed.status).toBe(200);
    await waitFor(() => r.received.length === 1);
    expect(r.received[0].json.data.ticket).toMatchObject({ id: ticket.id, assignee: { id: agent.user.id } });
  });

  it('keeps the deleted ticket in ticket.deleted', async () => {
    const r = await receiver();
    await makeWebhook(t, { url: r.url, events: ['ticket.deleted'] });
    const admin = await makeAdmin(t);
    const ticket = await makeTicket(t, requester, { title: 'Gone soon' });
    expect((await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token })).status).toBe(204);
    await waitFor(() => r.received.length === 1);
    expect(r.received[0].json.data.ticket).toMatchObject({ id: ticket.id, title: 'Gone soon' });
  });

  it('deactivates a hook that answers 410 and emails the admins', async () => {
    const r = await receiver(answer(410));
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.created'] });
    await makeTicket(t, requester);
    await waitFor(async () => (await deliveriesOf(t, hook.id))[0]?.status === 'failed');
    const [state] = await t.dataSource.query(`SELECT active, deactivated_reason FROM webhooks WHERE id = $1`, [
      hook.id,
    ]);
    expect(state).toEqual({ active: false, deactivated_reason: expect.stringContaining('410') });
    const mails = await t.dataSource.query(
      `SELECT payload->>'subject' AS subject FROM outbox WHERE dedupe_key LIKE $1`,
      [`webhook-deactivated-${hook.id}-%`],
    );
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails[0].subject).toContain(`#${hook.id}`);
    await makeTicket(t, requester);
    expect(r.received).toHaveLength(1);
  });

  it('records a huge body, a connection never answered, a redirect and a late 200 as failed attempts, and stays healthy', async () => {
    const huge = await receiver((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const more = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50) res.once('drain', more);
        else res.end();
      };
      more();
    });
    const silent = await receiver(() => undefined); // reads the request, never answers
    const redirect = await receiver((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    const late = await receiver((_req, res) => setTimeout(() => res.writeHead(200).end(), 1_500).unref());
    const healthy = await receiver();
    const hooks = await Promise.all(
      [huge, silent, redirect, late].map((r) => makeWebhook(t, { url: r.url, events: ['ticket.created'] })),
    );
    await makeWebhook(t, { url: healthy.url, events: ['ticket.created'] });
    await makeTicket(t, requester);
    await waitFor(() => healthy.received.length === 1);
    const firstAttempts = (await waitFor<DeliveryState[] | false>(
      async () => {
        const states = await Promise.all(hooks.map((hook) => deliveriesOf(t, hook.id)));
        return states.every((state) => state[0]?.attempts >= 1) && states.map((state) => state[0]);
      },
      { timeoutMs: 10_000 },
    )) as DeliveryState[];
    const [hugeState, silentState, redirectState, lateState] = firstAttempts;
    expect(hugeState).toMatchObject({ last_status_code: 500 });
    expect(hugeState.last_error!.length).toBeLessThanOrEqual(500);
    expect(silentState).toMatchObject({ last_status_code: null, last_error: expect.stringMatching(/timed out/i) });
    expect(redirectState).toMatchObject({
      last_status_code: 302,
      last_error: expect.stringMatching(/redirect not followed/i),
    });
    expect(lateState).toMatchObject({ last_status_code: null, last_error: expect.stringMatching(/timed out/i) });
    for (const state of firstAttempts) expect(state.status).not.toBe('delivered');
    // Still delivering: the next event reaches the healthy hook.
    await makeTicket(t, requester);
    await waitFor(() => healthy.received.length === 2);
  });

  it('delivers pending deliveries after Redis is flushed (the sweep queues them again)', async () => {
    let up = false;
    const r = await receiver((request, res, index) => answer(up ? 200 : 503)(request, res, index));
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.created'] });
    await makeTicket(t, requester);
    // Two quick attempts (the schedule's 0 s), then a second's wait for the third, whose job is in Redis.
    await waitFor(async () => (await deliveriesOf(t, hook.id))[0]?.attempts === 2, { intervalMs: 10 });
    // That job (and the sweep's schedule) go with everything else under the app's prefix.
    await flushPrefix(t.redisKeyPrefix);
    up = true;
    await waitFor(async () => (await deliveriesOf(t, hook.id))[0]?.status === 'delivered', { timeoutMs: 20_000 });
    expect(r.received.length).toBeGreaterThanOrEqual(2);
    expect(new Set(r.received.map((req) => req.headers['webhook-id'])).size).toBe(1);
    expect(r.received.filter((req) => req.json.type === 'ticket.created')).toHaveLength(r.received.length);
  });

  it('fans one event out to 100 hooks, once each', async () => {
    const r = await receiver();
    const hooks: TestWebhook[] = [];
    for (let i = 0; i < 100; i++)
      hooks.push(await makeWebhook(t, { url: `${r.url}?hook=${i}`, events: ['ticket.created'] }));
    const started = Date.now();
    await makeTicket(t, requester);
    await waitFor(() => r.received.length >= 100, { timeoutMs: 20_000 });
    const elapsed = Date.now() - started;
    await waitFor(async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered' AND webhook_id = ANY($1::int[])`,
        [hooks.map((h) => h.id)],
      );
      return n === 100;
    });
    expect(new Set(r.received.map((req) => req.headers['webhook-id'])).size).toBe(1);
    // Every hook got it once: each request verifies with exactly one of the hooks' secrets.
    const verifiedBy = r.received.map((req) =>
      hooks.findIndex((hook) => {
        try {
          new StandardWebhook(hook.secret).verify(req.body, req.headers);
          return true;
        } catch {
          return false;
        }
      }),
    );
    expect(new Set(verifiedBy).size).toBe(100);
    expect(r.received).toHaveLength(100);
    console.log(
      `webhooks: 100-hook fan-out delivered in ${elapsed} ms (${Math.round(100_000 / elapsed)} deliveries/s)`,
    );
  });

  it('pings one hook, and redelivers with the same webhook-id', async () => {
    const r = await receiver();
    const other = await receiver();
    const hook = await makeWebhook(t, { url: r.url, events: ['ticket.created'] });
    await makeWebhook(t, { url: other.url, events: ['*'] });
    const dispatcher = t.app.get(WebhookDispatcher);
    const { messageId } = await dispatcher.ping(hook.id);
    await waitFor(() => r.received.length === 1);
    expect(r.received[0].headers['webhook-id']).toBe(messageId);
    expect(r.received[0].json).toMatchObject({ type: 'webhook.ping', data: { webhook_id: hook.id } });
    new StandardWebhook(hook.secret).verify(r.received[0].body, r.received[0].headers);
    const [delivery] = await t.dataSource.query(`SELECT id FROM webhook_deliveries WHERE webhook_id = $1`, [hook.id]);
    expect(await dispatcher.redeliver(hook.id + 1, String(delivery.id))).toBe(false);
    expect(await dispatcher.redeliver(hook.id, String(delivery.id))).toBe(true);
    await waitFor(() => r.received.length === 2);
    expect(r.received[1].headers['webhook-id']).toBe(messageId);
    expect(await deliveriesOf(t, hook.id)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
    expect(other.received).toHaveLength(0);
  });
});

/** Deletes every Redis key of one app's prefix (its queues and schedules): a flushed Redis, for that app. */
export async function flushPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
