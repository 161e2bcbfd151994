// A whole conversation by email, over real SMTP both ways (API "Email channel"): the customer
// writes, an agent answers in the API, the customer presses Reply on the agent's email, and so
// on. It stays ONE ticket whose comments alternate, and every email the desk sends names the
// previous message of the thread in In-Reply-To and all earlier ones in References, oldest first.
import { makeAgent, TestUser } from '../factories/users';
import {
  customerAddress,
  customerMessageId,
  emailRowsOf,
  outboxCountFor,
  replyAddressOf,
  smtpOutcome,
  ticketsOfSender,
  waitForMailTo,
} from '../support/inbound-desk';
import { sendToDesk } from '../support/inbound-mail';
import { CapturedMail, SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { startTestApp, TestApp } from '../support/test-app';

describe('an email conversation', () => {
  let capture: SmtpCapture;
  let t: TestApp;
  let agent: TestUser;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await startTestApp({ workers: true, env: { SMTP_URL: capture.url } });
    agent = await makeAgent(t);
  });

  afterAll(async () => {
    await t?.close();
    await capture?.close();
  });

  it('customer, agent, customer, agent, customer: one ticket, four comments, three emails that thread', async () => {
    const customer = customerAddress('conversation');
    const title = 'Cannot log in';
    const thread: string[] = [];

    // 1. The customer writes.
    const first = customerMessageId('c1');
    const opened = await sendToDesk(t, {
      from: { name: 'Carla Customer', address: customer },
      subject: title,
      text: 'I cannot log in since this morning.',
      messageId: first,
    });
    expect(smtpOutcome(opened.response)).toBe('created');
    thread.push(first);
    const [row] = await emailRowsOf(t, first);
    const ticketId = row.ticket_id!;
    const replyTo = replyAddressOf(t, ticketId);

    /** The desk's `n`-th email to the customer, checked against the thread so far; it joins the thread. */
    const nthEmail = async (n: number, subject: string): Promise<CapturedMail> => {
      const mail = (await waitForMailTo(capture, customer, n))[n - 1];
      expect(mail).toMatchObject({ subject, replyTo, inReplyTo: thread[thread.length - 1], references: thread });
      expect(thread).not.toContain(mail.messageId);
      thread.push(mail.messageId!);
      return mail;
    };
    /** The customer presses Reply on `mail`: to its Reply-To, naming it and its References. */
    const reply = async (mail: CapturedMail, text: string, label: string) => {
      const messageId = customerMessageId(label);
      const delivery = await sendToDesk(t, {
        from: { name: 'Carla Customer', address: customer },
        to: mail.replyTo,
        subject: `Re: ${mail.subject}`,
        text: `${text}\n\nOn Tue, 5 Jan 2027, Help Desk wrote:\n> ${mail.text.trim().split('\n').join('\n> ')}\n`,
        messageId,
        inReplyTo: mail.messageId,
        references: [...mail.references, mail.messageId!],
      });
      expect(smtpOutcome(delivery.response)).toBe('appended');
      thread.push(messageId);
    };
    const agentComments = async (body: string) => {
      const res = await t.http.post(`/api/v1/tickets/${ticketId}/comments`, { body }, { token: agent.token });
      expect(res.status).toBe(201);
    };

    await nthEmail(1, `[#${ticketId}] ${title}`); // the acknowledgement
    // 2. The agent answers in the API.
    await agentComments('Did you try resetting your password?');
    const firstAnswer = await nthEmail(2, `Re: [#${ticketId}] ${title}`);
    expect(firstAnswer.text).toContain('Did you try resetting your password?');
    // 3. The customer replies to it.
    await reply(firstAnswer, 'Yes, the reset email never arrives.', 'c2');
    // 4. The agent answers again.
    await agentComments('I have sent it again by hand; please check your spam folder.');
    const secondAnswer = await nthEmail(3, `Re: [#${ticketId}] ${title}`);
    expect(secondAnswer.text).toContain('please check your spam folder');
    // 5. The customer replies again.
    await reply(secondAnswer, 'Found it, thank you!', 'c3');

    const tickets = await ticketsOfSender(t, customer);
    expect(tickets).toEqual([expect.objectContaining({ id: ticketId, source: 'email' })]);
    const comments = await t.http.get(`/api/v1/tickets/${ticketId}/comments`, { token: agent.token });
    const customerId = tickets[0].requester_id;
    expect(
      comments.body.items.map((c: { author: { id: number }; is_internal: boolean; source: string; body: string }) => ({
        author: c.author.id,
        internal: c.is_internal,
        source: c.source,
        body: c.body.trim(),
      })),
    ).toEqual([
      { author: agent.user.id, internal: false, source: 'api', body: 'Did you try resetting your password?' },
      { author: customerId, internal: false, source: 'email', body: 'Yes, the reset email never arrives.' },
      {
        author: agent.user.id,
        internal: false,
        source: 'api',
        body: 'I have sent it again by hand; please check your spam folder.',
      },
      { author: customerId, internal: false, source: 'email', body: 'Found it, thank you!' },
    ]);
    // The acknowledgement and the two answers; the customer's own comments are not mailed back.
    expect(await outboxCountFor(t, customer)).toBe(3);
    expect((await waitForMailTo(capture, customer, 3)).map((mail) => mail.messageId)).toEqual([
      thread[1],
      thread[2],
      thread[4],
    ]);
    // The whole thread is on the ticket, in order: three received, three sent.
    const stored: Array<{ message_id: string; direction: string }> = await t.dataSource.query(
      `SELECT message_id, direction FROM email_messages WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    );
    expect(stored).toEqual(
      thread.map((messageId, n) => ({ message_id: messageId, direction: [0, 3, 5].includes(n) ? 'in' : 'out' })),
    );
  });
});
