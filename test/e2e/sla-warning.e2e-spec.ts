// SLA warnings (API.md → Business hours, SLA warnings): at the first sweep inside a target's
// warning window, once per kind and ticket: the event, the emails (assignee, or every active agent),
// the webhook and the realtime event; nothing for tickets paused, due already, resolved or whose
// policy does not warn; and exactly once with three workers sweeping at the same time.
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SlaSweeper } from '../../src/escalation/sla-sweeper';
import { OutboxService } from '../../src/outbox/outbox.service';
import { QUEUES } from '../../src/queues/queues';
import { markWarnedSql } from '../../src/tickets/ticket-warning-sql';
import { makeTicket } from '../factories/tickets';
import { deactivateUser, makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { makeWebhook } from '../factories/webhooks';
import { waitFor } from '../support/assertions';
import { FAST_WORKER_ENV, queueOf, waitForIdle, waitForSweeps } from '../support/escalation';
import { NotificationsClient } from '../support/notifications-client';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp } from '../support/test-app';
import { startReceiver, WebhookReceiver } from '../support/webhook-receiver';

const KINDS = ['first_response', 'resolution'] as const;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** Both targets due in 10 and 20 minutes: inside a 30-minute warning window, not yet due. */
async function dueSoon(db: DataSource, ids: number[]): Promise<void> {
  await db.query(
    `UPDATE tickets SET first_response_due_at = now() + interval '10 minutes',
                        resolution_due_at = now() + interval '20 minutes' WHERE id = ANY($1::int[])`,
    [ids],
  );
}

interface WarningState {
  id: number;
  first_response_warned: boolean;
  resolution_warned: boolean;
  events: Array<{ kind: string; due_at: string; actor_id: number | null }>;
  first_response_due_at: Date;
  resolution_due_at: Date;
}

async function warningStates(db: DataSource, ids: number[]): Promise<WarningState[]> {
  return db.query(
    `SELECT t.id, t.first_response_warned_at IS NOT NULL AS first_response_warned,
            t.resolution_warned_at IS NOT NULL AS resolution_warned, t.first_response_due_at, t.resolution_due_at,
            coalesce((SELECT json_agg(json_build_object('kind', e.data->>'kind', 'due_at', e.data->>'due_at',
                                                       'actor_id', e.actor_id) ORDER BY e.data->>'kind')
                        FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'sla.warning'), '[]') AS events
       FROM tickets t WHERE t.id = ANY($1::int[]) ORDER BY t.id`,
    [ids],
  );
}

