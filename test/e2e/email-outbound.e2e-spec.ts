// The desk's side of the email conversation, end to end: a change through the API → the outbox in
// its transaction → the mail queue (real Redis) → SMTP (an in-test server). Public staff replies,
// resolutions and acknowledgements reach the requester threaded; internal notes never do.
import { EmailConfig, emailConfig } from '../../src/config';
import { TransactionContext } from '../../src/database/transaction-context';
import { ConversationMailer } from '../../src/email/outbound/conversation-mailer';
import { replyAddress } from '../../src/email/reply-address';
import { makeAttachment } from '../factories/attachment-uploads';
import { makeTicket } from '../factories/tickets';
import { deactivateUser, makeAgent, makeUser, TestUser } from '../factories/users';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

const SUPPORT_DOMAIN = 'desk.test';
const OWN_MESSAGE_ID = /^<helpdesk\.[0-9a-f]{32}@desk\.test>$/;

describe('email outbound', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let agent: TestUser;
  let config: EmailConfig;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await startTestApp({
      workers: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'desk@example.test', SUPPORT_ADDRESS: `support@${SUPPORT_DOMAIN}` },
    });
    config = t.app.get<EmailConfig>(emailConfig.KEY);
    agent = await makeAgent(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const comment = async (ticketId: number, who: TestUser, body: Record<string, unknown>) => {
    const res = await t.http.post(`/api/v1/tickets/${ticketId}/comments`, body, { token: who.token });
    expect(res.status).toBe(201);
    return res.body as { id: number };
  };
  const mailsOf = (ticketId: number) => smtp.messages.filter((m) => m.subject.includes(`[#${ticketId}]`));
  /** Waits until ticket `ticketId` has `count` emails whose text contains `marker`; returns them. */
  const waitForMails = (ticketId: number, marker: string, count = 1) =>
    smtp.waitForMessages(count, (m) => m.subject.includes(`[#${ticketId}]`) && m.text.includes(marker));
  /** Emails of ticket `ticketId` written to the outbox (committed with the change, before the response). */
  const outboxRows = async (ticketId: number): Promise<Array<{ dedupe_key: string }>> =>
    t.dataSource.query(`SELECT dedupe_key FROM outbox WHERE dedupe_key ~ $1 ORDER BY id`, [
      `^email:[a-z]+:${ticketId}(:|$)`,
    ]);
  const timeline = async (ticketId: number, who: TestUser) => {
    const res = await t.http.get(`/api/v1/tickets/${ticketId}`, { token: who.token });
    expect(res.status).toBe(200);
    return (res.body.timeline as Array<{ type: string; actor: unknown; data: Record<string, unknown> }>).filter(
      (event) => event.type === 'email.sent',
    );
  };

  it('mails each public staff comment to the requester, threaded and answerable', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester, { title: 'Printer <on fire> & "smoking"' });
    const first = await comment(ticket.id, agent, { body: 'Unplug it <b>now</b> & wait.\n\nThen call us.' });
    const [one] = await waitForMails(ticket.id, 'Unplug it');

    expect(one).toMatchObject({
      envelopeTo: [requester.email],
      subject: `Re: [#${ticket.id}] Printer <on fire> & "smoking"`,
      replyTo: replyAddress(ticket.id, config),
      references: [],
    });
    expect(one.from).toContain('desk@example.test');
    expect(one.replyTo).toMatch(new RegExp(`^support\\+t${ticket.id}-[0-9a-f]{16}@desk\\.test$`));
    expect(one.messageId).toMatch(OWN_MESSAGE_ID);
    expect(one.inReplyTo).toBeUndefined();
    expect(one.headers['auto-submitted']).toBeUndefined();
    expect(one.text).toContain('Unplug it <b>now</b> & wait.\n\nThen call us.');
    expect(one.text).toContain(`Reply to this email to add to request #${ticket.id}`);
    expect(one.html).toContain('<p>Unplug it &lt;b&gt;now&lt;/b&gt; &amp; wait.</p>');
    expect(one.html).not.toContain('<b>now</b>');
    expect(one.html).toContain(`Reply to this email to add to request #${ticket.id}`);

    const second = await comment(ticket.id, agent, { body: 'Did that help?' });
    const [two] = await waitForMails(ticket.id, 'Did that help?');
    expect(two.messageId).toMatch(OWN_MESSAGE_ID);
    expect(two.messageId).not.toBe(one.messageId);
    expect(two.inReplyTo).toBe(one.messageId);
    expect(two.references).toEqual([one.messageId]);
    expect(mailsOf(ticket.id)).toHaveLength(2);

    const rows: Array<{ message_id: string; direction: string; comment_id: number; outcome: string }> =
      await t.dataSource.query(
        `SELECT message_id, direction, comment_id, outcome FROM email_messages WHERE ticket_id = $1 ORDER BY id`,
        [ticket.id],
      );
    expect(rows).toEqual([
      { message_id: one.messageId, direction: 'out', comment_id: first.id, outcome: 'sent' },
      { message_id: two.messageId, direction: 'out', comment_id: second.id, outcome: 'sent' },
    ]);
    // The requester sees on the timeline what was mailed to them.
    expect(await timeline(ticket.id, requester)).toEqual([
      expect.objectContaining({
        actor: null,
        data: { message_id: one.messageId, to: requester.email, kind: 'reply', comment_id: first.id },
      }),
      expect.objectContaining({
        actor: null,
        data: { message_id: two.messageId, to: requester.email, kind: 'reply', comment_id: second.id },
      }),
    ]);
  });

  it('mails nothing for an internal note or the requester’s own comment', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester);
    await comment(ticket.id, agent, { body: 'Internal: customer is grumpy', is_internal: true });
    await comment(ticket.id, requester, { body: 'Any news on this?' });
    // Written in the transaction of each comment: already committed when the response came.
    expect(await outboxRows(ticket.id)).toEqual([]);

    const reply = await comment(ticket.id, agent, { body: 'Public answer' });
    await waitForMails(ticket.id, 'Public answer');
    expect(await outboxRows(ticket.id)).toEqual([{ dedupe_key: `email:reply:${ticket.id}:${reply.id}` }]);
    const mails = mailsOf(ticket.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).not.toMatch(/grumpy|Any news/);
  });

  it('lists a reply’s public files by name and size without attaching them', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester);
    const file = await makeAttachment(t, agent, ticket.id);
    await comment(ticket.id, agent, { body: 'Screenshot of the fix', attachment_ids: [file.id] });
    const [mail] = await waitForMails(ticket.id, 'Screenshot of the fix');
    expect(mail.text).toMatch(new RegExp(`- ${file.filename.replace(/\./g, '\\.')} \\(\\d+ bytes\\)`));
    expect(mail.html).toContain(file.filename);
    expect(mail.headers['content-type']).toBe('multipart/alternative');
  });

  it('sends a resolution notice that continues the thread', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester, { title: 'VPN down' });
    await comment(ticket.id, agent, { body: 'Restarting the gateway' });
    const [reply] = await waitForMails(ticket.id, 'Restarting the gateway');

    const { version } = (await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token })).body;
    const res = await t.http.patch(
      `/api/v1/tickets/${ticket.id}`,
      { version, status: 'resolved' },
      { token: agent.token },
    );
    expect(res.status).toBe(200);
    const [notice] = await waitForMails(ticket.id, 'was resolved');
    expect(notice).toMatchObject({
      envelopeTo: [requester.email],
      subject: `Re: [#${ticket.id}] VPN down`,
      inReplyTo: reply.messageId,
      references: [reply.messageId],
      replyTo: replyAddress(ticket.id, config),
    });
    expect(notice.headers['auto-submitted']).toBe('auto-generated');
    expect(notice.text).toContain('reply to this email and the request will be reopened');
    expect(notice.html).toContain('was resolved');
    expect((await timeline(ticket.id, requester)).map((event) => event.data.kind)).toEqual(['reply', 'resolved']);
  });

  it('mails nothing to an inactive requester', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester);
    await deactivateUser(t, requester.user.id);
    await comment(ticket.id, agent, { body: 'Anyone there?' });
    expect(await outboxRows(ticket.id)).toEqual([]);
    expect(await timeline(ticket.id, agent)).toEqual([]);
  });

  it('acknowledges a ticket opened by email, answering the message that opened it', async () => {
    const requester = await makeUser(t, { name: 'Ann <Requester>' });
    const ticket = await makeTicket(t, requester, { title: 'Cannot log in' });
    const received = `<received-${ticket.id}@mail.example.test>`;
    await t.app
      .get(TransactionContext)
      .begin(() =>
        t.app
          .get(ConversationMailer)
          .acknowledge(
            { id: ticket.id, title: ticket.title, requesterId: requester.user.id },
            requester.user,
            received,
          ),
      );
    const [ack] = await waitForMails(ticket.id, 'We received your request');
    expect(ack).toMatchObject({
      envelopeTo: [requester.email],
      subject: `[#${ticket.id}] Cannot log in`,
      inReplyTo: received,
      references: [received],
      replyTo: replyAddress(ticket.id, config),
    });
    expect(ack.messageId).toMatch(OWN_MESSAGE_ID);
    expect(ack.headers['auto-submitted']).toBe('auto-replied');
    expect(ack.text).toContain(`as #${ticket.id}`);
    expect(ack.html).toContain('Hello Ann &lt;Requester&gt;,');
    expect((await timeline(ticket.id, requester)).map((event) => event.data)).toEqual([
      { message_id: ack.messageId, to: requester.email, kind: 'acknowledgement' },
    ]);
  });

  it('leaves no email behind when the change rolls back', async () => {
    const requester = await makeUser(t);
    const ticket = await makeTicket(t, requester);
    await expect(
      t.app.get(TransactionContext).begin(async () => {
        await t.app
          .get(ConversationMailer)
          .acknowledge({ id: ticket.id, title: ticket.title, requesterId: requester.user.id }, requester.user, '<x@y>');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outboxRows(ticket.id)).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM email_messages WHERE ticket_id = $1`, [ticket.id])).toEqual([]);
  });
});
