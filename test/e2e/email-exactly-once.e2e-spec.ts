// Exactly once (API "Email channel"): a message whose Message-ID was processed creates nothing
// more, however often and by whichever path it arrives: sent twice, sent ten times at once over
// SMTP and HTTP, or retried by a sender that never saw the desk's answer. The desk answers 250
// only after the commit, so a message whose transaction did not commit is taken on the retry.
import { Client } from 'pg';
import { makeUser, TestUser } from '../factories/users';
import { waitFor } from '../support/assertions';
import {
  commentsOf,
  customerAddress,
  customerMessageId,
  emailRowsOf,
  outboxCountFor,
  sendRawToDesk,
  smtpOutcome,
  smtpRefusal,
  ticketsOfSender,
  waitForMailTo,
} from '../support/inbound-desk';
import { composeRaw, ingestOverHttp, smtpPortOf, TEST_INBOUND_SECRET } from '../support/inbound-mail';
import { SmtpAnswerCutter } from '../support/smtp-answer-cutter';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

const DESK = ['support@localhost'];

describe('email exactly once', () => {
  let capture: SmtpCapture;
  let t: TestApp;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await startTestApp({ workers: true, env: { SMTP_URL: capture.url, INBOUND_SECRET: TEST_INBOUND_SECRET } });
  });

  afterAll(async () => {
    await t?.close();
    await capture?.close();
  });

  const newMessage = async (label: string) => {
    const sender = customerAddress(label);
    const messageId = customerMessageId(label);
    const raw = await composeRaw({
      from: sender,
      subject: `Only once (${label})`,
      text: 'Please count me once.',
      messageId,
    });
    return { sender, messageId, raw };
  };

  /** One ticket, one received row, one acknowledgement queued and delivered. */
  const expectOneTicket = async ({ sender, messageId }: { sender: string; messageId: string }) => {
    const tickets = await ticketsOfSender(t, sender);
    expect(tickets).toHaveLength(1);
    expect(await emailRowsOf(t, messageId)).toEqual([
      expect.objectContaining({ direction: 'in', outcome: 'created', ticket_id: tickets[0].id }),
    ]);
    expect(await outboxCountFor(t, sender)).toBe(1);
    const [ack] = await waitForMailTo(capture, sender);
    expect(ack.inReplyTo).toBe(messageId);
    return tickets[0];
  };

  it('the same message twice in a row over SMTP: one ticket, the second answer a 250 duplicate', async () => {
    const message = await newMessage('twice');
    const first = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK });
    const second = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK });
    expect([first, second].map(smtpOutcome)).toEqual(['created', 'duplicate']);
    expect(second).toMatch(/^250 /);
    await expectOneTicket(message);
  });

  it('the same Message-ID again over HTTP, other bytes: a duplicate', async () => {
    const message = await newMessage('other-path');
    expect(smtpOutcome(await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK }))).toBe('created');
    // The same message relayed by a provider, which added a header on the way.
    const relayed = Buffer.concat([Buffer.from('X-Relayed-By: provider.example.test\r\n'), message.raw]);
    const res = await ingestOverHttp(t, relayed);
    const ticket = await expectOneTicket(message);
    expect(res).toEqual({ status: 202, body: { status: 'duplicate', ticket_id: ticket.id, comment_id: null } });
  });

  it('ten copies at once, over SMTP and HTTP: one ticket, one row, created once and duplicate nine times', async () => {
    const message = await newMessage('concurrent');
    const smtp = Array.from({ length: 5 }, () => sendRawToDesk(t, message.raw, { from: message.sender, to: DESK }));
    const http = Array.from({ length: 5 }, () => ingestOverHttp(t, message.raw));
    const [smtpAnswers, httpAnswers] = await Promise.all([Promise.all(smtp), Promise.all(http)]);

    for (const answer of smtpAnswers) expect(answer).toMatch(/^250 /);
    for (const answer of httpAnswers) expect(answer.status).toBe(202);
    const outcomes = [...smtpAnswers.map(smtpOutcome), ...httpAnswers.map((answer) => answer.body.status)];
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(9);
    const ticket = await expectOneTicket(message);
    // Each answer names the one ticket (a duplicate's: the one its first copy made).
    for (const answer of httpAnswers) expect(answer.body).toMatchObject({ ticket_id: ticket.id, comment_id: null });
  });

  it('a reply arriving twice is one comment', async () => {
    const requester: TestUser = await makeUser(t);
    const first = customerMessageId('reply-base');
    const opened = await ingestOverHttp(
      t,
      await composeRaw({ from: requester.email, subject: 'Base', text: 'Hello.', messageId: first }),
    );
    const [ack] = await waitForMailTo(capture, requester.email);
    const reply = await composeRaw({
      from: requester.email,
      subject: `Re: ${ack.subject}`,
      text: 'Just once, please.',
      messageId: customerMessageId('reply-twice'),
      inReplyTo: ack.messageId,
      references: [first, ack.messageId!],
    });
    const answers = await Promise.all([
      ingestOverHttp(t, reply),
      sendRawToDesk(t, reply, { from: requester.email, to: DESK }),
      ingestOverHttp(t, reply),
    ]);
    const outcomes = [answers[0].body.status, smtpOutcome(answers[1]), answers[2].body.status];
    expect(outcomes.sort()).toEqual(['appended', 'duplicate', 'duplicate']);
    expect(await commentsOf(t, opened.body.ticket_id as number)).toEqual([
      expect.objectContaining({ author_id: requester.user.id, body: 'Just once, please.' }),
    ]);
  });

  describe('a sender that retries', () => {
    let cutter: SmtpAnswerCutter;

    beforeAll(async () => {
      cutter = new SmtpAnswerCutter(smtpPortOf(t));
      await cutter.start();
    });

    afterAll(() => cutter?.close());

    it('after the 250 was lost on the way back (committed): the retry is a duplicate, one ticket', async () => {
      const message = await newMessage('lost-answer');
      // The connection breaks after the end of DATA: the client never hears the answer.
      const lost = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK }, cutter.port).then(
        (answer) => ({ answer }),
        (error: Error & { code?: string }) => ({ error }),
      );
      expect(lost).toEqual({ error: expect.any(Error) });
      expect(cutter.swallowed).toHaveLength(1);
      expect(smtpOutcome(cutter.swallowed[0])).toBe('created');

      // The sender's queue retries the same bytes.
      const retry = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK });
      expect(smtpOutcome(retry)).toBe('duplicate');
      await expectOneTicket(message);
    });

    it('after the transaction died before commit: a 4xx (never a 5xx), nothing kept, the retry creates it once', async () => {
      const message = await newMessage('no-commit');
      // Another session holds the Message-ID uncommitted, so the desk's transaction waits on its
      // claim, mid-message; then its database connection is killed, as a crash would.
      const blocker = new Client({ connectionString: t.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(
          `INSERT INTO email_messages (message_id, direction, sender, outcome) VALUES ($1, 'in', 'blocker@example.test', 'processing')`,
          [message.messageId],
        );
        const [{ pid: blockerPid }] = (await blocker.query('SELECT pg_backend_pid() AS pid')).rows;
        const attempt = smtpRefusal(sendRawToDesk(t, message.raw, { from: message.sender, to: DESK }));
        // The session waiting on the blocker (the desk's claim), asked outside the blocker's
        // transaction: inside one, pg_stat_activity is a snapshot taken at its first read.
        const waiting = await waitFor(async () => {
          const rows: Array<{ pid: number }> = await t.dataSource.query(
            `SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))`,
            [blockerPid],
          );
          return rows[0];
        });
        await blocker.query('SELECT pg_terminate_backend($1)', [waiting.pid]);
        const code = await attempt;
        expect(code).toBeGreaterThanOrEqual(400);
        expect(code).toBeLessThan(500);
        await blocker.query('ROLLBACK');
      } finally {
        await blocker.end();
      }
      expect(await emailRowsOf(t, message.messageId)).toEqual([]);
      expect(await ticketsOfSender(t, message.sender)).toEqual([]);

      const retry = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK });
      expect(smtpOutcome(retry)).toBe('created');
      const again = await sendRawToDesk(t, message.raw, { from: message.sender, to: DESK });
      expect(smtpOutcome(again)).toBe('duplicate');
      await expectOneTicket(message);
    });
  });
});