async function warningEventCount(db: DataSource, ids: number[]): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'sla.warning' AND ticket_id = ANY($1::int[])`,
    [ids],
  );
  return n;
}

/** Outbox rows of warnings about these tickets, per dedupe key, and whether all were relayed. */
async function warningMailRows(db: DataSource, ids: number[]): Promise<{ keys: string[]; unrelayed: number }> {
  const rows: Array<{ dedupe_key: string; relayed: boolean }> = await db.query(
    `SELECT dedupe_key, relayed_at IS NOT NULL AS relayed FROM outbox
      WHERE dedupe_key LIKE ANY($1::text[]) ORDER BY dedupe_key`,
    [ids.map((id) => `sla-warning-${id}-%`)],
  );
  return { keys: rows.map((row) => row.dedupe_key), unrelayed: rows.filter((row) => !row.relayed).length };
}

const setWarning = (t: TestApp, admin: TestUser, priority: string, warnBeforeMinutes: number, minutes: number[]) =>
  t.http.put(
    `/api/v1/sla-policies/${priority}`,
    { first_response_minutes: minutes[0], resolution_minutes: minutes[1], warn_before_minutes: warnBeforeMinutes },
    { token: admin.token },
  );

describe('SLA warnings', () => {
  let smtp: SmtpCapture;

  beforeEach(async () => {
    smtp = await startSmtpCapture();
  });
  afterEach(() => smtp.close());

  const warningsAbout = (id: number) => smtp.messages.filter((m) => m.subject.startsWith(`[SLA warning] #${id} `));

  describe('one worker', () => {
    let t: TestApp;
    let escalations: Queue;
    let mails: Queue;
    let receiver: WebhookReceiver;
    let realtime: NotificationsClient;
    let admin: TestUser;
    let agents: TestUser[];
    let requester: TestUser;

    beforeEach(async () => {
      t = await startTestApp({
        workers: true,
        env: {
          ...FAST_WORKER_ENV,
          SMTP_URL: smtp.url,
          WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
          WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
        },
      });
      escalations = queueOf(QUEUES.ESCALATION, t.redisKeyPrefix);
      mails = queueOf(QUEUES.MAIL, t.redisKeyPrefix);
      receiver = await startReceiver();
      admin = await makeAdmin(t);
      agents = [await makeAgent(t), await makeAgent(t), await makeAgent(t)];
      await deactivateUser(t, agents[2].user.id);
      requester = await makeUser(t);
      realtime = await NotificationsClient.connect(t.baseUrl, { token: agents[0].token });
    });
    afterEach(async () => {
      realtime.close();
      await escalations.close();
      await mails.close();
      await receiver.close();
      await t.close();
    });

    it('warns once per kind: event, email to the assignee or to every active agent, webhook, realtime', async () => {
      await makeWebhook(t, { url: receiver.url, events: ['sla.warning'] });
      const policy = await setWarning(t, admin, 'urgent', 30, [60, 240]);
      expect(policy.body).toMatchObject({ warn_before_minutes: 30, calendar: '24x7' });
      const unassigned = await makeTicket(t, requester, { priority: 'urgent', title: 'Printer on fire' });
      const assigned = await makeTicket(t, requester, { priority: 'urgent', title: 'VPN down' });
      await t.http.post(
        `/api/v1/tickets/${assigned.id}/assign`,
        { assignee_id: agents[0].user.id },
        { token: admin.token },
      );
      const ids = [unassigned.id, assigned.id];
      await dueSoon(t.dataSource, ids);

      await waitFor(async () => (await warningEventCount(t.dataSource, ids)) === 4, { timeoutMs: 20_000 });
      const activeAgents = [agents[0].email, agents[1].email].sort();
      await smtp.waitForMessages(6, (m) => m.subject.startsWith('[SLA warning]'), 20_000);
      await waitForSweeps(escalations, 2); // later sweeps add nothing
      await waitForIdle(mails);

      for (const state of await warningStates(t.dataSource, ids)) {
        expect(state.first_response_warned && state.resolution_warned).toBe(true);
        expect(state.events).toEqual([
          { kind: 'first_response', due_at: state.first_response_due_at.toISOString(), actor_id: null },
          { kind: 'resolution', due_at: state.resolution_due_at.toISOString(), actor_id: null },
        ]);
      }
      const toUnassigned = warningsAbout(unassigned.id);
      expect(toUnassigned.map((m) => m.subject)).toEqual(
        Array(4).fill(`[SLA warning] #${unassigned.id} Printer on fire`),
      );
      for (const kind of KINDS) {
        const ofKind = toUnassigned.filter((m) => m.text.includes(`(${kind})`));
        expect(ofKind.flatMap((m) => m.envelopeTo).sort()).toEqual(activeAgents);
        expect(ofKind[0].text).toContain('urgent');
        expect(ofKind[0].text).toContain('Printer on fire');
      }
      const toAssigned = warningsAbout(assigned.id);
      expect(toAssigned.map((m) => m.envelopeTo)).toEqual([[agents[0].email], [agents[0].email]]);
      expect(toAssigned.map((m) => m.subject)).toEqual(Array(2).fill(`[SLA warning] #${assigned.id} VPN down`));
      expect(await warningMailRows(t.dataSource, ids)).toMatchObject({ unrelayed: 0 });
      expect((await warningMailRows(t.dataSource, ids)).keys).toHaveLength(6);

      const hooks = (await waitFor(
        () => {
          const got = receiver.received.filter((r) => r.json.type === 'sla.warning');
          return got.length >= 4 ? got : undefined;
        },
        { timeoutMs: 20_000 },
      ))!;
      expect(hooks).toHaveLength(4);
      expect(hooks.map((r) => `${r.json.data.ticket.id}`).sort()).toEqual(
        [unassigned.id, unassigned.id, assigned.id, assigned.id].map(String).sort(),
      );

      const live = await realtime.next((m) => m.type === 'sla.warning' && m.ticket_id === assigned.id);
      expect(KINDS).toContain(live.data.kind);
      expect(realtime.messages.filter((m) => m.type === 'sla.warning')).toHaveLength(4);
    });

    it('warns nobody when the policy does not warn, the clock is paused, the target is due or the ticket resolved', async () => {
      await setWarning(t, admin, 'urgent', 30, [60, 240]);
      const off = await makeTicket(t, requester, { priority: 'medium' }); // warn_before_minutes 0
      const later = await makeTicket(t, requester, { priority: 'urgent' }); // due after the window
      const paused = await makeTicket(t, requester, { priority: 'urgent' });
      const resolved = await makeTicket(t, requester, { priority: 'urgent' });
      const due = await makeTicket(t, requester, { priority: 'urgent' });
      const witness = await makeTicket(t, requester, { priority: 'urgent' });
      for (const [ticket, status] of [
        [paused, 'pending'],
        [resolved, 'resolved'],
      ] as const) {
        const res = await t.http.patch(
          `/api/v1/tickets/${ticket.id}`,
          { version: ticket.version, status },
          { token: agents[0].token },
        );
        expect(res.status).toBe(200);
      }
      await dueSoon(t.dataSource, [off.id, paused.id, resolved.id, witness.id]);
      await t.dataSource.query(
        `UPDATE tickets SET first_response_due_at = now() + interval '2 hours',
                            resolution_due_at = now() + interval '3 hours' WHERE id = $1`,
        [later.id],
      );
      await t.dataSource.query(`UPDATE tickets SET first_response_due_at = now() - interval '1 minute' WHERE id = $1`, [
        due.id,
      ]);

      // The witness is warned by some sweep; two sweeps after that have seen every other ticket too.
      await waitFor(async () => (await warningEventCount(t.dataSource, [witness.id])) === 2, { timeoutMs: 20_000 });
      await waitForSweeps(escalations, 2);
      const quiet = [off.id, later.id, paused.id, resolved.id, due.id];
      expect(await warningEventCount(t.dataSource, quiet)).toBe(0);
      expect(
        (await warningStates(t.dataSource, quiet)).filter((s) => s.first_response_warned || s.resolution_warned),
      ).toEqual([]);
      // The due one escalated instead (its resolution, 4 h away, is outside the window).
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'sla.breached'`,
        [due.id],
      );
      expect(n).toBe(1);
      await waitForIdle(mails);
      for (const id of quiet) expect(warningsAbout(id)).toEqual([]);
    });

    it('leaves nothing behind when a page fails before commit, and the next sweep warns once', async () => {
      await setWarning(t, admin, 'urgent', 30, [60, 240]);
      const outbox = t.app.get(OutboxService, { strict: false });
      const addMany = outbox.addMany.bind(outbox);
      let failed = 0;
      jest.spyOn(outbox, 'addMany').mockImplementation(async (messages) => {
        if (!failed && messages.some((m) => m.message.subject.startsWith('[SLA warning]'))) {
          failed++;
          throw new Error('worker killed mid-page');
        }
        return addMany(messages);
      });
      try {
        const ticket = await makeTicket(t, requester, { priority: 'urgent' });
        await dueSoon(t.dataSource, [ticket.id]);
        await waitFor(async () => (await warningEventCount(t.dataSource, [ticket.id])) === 2, { timeoutMs: 20_000 });
        await waitForSweeps(escalations, 2);
        expect(failed).toBe(1);
        expect(await warningEventCount(t.dataSource, [ticket.id])).toBe(2);
        const rows = await warningMailRows(t.dataSource, [ticket.id]);
        expect([...rows.keys].sort()).toEqual(
          KINDS.flatMap((kind) =>
            [agents[0], agents[1]].map((a) => `sla-warning-${ticket.id}-${kind}-${a.user.id}`),
          ).sort(),
        );
      } finally {
        jest.restoreAllMocks();
      }
    });

    it('reads the breach indexes as a range scan over the due dates', async () => {
      const [{ id: requesterId }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [
        requester.email,
      ]);
      // A desk's history: most tickets resolved; the open ones due from an hour ago to two days ahead.
      await t.dataSource.query(
        `INSERT INTO tickets (title, description, requester_id, priority, first_response_due_at, resolution_due_at,
                              resolved_at, status, first_responded_at)
         SELECT 'Seed ' || g, 'Seed', $1, 'urgent', now() + (g % 3000 - 60) * interval '1 minute',
                now() + (g % 3000) * interval '1 minute',
                CASE WHEN g % 10 <> 0 THEN now() END,
                CASE WHEN g % 10 <> 0 THEN 'resolved' ELSE 'open' END::ticket_status,
                CASE WHEN g % 3 = 0 THEN now() END
           FROM generate_series(1, 50000) g`,
        [requesterId],
      );
      await t.dataSource.query('ANALYZE tickets');
      for (const kind of KINDS) {
        const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${markWarnedSql(kind)}`, [
          'urgent',
          30,
          100,
        ]);
        const all = nodes(plan[0].Plan as PlanNode);
        expect(all.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
        const candidates = all.find((n) => n['Index Name'] === `tickets_${kind}_breach_idx`);
        expect(candidates?.['Index Cond']).toMatch(
          new RegExp(`${kind}_due_at > now\\(\\)\\) AND \\(${kind}_due_at <=`),
        );
      }
    });
  });

  it('three workers sweeping at once, again and again, warn each ticket once per kind', async () => {
    const deployment = { databaseUrl: await createTestDatabase(), redisKeyPrefix: newRedisKeyPrefix(), workers: true };
    const env = { ...FAST_WORKER_ENV, SMTP_URL: smtp.url };
    const apps: TestApp[] = [];
    let mails: Queue | undefined;
    try {
      for (let i = 0; i < 3; i++) apps.push(await startTestApp({ ...deployment, env }));
      const [a] = apps;
      mails = queueOf(QUEUES.MAIL, a.redisKeyPrefix);
      const admin = await makeAdmin(a);
      const agents = [await makeAgent(a), await makeAgent(a)];
      const requester = await makeUser(a);
      const tickets = [];
      for (let i = 0; i < 24; i++) {
        const ticket = await makeTicket(a, requester, { priority: 'high' });
        if (i % 2) {
          await a.http.post(
            `/api/v1/tickets/${ticket.id}/assign`,
            { assignee_id: agents[0].user.id },
            { token: admin.token },
          );
        }
        tickets.push(ticket);
      }
      const ids = tickets.map((ticket) => ticket.id);
      await dueSoon(a.dataSource, ids);
      // The window opens for all of them at once, while every instance sweeps, three times over.
      await setWarning(a, admin, 'high', 30, [120, 1440]);
      await Promise.all(apps.flatMap((app) => [0, 1, 2].map(() => app.app.get(SlaSweeper, { strict: false }).sweep())));

      const unassigned = new Set(ids.filter((_, i) => i % 2 === 0));
      const recipientsOf = (id: number) => (unassigned.has(id) ? agents.map((x) => x.email).sort() : [agents[0].email]);
      const expectedMails = ids.reduce((sum, id) => sum + KINDS.length * recipientsOf(id).length, 0);
      await smtp.waitForMessages(expectedMails, (m) => m.subject.startsWith('[SLA warning]'), 30_000);
      await Promise.all(apps.map((app) => app.app.get(SlaSweeper, { strict: false }).sweep()));
      await waitForIdle(mails);

      for (const state of await warningStates(a.dataSource, ids)) {
        expect({ id: state.id, kinds: state.events.map((e) => e.kind) }).toEqual({
          id: state.id,
          kinds: ['first_response', 'resolution'],
        });
        expect(state.first_response_warned && state.resolution_warned).toBe(true);
      }
      const rows = await warningMailRows(a.dataSource, ids);
      expect(rows.unrelayed).toBe(0);
      expect(rows.keys).toHaveLength(expectedMails);
      for (const ticket of tickets) {
        const mailsOf = warningsAbout(ticket.id);
        const recipients = recipientsOf(ticket.id);
        for (const kind of KINDS) {
          expect(
            mailsOf
              .filter((m) => m.text.includes(`(${kind})`))
              .flatMap((m) => m.envelopeTo)
              .sort(),
          ).toEqual(recipients);
        }
      }
    } finally {
      await mails?.close();
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
