// Exactly once across processes: three app instances with workers on one database and one Redis
// namespace race on the same breached tickets; and a process that dies between its commit and
// the enqueue of its emails still gets them out (through another process's sweep).
import { Queue } from 'bullmq';
import { EscalationService } from '../../src/escalation/escalation.service';
import { OutboxService } from '../../src/outbox/outbox.service';
import { QUEUES } from '../../src/queues/queues';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser } from '../factories/users';
import {
  alertRows,
  breach,
  escalationStates,
  FAST_WORKER_ENV,
  Kind,
  queueOf,
  waitForIdle,
  waitForLevel,
  waitForSweeps,
} from '../support/escalation';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp } from '../support/test-app';

describe('escalation across processes', () => {
  // One SMTP server per test: each test has its own database, whose ticket ids start at 1 again.
  let smtp: SmtpCapture;

  beforeEach(async () => {
    smtp = await startSmtpCapture();
  });
  afterEach(() => smtp.close());

  const alertsFor = (id: number) => smtp.messages.filter((m) => m.subject.startsWith(`[Escalated] #${id} `));

  it('three workers racing on the same breached tickets escalate each once and send each email once', async () => {
    const deployment = { databaseUrl: await createTestDatabase(), redisKeyPrefix: newRedisKeyPrefix(), workers: true };
    const env = { ...FAST_WORKER_ENV, SMTP_URL: smtp.url, ESCALATION_CONCURRENCY: '10' };
    const apps: TestApp[] = [];
    let escalations: Queue | undefined;
    let mails: Queue | undefined;
    try {
      for (let i = 0; i < 3; i++) apps.push(await startTestApp({ ...deployment, env }));
      const [a] = apps;
      escalations = queueOf(QUEUES.ESCALATION, a.redisKeyPrefix);
      mails = queueOf(QUEUES.MAIL, a.redisKeyPrefix);
      const admins = [await makeAdmin(a), await makeAdmin(a)];
      const agent = await makeAgent(a);
      const requester = await makeUser(a);
      const tickets = [];
      for (let i = 0; i < 30; i++) {
        const ticket = await makeTicket(a, requester);
        await a.http.post(
          `/api/v1/tickets/${ticket.id}/assign`,
          { assignee_id: agent.user.id },
          { token: agent.token },
        );
        tickets.push(ticket);
      }
      const ids = tickets.map((ticket) => ticket.id);
      const kinds: Kind[] = ['first_response', 'resolution'];

      // All breached at once: every instance's sweep finds them; on top of that, every instance
      // escalates every ticket and kind directly, at the same time, racing on the rows.
      await breach(a.dataSource, ids, kinds);
      const direct = await Promise.all(
        apps.flatMap((app) =>
          ids.flatMap((id) => kinds.map((kind) => app.app.get(EscalationService).escalate(id, kind))),
        ),
      );

      await waitForLevel(a.dataSource, ids, 2);
      const recipients = [agent.email, ...admins.map((admin) => admin.email)].sort();
      const expected = ids.length * kinds.length * recipients.length;
      await smtp.waitForMessages(
        expected,
        (m) => ids.some((id) => m.subject.startsWith(`[Escalated] #${id} `)),
        30_000,
      );
      await waitForSweeps(escalations, 2);
      await waitForIdle(escalations);
      await waitForIdle(mails);

      // At most one of the 3 direct calls per ticket and kind won (the sweeps' jobs may have won instead).
      expect(direct.filter(Boolean).length).toBeLessThanOrEqual(ids.length * kinds.length);
      for (const state of await escalationStates(a.dataSource, ids)) {
        expect(state).toEqual({
          id: state.id,
          status: 'escalated',
          escalation_level: 2,
          first_response_escalated: true,
          resolution_escalated: true,
          breached_events: 2,
          escalated_events: 2,
        });
      }
      expect(await alertRows(a.dataSource, ids)).toEqual({ total: expected, unrelayed: 0 });
      for (const id of ids) {
        const alerts = alertsFor(id);
        for (const kind of kinds) {
          const ofKind = alerts.filter((m) => m.text.includes(`(${kind})`));
          expect(ofKind.flatMap((m) => m.envelopeTo).sort()).toEqual(recipients);
        }
      }
    } finally {
      await escalations?.close();
      await mails?.close();
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  it('gets the alerts of a process that died between its commit and the enqueue out through the next sweep', async () => {
    const deployment = { databaseUrl: await createTestDatabase(), redisKeyPrefix: newRedisKeyPrefix(), workers: true };
    const env = { ...FAST_WORKER_ENV, SMTP_URL: smtp.url };
    const doomed = await startTestApp({ ...deployment, env });
    let survivor: TestApp | undefined;
    try {
      const admin = await makeAdmin(doomed);
      const requester = await makeUser(doomed);
      const ticket = await makeTicket(doomed, requester);
      // This process commits escalations but never gets to relay its outbox (as if killed right after commit).
      const outbox = doomed.app.get(OutboxService);
      jest.spyOn(outbox, 'relaySoon').mockImplementation(() => undefined);
      jest.spyOn(outbox, 'relay').mockResolvedValue(0);

      await breach(doomed.dataSource, [ticket.id]);
      await waitForLevel(doomed.dataSource, [ticket.id], 1);
      expect(await alertRows(doomed.dataSource, [ticket.id])).toEqual({ total: 1, unrelayed: 1 });
      await doomed.close();
      expect(alertsFor(ticket.id)).toHaveLength(0);

      survivor = await startTestApp({ ...deployment, env });
      const [mail] = await smtp.waitForMessages(1, (m) => m.subject.startsWith(`[Escalated] #${ticket.id} `));
      expect(mail.envelopeTo).toEqual([admin.email]);
      const escalations = queueOf(QUEUES.ESCALATION, survivor.redisKeyPrefix);
      const mails = queueOf(QUEUES.MAIL, survivor.redisKeyPrefix);
      try {
        await waitForSweeps(escalations, 2);
        await waitForIdle(mails);
      } finally {
        await escalations.close();
        await mails.close();
      }
      expect(alertsFor(ticket.id)).toHaveLength(1);
      expect(await alertRows(survivor.dataSource, [ticket.id])).toEqual({ total: 1, unrelayed: 0 });
      expect((await escalationStates(survivor.dataSource, [ticket.id]))[0]).toMatchObject({
        escalation_level: 1,
        escalated_events: 1,
      });
    } finally {
      jest.restoreAllMocks();
      await survivor?.close();
      if (doomed.app.getHttpServer().listening) await doomed.close();
    }
  });
});
