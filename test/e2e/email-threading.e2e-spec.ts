// Replies by email (API "Email channel", thread match): a message from the requester or staff that
// names a message of the ticket's thread, is sent to the ticket's reply address, or (the
// requester's only) has `[#id]` in its subject, is a public comment; anyone else's is a new
// ticket. A reply reopens a resolved ticket; a closed one gets a follow-up ticket.
import { randomBytes } from 'node:crypto';
import { makeAgent, makeUser, TestUser } from '../factories/users';
import {
  commentsOf,
  customerAddress,
  customerMessageId,
  emailRowsOf,
  replyAddressOf,
  smtpOutcome,
  ticketsOfSender,
  waitForAnswerTo,
  waitForMailTo,
} from '../support/inbound-desk';
import { pdfBytes } from '../support/file-bytes';
import { composeRaw, ingestOverHttp, sendToDesk, TEST_INBOUND_SECRET } from '../support/inbound-mail';
import { CapturedMail, SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

/** A reply as mail clients write it: the new text, then the quoted history under an attribution line. */
const quoting = (text: string, quoted: string) =>
  `${text}\n\nOn Mon, 4 Jan 2027 at 10:00, Help Desk <support@localhost> wrote:\n${quoted
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')}\n`;

interface EmailTicket {
  ticketId: number;
  /** The customer's first message. */
  messageId: string;
  /** The desk's acknowledgement of it. */
  ack: CapturedMail;
  title: string;
}

describe('email threading', () => {
  let capture: SmtpCapture;
  let t: TestApp;
  let agent: TestUser;
  let requester: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await startTestApp({ workers: true, env: { SMTP_URL: capture.url, INBOUND_SECRET: TEST_INBOUND_SECRET } });
    [agent, stranger] = await Promise.all([makeAgent(t), makeUser(t)]);
  });

  // Each test gets a requester of its own: their mail count (and hourly limit) starts at zero.
  beforeEach(async () => {
    requester = await makeUser(t);
  });

  afterAll(async () => {
    await t?.close();
    await capture?.close();
  });

  /** A ticket opened by `from`'s email over SMTP, and its acknowledgement. */
  const openByEmail = async (from: TestUser, title = `Broken thing ${randomBytes(3).toString('hex')}`) => {
    const messageId = customerMessageId('first');
    const delivery = await sendToDesk(t, { from: from.email, subject: title, text: 'It is broken.', messageId });
    expect(smtpOutcome(delivery.response)).toBe('created');
    const [row] = await emailRowsOf(t, messageId);
    const ack = await waitForAnswerTo(capture, messageId);
    const thread: EmailTicket = { ticketId: row.ticket_id!, messageId, ack, title };
    return thread;
  };

  /** The raw reply of `from` to the acknowledgement (In-Reply-To and References unless told otherwise). */
  const replyRaw = (
    from: string,
    thread: EmailTicket,
    overrides: { text?: string; subject?: string; to?: string; threaded?: boolean } = {},
  ) =>
    composeRaw({
      from,
      to: overrides.to ?? 'support@localhost',
      subject: overrides.subject ?? `Re: ${thread.ack.subject}`,
      text: overrides.text ?? quoting('Thanks, that helped.', thread.ack.text),
      messageId: customerMessageId('reply'),
      ...(overrides.threaded === false
        ? {}
        : { inReplyTo: thread.ack.messageId, references: [thread.messageId, thread.ack.messageId!] }),
    });

  const commentsAs = async (who: TestUser, ticketId: number) => {
    const res = await t.http.get(`/api/v1/tickets/${ticketId}/comments`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };

  const ticketAs = async (who: TestUser, ticketId: number) => {
    const res = await t.http.get(`/api/v1/tickets/${ticketId}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body as Record<string, any>;
  };

  const setStatus = async (ticketId: number, status: string) => {
    const { version } = await ticketAs(agent, ticketId);
    const res = await t.http.patch(`/api/v1/tickets/${ticketId}`, { version, status }, { token: agent.token });
    expect(res.status).toBe(200);
  };

  describe('appends', () => {
    it('the requester answering the acknowledgement (In-Reply-To): a public email comment, no new ticket', async () => {
      const thread = await openByEmail(requester);
      const raw = await replyRaw(requester.email, thread);
      const res = await ingestOverHttp(t, raw);
      expect(res).toEqual({
        status: 202,
        body: { status: 'appended', ticket_id: thread.ticketId, comment_id: expect.any(Number) },
      });

      expect(await ticketsOfSender(t, requester.email)).toHaveLength(1);
      const comments = await commentsAs(requester, thread.ticketId);
      expect(comments).toEqual([
        expect.objectContaining({
          id: res.body.comment_id,
          author: expect.objectContaining({ id: requester.user.id }),
          is_internal: false,
          source: 'email',
        }),
      ]);
      // The new text only: the quoted acknowledgement is history.
      expect(comments[0].body.trim()).toBe('Thanks, that helped.');
      const timeline = await t.http.get(`/api/v1/tickets/${thread.ticketId}/timeline?limit=100`, {
        token: agent.token,
      });
      expect(timeline.body.items.filter((event: { type: string }) => event.type === 'email.received')).toHaveLength(2);
    });

    it('naming only a received message of the thread in References', async () => {
      const thread = await openByEmail(requester);
      const raw = await composeRaw({
        from: requester.email,
        subject: 'One more thing',
        text: 'I forgot to say: it is also beeping.',
        messageId: customerMessageId('refs'),
        references: [thread.messageId],
      });
      expect((await ingestOverHttp(t, raw)).body).toMatchObject({ status: 'appended', ticket_id: thread.ticketId });
    });

    it('sent to the reply address alone (no In-Reply-To, no [#id])', async () => {
      const thread = await openByEmail(requester);
      expect(thread.ack.replyTo).toBe(replyAddressOf(t, thread.ticketId));
      const delivery = await sendToDesk(t, {
        from: requester.email,
        to: thread.ack.replyTo,
        subject: 'Another question',
        text: 'Does it also work on Sundays?',
        messageId: customerMessageId('reply-address'),
      });
      expect(smtpOutcome(delivery.response)).toBe('appended');
      expect(await ticketsOfSender(t, requester.email)).toHaveLength(1);
      expect(await commentsOf(t, thread.ticketId)).toEqual([
        expect.objectContaining({
          author_id: requester.user.id,
          body: 'Does it also work on Sundays?',
          source: 'email',
        }),
      ]);
    });

    it('a guessed reply address (wrong token) is a new ticket', async () => {
      const thread = await openByEmail(requester);
      const guessed = thread.ack.replyTo!.replace(/-[0-9a-f]{16}@/, '-0123456789abcdef@');
      expect(guessed).not.toBe(thread.ack.replyTo);
      const delivery = await sendToDesk(t, {
        from: requester.email,
        to: guessed,
        subject: 'Guessing',
        text: 'Hi.',
        messageId: customerMessageId('guess'),
      });
      expect(smtpOutcome(delivery.response)).toBe('created');
      expect(await commentsOf(t, thread.ticketId)).toEqual([]);
    });

    it('[#id] in the subject from the requester', async () => {
      const thread = await openByEmail(requester);
      const raw = await replyRaw(requester.email, thread, {
        subject: `Still broken [#${thread.ticketId}]`,
        text: 'Any news?',
        threaded: false,
      });
      expect((await ingestOverHttp(t, raw)).body).toMatchObject({ status: 'appended', ticket_id: thread.ticketId });
      expect(await ticketsOfSender(t, requester.email)).toHaveLength(1);
    });

    it('an agent answering by email: a public comment by the agent, emailed to the requester', async () => {
      const thread = await openByEmail(requester);
      const raw = await replyRaw(agent.email, thread, { text: quoting('Please restart it.', thread.ack.text) });
      const res = await ingestOverHttp(t, raw);
      expect(res.body).toMatchObject({ status: 'appended', ticket_id: thread.ticketId });

      const comments = await commentsAs(requester, thread.ticketId);
      expect(comments).toEqual([
        expect.objectContaining({
          author: expect.objectContaining({ id: agent.user.id, role: 'agent' }),
          is_internal: false,
          source: 'email',
        }),
      ]);
      expect(comments[0].body.trim()).toBe('Please restart it.');
      const [, staffReply] = await waitForMailTo(capture, requester.email, 2);
      expect(staffReply.subject).toBe(`Re: [#${thread.ticketId}] ${thread.title}`);
      expect(staffReply.text).toContain('Please restart it.');
      expect(staffReply.replyTo).toBe(thread.ack.replyTo);
      expect(staffReply.references.slice(0, 2)).toEqual([thread.messageId, thread.ack.messageId]);
      expect((await ticketAs(agent, thread.ticketId)).first_responded_at).not.toBeNull();
    });

    it("an agent's emailed reply with a file: the file is the comment's, and the requester's email names it", async () => {
      const owner = await makeUser(t);
      const thread = await openByEmail(owner);
      const pdf = pdfBytes();
      const raw = await composeRaw({
        from: agent.email,
        subject: `Re: ${thread.ack.subject}`,
        text: 'The manual is attached.',
        messageId: customerMessageId('agent-file'),
        inReplyTo: thread.ack.messageId,
        references: [thread.messageId, thread.ack.messageId!],
        attachments: [{ filename: 'manual.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      const res = await ingestOverHttp(t, raw);
      expect(res.body).toMatchObject({ status: 'appended', ticket_id: thread.ticketId });
      const [comment] = await commentsAs(owner, thread.ticketId);
      expect(comment.attachments).toEqual([expect.objectContaining({ filename: 'manual.pdf', size: pdf.length })]);
      const [, staffReply] = await waitForMailTo(capture, owner.email, 2);
      expect(staffReply.text).toContain('The manual is attached.');
      expect(staffReply.text).toContain('manual.pdf');
    });
  });

  describe('new tickets', () => {
    it('[#id] in the subject from someone else', async () => {
      const thread = await openByEmail(requester);
      const raw = await replyRaw(stranger.email, thread, { subject: `About [#${thread.ticketId}]`, threaded: false });
      const res = await ingestOverHttp(t, raw);
      expect(res.body).toMatchObject({ status: 'created', comment_id: null });
      expect(res.body.ticket_id).not.toBe(thread.ticketId);
      expect(await commentsOf(t, thread.ticketId)).toEqual([]);
      expect((await ticketAs(agent, res.body.ticket_id as number)).requester.id).toBe(stranger.user.id);
    });

    it('a stranger with a stolen In-Reply-To', async () => {
      const thread = await openByEmail(requester);
      const res = await ingestOverHttp(t, await replyRaw(stranger.email, thread));
      expect(res.body).toMatchObject({ status: 'created', comment_id: null });
      expect(res.body.ticket_id).not.toBe(thread.ticketId);
      expect(await commentsOf(t, thread.ticketId)).toEqual([]);
    });

    it('an unknown sender with a stolen In-Reply-To and reply address', async () => {
      const thread = await openByEmail(requester);
      const outsider = customerAddress('outsider');
      const res = await ingestOverHttp(t, await replyRaw(outsider, thread, { to: thread.ack.replyTo }));
      expect(res.body).toMatchObject({ status: 'created', comment_id: null });
      expect(await commentsOf(t, thread.ticketId)).toEqual([]);
      expect(await ticketsOfSender(t, outsider)).toEqual([expect.objectContaining({ id: res.body.ticket_id })]);
    });
  });

  describe('resolved and closed tickets', () => {
    it('a reply to a resolved ticket reopens it', async () => {
      const thread = await openByEmail(requester);
      await setStatus(thread.ticketId, 'resolved');
      // The resolution notice: the second email of the thread to the requester.
      const [, notice] = await waitForMailTo(capture, requester.email, 2);
      expect(notice.subject).toContain(`[#${thread.ticketId}]`);
      expect(notice.replyTo).toBe(thread.ack.replyTo);

      const res = await ingestOverHttp(t, await replyRaw(requester.email, thread, { text: 'No, it is not fixed.' }));
      expect(res.body).toMatchObject({ status: 'appended', ticket_id: thread.ticketId });
      const ticket = await ticketAs(requester, thread.ticketId);
      expect(ticket).toMatchObject({ status: 'open', resolved_at: null });
      expect(await ticketsOfSender(t, requester.email)).toHaveLength(1);
    });

    it('a reply to a closed ticket opens a follow-up ticket', async () => {
      const thread = await openByEmail(requester);
      await setStatus(thread.ticketId, 'closed');
      const res = await ingestOverHttp(t, await replyRaw(requester.email, thread, { text: 'It broke again.' }));
      expect(res.body).toMatchObject({ status: 'created', comment_id: null });
      const followUp = res.body.ticket_id as number;
      expect(followUp).not.toBe(thread.ticketId);

      const ticket = await ticketAs(requester, followUp);
      expect(ticket).toMatchObject({ source: 'email', status: 'open', requester: { id: requester.user.id } });
      expect(ticket.description.startsWith(`Follow-up to #${thread.ticketId}`)).toBe(true);
      expect(ticket.description).toContain('It broke again.');
      expect((await ticketAs(requester, thread.ticketId)).status).toBe('closed');
      expect(await commentsOf(t, thread.ticketId)).toEqual([]);
      const acks = await waitForMailTo(capture, requester.email, 2);
      expect(acks[1].subject).toContain(`[#${followUp}]`);
    });
  });
});
