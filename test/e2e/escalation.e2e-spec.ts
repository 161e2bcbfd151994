// The escalation worker in one app (API + in-process workers), against real Postgres, Redis and an
// in-test SMTP server: what escalates, what it writes and whom it mails, and what does not escalate.
import { Queue } from 'bullmq';
import { TransactionContext } from '../../src/database/transaction-context';
import { EscalationService } from '../../src/escalation/escalation.service';
import { HousekeepingService } from '../../src/housekeeping/housekeeping.service';
import { outboxJobId, OutboxService } from '../../src/outbox/outbox.service';
import { QUEUES } from '../../src/queues/queues';
import { backdatePause, makeTicket, setSlaClock } from '../factories/tickets';
import { deactivateUser, makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { waitFor } from '../support/assertions';
import {
  alertRows,
  breach,
  escalationStates,
  FAST_WORKER_ENV,
  queueOf,
  waitForIdle,
  waitForLevel,
  waitForSweeps,
} from '../support/escalation';
import { CapturedMail, SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

describe('escalation', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let escalations: Queue;
  let mails: Queue;
  let admins: TestUser[];
  let agent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await startTestApp({ workers: true, env: { ...FAST_WORKER_ENV, SMTP_URL: smtp.url } });
    escalations = queueOf(QUEUES.ESCALATION, t.redisKeyPrefix);
    mails = queueOf(QUEUES.MAIL, t.redisKeyPrefix);
    admins = [await makeAdmin(t), await makeAdmin(t)];
    agent = await makeAgent(t);
    requester = await makeUser(t);
    // An admin who left: never mailed.
    const former = await makeAdmin(t);
    await deactivateUser(t, former.user.id);
  });

  afterAll(async () => {
    await escalations?.close();
    await mails?.close();
    await t?.close();
    await smtp?.close();
  });

  const alertsFor = (id: number) => smtp.messages.filter((m) => m.subject.startsWith(`[Escalated] #${id} `));
  const recipientsOf = (messages: CapturedMail[]) => messages.flatMap((m) => m.envelopeTo).sort();
  const adminEmails = () => admins.map((admin) => admin.email);

  async function assigned(overrides: Parameters<typeof makeTicket>[2] = {}) {
    const ticket = await makeTicket(t, requester, overrides);
    const res = await t.http.post(
      `/api/v1/tickets/${ticket.id}/assign`,
      { assignee_id: agent.user.id },
      {
        token: agent.token,
      },
    );
    expect(res.status).toBe(200);
    return res.body as { id: number; version: number; [key: string]: any };
  }

  async function patch(id: number, body: Record<string, unknown>, who: TestUser = agent) {
    const current = await t.http.get(`/api/v1/tickets/${id}`, { token: who.token });
    const res = await t.http.patch(
      `/api/v1/tickets/${id}`,
      { version: current.body.version, ...body },
      {
        token: who.token,
      },
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Everything the sweeps could do about tickets breached before this call has been done. */
  async function settle() {
    await waitForSweeps(escalations);
    await waitForIdle(escalations);
    await waitForIdle(mails);
  }

  it('escalates a breached ticket once: status, level, both events, one alert each to the assignee and every active admin', async () => {
    const ticket = await assigned({ title: 'Printer <script>alert(1)</script> on fire', priority: 'high' });
    await breach(t.dataSource, [ticket.id], ['first_response']);
    const { first_response_due_at: due } = (
      await t.dataSource.query('SELECT first_response_due_at FROM tickets WHERE id = $1', [ticket.id])
    )[0];

    await waitForLevel(t.dataSource, [ticket.id], 1);
    const expected = [agent.email, ...adminEmails()].sort();
    await smtp.waitForMessages(expected.length, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
    await settle();

    const res = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
    expect(res.body).toMatchObject({
      status: 'escalated',
      escalation_level: 1,
      escalated_at: expect.stringMatching(/Z$/),
      is_breached: true,
      version: ticket.version + 1,
    });
    const worker = res.body.timeline.filter((e: any) => ['sla.breached', 'ticket.escalated'].includes(e.type));
    expect(worker).toEqual([
      expect.objectContaining({
        type: 'sla.breached',
        actor: null,
        data: { kind: 'first_response', due_at: new Date(due).toISOString() },
      }),
      expect.objectContaining({
        type: 'ticket.escalated',
        actor: null,
        data: { kind: 'first_response', level: 1, from: 'open', to: 'escalated' },
      }),
    ]);

    // Several sweeps later: still one alert per person, never the requester nor the former admin.
    const alerts = alertsFor(ticket.id);
    expect(recipientsOf(alerts)).toEqual(expected);
    const mail = alerts[0];
    expect(mail.subject).toBe(`[Escalated] #${ticket.id} Printer <script>alert(1)</script> on fire`);
    for (const part of [`#${ticket.id}`, 'Printer <script>alert(1)</script> on fire', 'high', 'first response']) {
      expect(mail.text).toContain(part);
    }
    expect(mail.text).toContain(new Date(due).toISOString());
    expect(mail.text).toContain(`Test agent <${agent.email}>`);
    expect(mail.html).toContain('Printer &lt;script&gt;alert(1)&lt;/script&gt; on fire');
    expect(mail.html).not.toContain('<script>');
    expect(await alertRows(t.dataSource, [ticket.id])).toEqual({ total: 3, unrelayed: 0 });
  });

  it('escalates a ticket that missed both targets twice (level 2), with two sets of alerts', async () => {
    const ticket = await assigned();
    await breach(t.dataSource, [ticket.id], ['first_response', 'resolution']);

    await waitForLevel(t.dataSource, [ticket.id], 2);
    await smtp.waitForMessages(6, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
    await settle();

    expect(await escalationStates(t.dataSource, [ticket.id])).toEqual([
      {
        id: ticket.id,
        status: 'escalated',
        escalation_level: 2,
        first_response_escalated: true,
        resolution_escalated: true,
        breached_events: 2,
        escalated_events: 2,
      },
    ]);
    const alerts = alertsFor(ticket.id);
    expect(alerts).toHaveLength(6);
    const byKind = (kind: string) => recipientsOf(alerts.filter((m) => m.text.includes(`(${kind})`)));
    expect(byKind('first_response')).toEqual([agent.email, ...adminEmails()].sort());
    expect(byKind('resolution')).toEqual([agent.email, ...adminEmails()].sort());
  });

  it('never escalates a ticket resolved (or answered) before the sweep, nor a deleted one', async () => {
    const resolved = await assigned();
    await patch(resolved.id, { status: 'resolved' });
    const answered = await assigned();
    const reply = await t.http.post(
      `/api/v1/tickets/${answered.id}/comments`,
      { body: 'On it' },
      {
        token: agent.token,
      },
    );
    expect(reply.status).toBe(201);
    const deleted = await makeTicket(t, requester);
    expect((await t.http.delete(`/api/v1/tickets/${deleted.id}`, { token: admins[0].token })).status).toBe(204);
    const control = await makeTicket(t, requester);

    // Resolved late, answered late, deleted: all of them missed the first response target.
    await breach(t.dataSource, [resolved.id, answered.id, deleted.id, control.id], ['first_response']);
    await waitForLevel(t.dataSource, [control.id], 1);
    await settle();

    const states = await escalationStates(t.dataSource, [resolved.id, answered.id, deleted.id]);
    expect(states.map((s) => [s.status, s.escalation_level, s.escalated_events])).toEqual([
      ['resolved', 0, 0],
      ['open', 0, 0],
      ['open', 0, 0],
    ]);
    // However late an escalate job arrives: it changes nothing.
    const service = t.app.get(EscalationService);
    expect(await service.escalate(resolved.id, 'first_response')).toBe(false);
    expect(await service.escalate(resolved.id, 'resolution')).toBe(false);
    expect(alertsFor(resolved.id)).toHaveLength(0);
    expect(alertsFor(answered.id)).toHaveLength(0);
    // The answered ticket still escalates when it misses its resolution target.
    await breach(t.dataSource, [answered.id], ['resolution']);
    await waitForLevel(t.dataSource, [answered.id], 1);
    expect((await escalationStates(t.dataSource, [answered.id]))[0]).toMatchObject({
      first_response_escalated: false,
      resolution_escalated: true,
    });
  });

  it('moves both due dates later by the time spent in pending', async () => {
    const ticket = await assigned();
    await patch(ticket.id, { status: 'pending' });
    // Two hours in pending (the clock stopped when it entered).
    await backdatePause(t, ticket.id, '2 hours');
    const resumed = await patch(ticket.id, { status: 'in_progress' });

    for (const field of ['first_response_due_at', 'resolution_due_at']) {
      const moved = (Date.parse(resumed[field]) - Date.parse(ticket[field])) / 1000;
      expect(moved).toBeGreaterThanOrEqual(7200);
      expect(moved).toBeLessThan(7200 + 10);
    }
  });

  it('does not escalate a ticket paused before its due time, and escalates (and resumes) one paused after it', async () => {
    const early = await assigned();
    const late = await assigned();
    await patch(early.id, { status: 'pending' });
    await patch(late.id, { status: 'pending' });
    // Due 10 minutes ago; one pause began before that (no breach), the other after (breached, then paused).
    await setSlaClock(t, early.id, { firstResponseDueAt: '10 minutes ago', pausedAt: '20 minutes ago' });
    await setSlaClock(t, late.id, { firstResponseDueAt: '10 minutes ago', pausedAt: '5 minutes ago' });

    await waitForLevel(t.dataSource, [late.id], 1);
    await settle();

    const [earlyState, lateState] = await escalationStates(t.dataSource, [early.id, late.id]);
    expect([earlyState.status, earlyState.escalation_level]).toEqual(['pending', 0]);
    expect([lateState.status, lateState.escalation_level]).toEqual(['escalated', 1]);
    // Leaving pending restarted the clock: the 5 paused minutes were credited, the ticket is still late.
    const [row] = await t.dataSource.query(
      `SELECT paused_at, paused_seconds, first_response_due_at < now() AS still_late FROM tickets WHERE id = $1`,
      [late.id],
    );
    expect(row.paused_at).toBeNull();
    expect(row.paused_seconds).toBeGreaterThanOrEqual(300);
    expect(row.still_late).toBe(true);
    const res = await t.http.get(`/api/v1/tickets/${late.id}`, { token: agent.token });
    expect(res.body.timeline.find((e: any) => e.type === 'ticket.escalated').data).toMatchObject({
      from: 'pending',
      to: 'escalated',
    });
    expect(res.body.is_breached).toBe(true);
  });

  it('sends no second alert when the escalate job throws after its commit and is retried', async () => {
    const service = t.app.get(EscalationService);
    const original = service.escalate.bind(service);
    const ticket = await assigned();
    const outcomes: boolean[] = [];
    const spy = jest.spyOn(service, 'escalate').mockImplementation(async (id, kind) => {
      const escalated = await original(id, kind);
      if (id !== ticket.id) return escalated;
      outcomes.push(escalated);
      if (outcomes.length === 1) throw new Error('worker blew up after the commit');
      return escalated;
    });
    try {
      await breach(t.dataSource, [ticket.id], ['first_response']);
      // The first attempt committed and threw; BullMQ retried; the retry found it escalated.
      await waitFor(() => outcomes.length >= 2);
      await smtp.waitForMessages(3, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
      await settle();
    } finally {
      spy.mockRestore();
    }
    expect(outcomes).toEqual([true, false]);
    expect(alertsFor(ticket.id)).toHaveLength(3);
    expect((await escalationStates(t.dataSource, [ticket.id]))[0]).toMatchObject({
      escalation_level: 1,
      breached_events: 1,
      escalated_events: 1,
    });
  });

  it('records delivery, keeps only recipient and subject of a delivered email, and purges it after a week', async () => {
    const ticket = await makeTicket(t, requester);
    await breach(t.dataSource, [ticket.id], ['first_response']);
    await smtp.waitForMessages(admins.length, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
    await settle();
    const key = `escalation-${ticket.id}-first_response-%`;
    const rows: Array<{ payload: Record<string, unknown>; delivered: boolean }> = await t.dataSource.query(
      `SELECT payload, delivered_at >= relayed_at AS delivered FROM outbox WHERE dedupe_key LIKE $1`,
      [key],
    );
    expect(rows).toHaveLength(admins.length);
    expect(rows.map((row) => [Object.keys(row.payload).sort(), row.delivered])).toEqual(
      rows.map(() => [['subject', 'to'], true]),
    );

    await t.dataSource.query(`UPDATE outbox SET relayed_at = now() - interval '8 days' WHERE dedupe_key LIKE $1`, [
      key,
    ]);
    await t.app.get(HousekeepingService).purgeRelayedOutbox();
    expect(await alertRows(t.dataSource, [ticket.id])).toEqual({ total: 0, unrelayed: 0 });
  });

  it('records as relayed an email delivered from a job whose relay never committed (its worker died)', async () => {
    const outbox = t.app.get(OutboxService);
    const dedupe = `orphan-${Date.now()}`;
    await t.app
      .get(TransactionContext)
      .begin(() => outbox.add({ to: admins[0].email, subject: 'Orphan', text: 'body' }, dedupe));
    const [row] = await t.dataSource.query(`SELECT id, created_at FROM outbox WHERE dedupe_key = $1`, [dedupe]);
    // What the mail worker does once SMTP accepted it; the relay's own UPDATE rolled back with its process.
    await outbox.markDelivered(row.id, row.created_at.getTime());
    const [after] = await t.dataSource.query(
      `SELECT relayed_at IS NOT NULL AS relayed, delivered_at IS NOT NULL AS delivered FROM outbox WHERE id = $1`,
      [row.id],
    );
    expect(after).toEqual({ relayed: true, delivered: true });
  });

  it('queues again an email whose job Redis lost, records a delivery whose stamp failed, and sends nothing else twice', async () => {
    const outbox = t.app.get(OutboxService);
    const stamp = Date.now();
    const subjects = [1, 2, 3, 4].map((n) => `Overdue ${n} ${stamp}`);
    await t.app.get(TransactionContext).begin(async () => {
      for (const s of subjects) await outbox.add({ to: admins[0].email, subject: s, text: 'body' }, `od-${s}`);
    });
    const ids: string[] = (
      await t.dataSource.query(`SELECT id FROM outbox WHERE dedupe_key = ANY($1) ORDER BY id`, [
        subjects.map((s) => `od-${s}`),
      ])
    ).map((row: { id: string }) => row.id);
    // 4 is relayed and delivered the normal way; then its stamp is undone, as if recording it had failed.
    await t.dataSource.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [ids.slice(0, 3)]);
    await outbox.relay();
    await smtp.waitForMessages(1, (m) => m.subject === subjects[3]);
    await waitFor(
      async () => (await t.dataSource.query(`SELECT delivered_at FROM outbox WHERE id = $1`, [ids[3]]))[0].delivered_at,
    );
    // 1-3 were "relayed" without a job (as if Redis lost it): 1 is overdue; 2 was relayed just now
    // (its job could still be retrying); 3 is overdue but past its send_before.
    await t.dataSource.query(
      `UPDATE outbox o SET relayed_at = now() - v.relayed_ago, send_before = now() + v.send_within,
              delivered_at = NULL, payload = o.payload || '{"text": "body"}'
         FROM (VALUES ($1::bigint, interval '11 minutes', interval '1 hour'),
                      ($2::bigint, interval '0', interval '1 hour'),
                      ($3::bigint, interval '11 minutes', interval '-1 minute'),
                      ($4::bigint, interval '11 minutes', interval '1 hour')) AS v (id, relayed_ago, send_within)
        WHERE o.id = v.id`,
      ids,
    );

    expect(await outbox.relay()).toBe(1);
    await smtp.waitForMessages(1, (m) => m.subject === subjects[0]);
    await waitFor(
      async () => (await t.dataSource.query(`SELECT delivered_at FROM outbox WHERE id = $1`, [ids[0]]))[0].delivered_at,
    );
    // The next sweeps resend nothing.
    expect(await outbox.relay()).toBe(0);
    await settle();
    expect(
      smtp.messages
        .filter((m) => subjects.includes(m.subject))
        .map((m) => m.subject)
        .sort(),
    ).toEqual([subjects[0], subjects[3]].sort());
    const states: Array<{ delivered: boolean; body: boolean }> = await t.dataSource.query(
      `SELECT delivered_at IS NOT NULL AS delivered, payload ? 'text' AS body
         FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    expect(states).toEqual([
      { delivered: true, body: false },
      { delivered: false, body: true },
      { delivered: false, body: true },
      { delivered: true, body: false },
    ]);
  });

  it('delivers alerts once SMTP is back after refusing the first attempts', async () => {
    const ticket = await makeTicket(t, requester);
    const rejectedBefore = smtp.rejected;
    smtp.failNextDeliveries(3);
    await breach(t.dataSource, [ticket.id], ['first_response']);

    await smtp.waitForMessages(admins.length, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
    await settle();
    expect(smtp.rejected - rejectedBefore).toBe(3);
    expect(recipientsOf(alertsFor(ticket.id))).toEqual(adminEmails().sort());
    const rows: Array<{ id: string; created_at: Date }> = await t.dataSource.query(
      `SELECT id, created_at FROM outbox WHERE dedupe_key LIKE $1 ORDER BY id`,
      [`escalation-${ticket.id}-%`],
    );
    const attempts = await Promise.all(rows.map(async (row) => (await mails.getJob(outboxJobId(row)))!.attemptsMade));
    expect(attempts.reduce((sum, n) => sum + n, 0)).toBe(admins.length + 3);
  });
});
