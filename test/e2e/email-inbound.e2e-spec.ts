// The email channel's way in (API "Email channel"): a message to the desk's SMTP listener or to
// POST /inbound/email becomes a ticket with its files and an acknowledgement that threads; loops,
// bounces, bulk mail and floods are ignored; wrong recipients, oversized and From-less messages
// are refused; the HTTP route is off without a secret and checks its signature.
// Replies are in email-threading, duplicates in email-exactly-once, a whole exchange in
// email-conversation.
import { AttachmentJson } from '../factories/attachment-uploads';
import { makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { StorageDir } from '../support/attachment-storage';
import { pdfBytes, pngBytes, sha256Hex, textBytes } from '../support/file-bytes';
import { HttpResponse } from '../support/http-client';
import {
  customerAddress,
  customerMessageId,
  emailRowsOf,
  outboxCountFor,
  replyAddressOf,
  sendRawToDesk,
  smtpOutcome,
  smtpRefusal,
  ticketsOfSender,
  waitForAnswerTo,
  waitForMailTo,
} from '../support/inbound-desk';
import { composeRaw, ingestOverHttp, sendToDesk, signatureOf, TEST_INBOUND_SECRET } from '../support/inbound-mail';
import { sendBinary } from '../support/multipart';
import { SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { rawExchange } from '../support/raw-socket';
import { startTestApp, TestApp } from '../support/test-app';

const INBOUND_MAX_BYTES = 64 * 1024;
const ATTACHMENT_MAX_BYTES = 16 * 1024;
const PER_SENDER_PER_HOUR = 3;
const IDLE_SECONDS = 1;

/** A body with a signature under the standard delimiter: neither is part of the ticket. */
const BODY_WITH_SIGNATURE = 'My printer is on fire.\nPlease send help.\n\n-- \nAlice Example\nACME Corp, 3rd floor\n';
const BODY_TEXT = 'My printer is on fire.\nPlease send help.';

describe('email in', () => {
  let capture: SmtpCapture;
  let storage: StorageDir;
  let t: TestApp;
  let agent: TestUser;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    storage = await StorageDir.create();
    t = await startTestApp({
      workers: true,
      env: {
        ...storage.env,
        SMTP_URL: capture.url,
        INBOUND_SECRET: TEST_INBOUND_SECRET,
        INBOUND_MAX_BYTES: String(INBOUND_MAX_BYTES),
        ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES),
        INBOUND_PER_SENDER_PER_HOUR: String(PER_SENDER_PER_HOUR),
        // A posted message that stops arriving is given up on after this long (408).
        UPLOAD_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
      },
    });
    agent = await makeAgent(t);
  });

  afterAll(async () => {
    await t?.close();
    await capture?.close();
    await storage?.remove();
  });

  const timelineOf = async (ticketId: number) => {
    const res = await t.http.get(`/api/v1/tickets/${ticketId}/timeline?limit=100`, { token: agent.token });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ type: string; actor: { id: number } | null; data: Record<string, unknown> }>;
  };

  /** The one ticket a message created (from its `email_messages` row). */
  const ticketOfMessage = async (messageId: string): Promise<number> => {
    const rows = await emailRowsOf(t, messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'in', outcome: 'created' });
    return rows[0].ticket_id!;
  };

  describe('a new ticket', () => {
    it('from an unknown sender over SMTP: an account, the ticket, an acknowledgement that threads, the timeline', async () => {
      const sender = customerAddress('alice');
      const messageId = customerMessageId('new');
      const delivery = await sendToDesk(t, {
        from: { name: 'Alice Example', address: sender },
        subject: 'Printer on fire',
        text: BODY_WITH_SIGNATURE,
        messageId,
      });
      expect(delivery.response).toMatch(/^250 /);
      expect(smtpOutcome(delivery.response)).toBe('created');

      const [account] = await t.dataSource.query(`SELECT id, name, role, email FROM users WHERE lower(email) = $1`, [
        sender,
      ]);
      expect(account).toMatchObject({ name: 'Alice Example', role: 'user', email: sender });

      const ticketId = await ticketOfMessage(messageId);
      const res = await t.http.get(`/api/v1/tickets/${ticketId}`, { token: agent.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: ticketId,
        source: 'email',
        title: 'Printer on fire',
        status: 'open',
        requester: { id: account.id, name: 'Alice Example', email: sender },
      });
      expect(res.body.description.replace(/\r\n/g, '\n')).toBe(BODY_TEXT);

      const [ack] = await waitForMailTo(capture, sender);
      expect(ack.subject).toBe(`[#${ticketId}] Printer on fire`);
      expect(ack.inReplyTo).toBe(messageId);
      expect(ack.references).toEqual([messageId]);
      expect(ack.replyTo).toBe(replyAddressOf(t, ticketId));
      expect(ack.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
      expect(ack.messageId).not.toBe(messageId);

      const timeline = await waitFor(async () => {
        const events = await timelineOf(ticketId);
        return events.some((event) => event.type === 'email.sent') ? events : undefined;
      });
      expect(timeline!.filter((event) => event.type === 'email.received')).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: account.id }),
          data: expect.objectContaining({ message_id: messageId }),
        }),
      ]);
    });

    it('an empty subject is "(no subject)"', async () => {
      const sender = customerAddress('nosubject');
      const messageId = customerMessageId('nosubject');
      await sendToDesk(t, { from: sender, subject: '', text: 'Hello?', messageId });
      const ticketId = await ticketOfMessage(messageId);
      const [ticket] = await ticketsOfSender(t, sender);
      expect(ticket).toMatchObject({ id: ticketId, title: '(no subject)', description: 'Hello?' });
    });

    it('a long subject is cut to 200 characters', async () => {
      const sender = customerAddress('longsubject');
      const subject = `Long ${'abcdefghi '.repeat(40)}`.trim();
      const messageId = customerMessageId('longsubject');
      await sendToDesk(t, { from: sender, subject, text: 'See the subject.', messageId });
      await ticketOfMessage(messageId);
      const [ticket] = await ticketsOfSender(t, sender);
      expect(ticket.title).toBe(subject.slice(0, 200));
      expect(ticket.title).toHaveLength(200);
    });
    it('a long text is cut to 10,000 characters', async () => {
      const sender = customerAddress('longtext');
      const messageId = customerMessageId('longtext');
      const line = 'This line is forty characters long, ok.\n';
      await sendToDesk(t, { from: sender, subject: 'Long', text: line.repeat(300), messageId });
      await ticketOfMessage(messageId);
      const [ticket] = await ticketsOfSender(t, sender);
      expect(ticket.description.length).toBeLessThanOrEqual(10_000);
      expect(ticket.description.length).toBeGreaterThan(9_900);
      expect(line.repeat(300).startsWith(ticket.description)).toBe(true);
    });

    it('an HTML-only message: the description is its text', async () => {
      const sender = customerAddress('html');
      const messageId = customerMessageId('html');
      await sendToDesk(t, {
        from: sender,
        subject: 'HTML only',
        html: '<html><body><p>The <b>login page</b> is blank.</p><script>alert(1)</script></body></html>',
        messageId,
      });
      await ticketOfMessage(messageId);
      const [ticket] = await ticketsOfSender(t, sender);
      expect(ticket.description).toContain('login page');
      expect(ticket.description).not.toMatch(/<\/?[a-z]|alert\(1\)/i);
    });

    it('a known sender, whatever the case of the address, is the requester (no new account)', async () => {
      const known = await makeUser(t, { name: 'Known Person' });
      const messageId = customerMessageId('known');
      await sendToDesk(t, {
        from: { name: 'Someone Else', address: known.email.toUpperCase() },
        subject: 'From a known address',
        text: 'Hello again.',
        messageId,
      });
      const ticketId = await ticketOfMessage(messageId);
      const res = await t.http.get(`/api/v1/tickets/${ticketId}`, { token: known.token });
      expect(res.status).toBe(200);
      expect(res.body.requester).toMatchObject({ id: known.user.id, name: 'Known Person' });
      const accounts = await t.dataSource.query(`SELECT id FROM users WHERE lower(email) = lower($1)`, [known.email]);
      expect(accounts).toEqual([{ id: known.user.id }]);
    });
  });

  describe('attachments', () => {
    let requester: TestUser;

    // One requester per test: INBOUND_PER_SENDER_PER_HOUR is low in this file.
    beforeEach(async () => {
      requester = await makeUser(t);
    });

    const download = (attachment: AttachmentJson, who: TestUser) =>
      sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${attachment.id}`, undefined, { token: who.token });
    const attachmentsOf = async (ticketId: number, who: TestUser): Promise<AttachmentJson[]> => {
      const res = await t.http.get(`/api/v1/tickets/${ticketId}/attachments`, { token: who.token });
      expect(res.status).toBe(200);
      return res.body.items;
    };

    it('attachments and inline images of a new ticket are ticket attachments, byte for byte', async () => {
      const pdf = pdfBytes();
      const png = pngBytes();
      const inline = pngBytes({ padding: 100 });
      const messageId = customerMessageId('files');
      await sendToDesk(t, {
        from: requester.email,
        subject: 'Files attached',
        text: 'The report and a screenshot.',
        html: '<p>The report and a screenshot.</p><p><img src="cid:logo.123@customer.example.test"></p>',
        messageId,
        attachments: [
          { filename: 'report.pdf', content: pdf, contentType: 'application/pdf' },
          { filename: 'screen.png', content: png, contentType: 'image/png' },
          { filename: 'logo.png', content: inline, contentType: 'image/png', cid: 'logo.123@customer.example.test' },
        ],
      });
      const ticketId = await ticketOfMessage(messageId);

      const items = await attachmentsOf(ticketId, requester);
      const expected = [
        { filename: 'report.pdf', bytes: pdf, type: 'application/pdf' },
        { filename: 'screen.png', bytes: png, type: 'image/png' },
        { filename: 'logo.png', bytes: inline, type: 'image/png' },
      ];
      expect(items.map((item) => item.filename).sort()).toEqual(expected.map((file) => file.filename).sort());
      for (const file of expected) {
        const item = items.find((candidate) => candidate.filename === file.filename)!;
        expect(item).toMatchObject({
          ticket_id: ticketId,
          comment_id: null,
          is_internal: false,
          size: file.bytes.length,
          sha256: sha256Hex(file.bytes),
          content_type: file.type,
          uploaded_by: { id: requester.user.id },
        });
        const body = await download(item, requester);
        expect(body.status).toBe(200);
        expect(body.bytes.equals(file.bytes)).toBe(true);
      }
    });

    it('the files of a reply belong to its comment', async () => {
      const first = customerMessageId('reply-files-1');
      await sendToDesk(t, { from: requester.email, subject: 'Reply with a file', text: 'First.', messageId: first });
      const ticketId = await ticketOfMessage(first);
      const ack = await waitForAnswerTo(capture, first);

      const pdf = pdfBytes();
      const raw = await composeRaw({
        from: requester.email,
        to: ack.replyTo,
        subject: `Re: ${ack.subject}`,
        text: 'Here is the file you asked for.',
        messageId: customerMessageId('reply-files-2'),
        inReplyTo: ack.messageId,
        references: [first, ack.messageId!],
        attachments: [{ filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      const res = await ingestOverHttp(t, raw);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'appended', ticket_id: ticketId, comment_id: expect.any(Number) });

      const comments = await t.http.get(`/api/v1/tickets/${ticketId}/comments`, { token: requester.token });
      const comment = comments.body.items.find((c: { id: number }) => c.id === res.body.comment_id);
      expect(comment).toMatchObject({
        source: 'email',
        attachments: [expect.objectContaining({ filename: 'invoice.pdf', size: pdf.length, sha256: sha256Hex(pdf) })],
      });
      const items = await attachmentsOf(ticketId, requester);
      expect(items).toEqual([expect.objectContaining({ filename: 'invoice.pdf', comment_id: res.body.comment_id })]);
      expect((await download(items[0], requester)).bytes.equals(pdf)).toBe(true);
    });

    it('a part over ATTACHMENT_MAX_BYTES is dropped and named in an internal note only staff see', async () => {
      const small = pdfBytes();
      const big = textBytes(ATTACHMENT_MAX_BYTES * 2);
      const messageId = customerMessageId('too-big-part');
      await sendToDesk(t, {
        from: requester.email,
        subject: 'One file too many',
        text: 'Two files.',
        messageId,
        attachments: [
          { filename: 'small.pdf', content: small, contentType: 'application/pdf' },
          { filename: 'huge-log.txt', content: big, contentType: 'text/plain' },
        ],
      });
      const ticketId = await ticketOfMessage(messageId);

      expect((await attachmentsOf(ticketId, agent)).map((item) => item.filename)).toEqual(['small.pdf']);
      const staffView = await t.http.get(`/api/v1/tickets/${ticketId}/comments`, { token: agent.token });
      expect(staffView.body.items).toEqual([
        expect.objectContaining({ is_internal: true, body: expect.stringContaining('huge-log.txt') }),
      ]);
      const requesterView = await t.http.get(`/api/v1/tickets/${ticketId}/comments`, { token: requester.token });
      expect(requesterView.body).toMatchObject({ items: [], total: 0 });
      const ticket = await t.http.get(`/api/v1/tickets/${ticketId}`, { token: requester.token });
      expect(JSON.stringify(ticket.body)).not.toContain('huge-log.txt');
    });
  });

  describe('ignored (no ticket, no reply)', () => {
    /** A message over HTTP that must be ignored: 202 `ignored`, no ticket, nothing queued for the sender. */
    const expectIgnored = async (sender: string, raw: Buffer) => {
      const res = await ingestOverHttp(t, raw);
      expect(res).toEqual({ status: 202, body: { status: 'ignored', ticket_id: null, comment_id: null } });
      expect(await ticketsOfSender(t, sender)).toEqual([]);
      expect(await outboxCountFor(t, sender)).toBe(0);
    };
    const mailFrom = async (sender: string, headers: Record<string, string> = {}) =>
      composeRaw({
        from: sender,
        subject: 'Out of office',
        text: 'I am away.',
        messageId: customerMessageId(),
        headers,
      });

    it('Auto-Submitted: auto-replied', async () => {
      const sender = customerAddress('autoreply');
      await expectIgnored(sender, await mailFrom(sender, { 'Auto-Submitted': 'auto-replied' }));
    });

    it('Auto-Submitted: no is not a reason', async () => {
      const sender = customerAddress('autono');
      const res = await ingestOverHttp(t, await mailFrom(sender, { 'Auto-Submitted': 'no' }));
      expect(res.body.status).toBe('created');
    });

    it('Precedence: bulk', async () => {
      const sender = customerAddress('bulk');
      await expectIgnored(sender, await mailFrom(sender, { Precedence: 'bulk' }));
    });

    it('List-Id', async () => {
      const sender = customerAddress('list');
      await expectIgnored(sender, await mailFrom(sender, { 'List-Id': 'Customer news <news.customer.example.test>' }));
    });

    it('From MAILER-DAEMON', async () => {
      await expectIgnored('mailer-daemon@customer.example.test', await mailFrom('MAILER-DAEMON@customer.example.test'));
    });

    it('From postmaster', async () => {
      await expectIgnored('postmaster@customer.example.test', await mailFrom('postmaster@customer.example.test'));
    });

    it('a null return path over SMTP (MAIL FROM:<>)', async () => {
      const sender = customerAddress('bounce');
      const raw = await mailFrom(sender);
      const response = await sendRawToDesk(t, raw, { from: false, to: ['support@localhost'] });
      expect(smtpOutcome(response)).toBe('ignored');
      expect(await ticketsOfSender(t, sender)).toEqual([]);
      expect(await outboxCountFor(t, sender)).toBe(0);
    });

    it('a null return path over HTTP (Return-Path: <>)', async () => {
      const sender = customerAddress('bounce-http');
      await expectIgnored(sender, await mailFrom(sender, { 'Return-Path': '<>' }));
    });

    it('a Message-ID the desk generated', async () => {
      const sender = customerAddress('loop');
      const first = customerMessageId('loop');
      await sendToDesk(t, { from: sender, subject: 'Start of a loop', text: 'Hello.', messageId: first });
      const [ack] = await waitForMailTo(capture, sender);
      expect(ack.messageId).toBeTruthy();
      // An auto-responder that sends our acknowledgement back as it was.
      const looped = await composeRaw({ from: sender, subject: ack.subject, text: ack.text, messageId: ack.messageId });
      const res = await ingestOverHttp(t, looped);
      expect(res).toEqual({ status: 202, body: { status: 'ignored', ticket_id: null, comment_id: null } });
      expect(await ticketsOfSender(t, sender)).toHaveLength(1);
      expect(await outboxCountFor(t, sender)).toBe(1);
    });

    it(`more than INBOUND_PER_SENDER_PER_HOUR (${PER_SENDER_PER_HOUR}) messages from one sender`, async () => {
      const sender = customerAddress('flood');
      const statuses: unknown[] = [];
      for (let n = 1; n <= PER_SENDER_PER_HOUR + 1; n++) {
        const raw = await composeRaw({
          from: sender,
          subject: `Flood ${n}`,
          text: `Message ${n}`,
          messageId: customerMessageId(),
        });
        statuses.push((await ingestOverHttp(t, raw)).body.status);
      }
      expect(statuses).toEqual([...Array<string>(PER_SENDER_PER_HOUR).fill('created'), 'ignored']);
      expect(await ticketsOfSender(t, sender)).toHaveLength(PER_SENDER_PER_HOUR);
      expect(await outboxCountFor(t, sender)).toBe(PER_SENDER_PER_HOUR);
    });

    it('sent nothing to any ignored sender', async () => {
      // A message after all the ignored ones, acknowledged: the outbox has been worked past them.
      const sender = customerAddress('after-ignored');
      await sendToDesk(t, { from: sender, subject: 'Normal mail', text: 'Hi.', messageId: customerMessageId() });
      await waitForMailTo(capture, sender);
      const ignoredSenders = /^(autoreply|bulk|list|bounce|bounce-http)-|^(mailer-daemon|postmaster)@/i;
      expect(
        capture.messages
          .filter((mail) => mail.envelopeTo.some((to) => ignoredSenders.test(to)))
          .map((m) => m.envelopeTo),
      ).toEqual([]);
    });
  });

  describe('refused', () => {
    it('a recipient other than the support address and its plus-addresses: 550 at RCPT', async () => {
      for (const to of ['someone@localhost', 'support@elsewhere.example.test', 'supportx@localhost']) {
        const code = await smtpRefusal(
          sendToDesk(t, { from: customerAddress('rcpt'), to, subject: 'Wrong door', text: 'Hi.' }),
        );
        expect({ to, code }).toEqual({ to, code: 550 });
      }
      const plus = await sendToDesk(t, {
        from: customerAddress('plus'),
        to: 'support+billing@localhost',
        subject: 'Plus address',
        text: 'Hi.',
      });
      expect(smtpOutcome(plus.response)).toBe('created');
    });

    it('a message over INBOUND_MAX_BYTES: 552 over SMTP, 413 over HTTP, nothing stored', async () => {
      const sender = customerAddress('huge');
      const mail = {
        from: sender,
        subject: 'Too big',
        text: 'A big file.',
        messageId: customerMessageId('huge'),
        attachments: [{ filename: 'big.bin', content: textBytes(INBOUND_MAX_BYTES) }],
      };
      expect(await smtpRefusal(sendToDesk(t, mail))).toBe(552);
      const raw = await composeRaw(mail);
      expect(raw.length).toBeGreaterThan(INBOUND_MAX_BYTES);
      const res = await t.http.post('/api/v1/inbound/email', undefined, {
        raw,
        headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(raw) },
      });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await emailRowsOf(t, mail.messageId)).toEqual([]);
      expect(await ticketsOfSender(t, sender)).toEqual([]);
    });

    it('a message without From: 550 over SMTP, 422 over HTTP', async () => {
      const messageId = customerMessageId('nofrom');
      const envelopeFrom = customerAddress('nofrom');
      const raw = await composeRaw({ subject: 'Who am I', text: 'No From header.', messageId });
      expect(raw.toString('latin1')).not.toMatch(/^From:/im);
      expect(await smtpRefusal(sendRawToDesk(t, raw, { from: envelopeFrom, to: ['support@localhost'] }))).toBe(550);
      const res = await t.http.post('/api/v1/inbound/email', undefined, {
        raw,
        headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(raw) },
      });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(await emailRowsOf(t, messageId)).toEqual([]);
    });
  });

  describe('POST /inbound/email', () => {
    it('a body that stops arriving: 408 after UPLOAD_IDLE_TIMEOUT_SECONDS, nothing stored', async () => {
      const messageId = customerMessageId('stalled');
      const raw = await composeRaw({ from: customerAddress('stalled'), subject: 'Slow', text: 'x', messageId });
      const { outcome } = rawExchange(t.baseUrl, {
        method: 'POST',
        path: '/api/v1/inbound/email',
        headers: {
          'content-type': 'message/rfc822',
          'content-length': String(raw.length + 1_000),
          'x-inbound-signature': signatureOf(raw),
        },
        body: raw,
        then: 'wait',
      });
      const { response, elapsedMs } = await outcome;
      expect(response).toBeDefined();
      expectError(response!, 408, 'REQUEST_TIMEOUT');
      expect(elapsedMs).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 100);
      expect(await emailRowsOf(t, messageId)).toEqual([]);
    });

    const post = (raw: Buffer, headers: Record<string, string>): Promise<HttpResponse> =>
      t.http.post('/api/v1/inbound/email', undefined, {
        raw,
        headers: { 'content-type': 'message/rfc822', ...headers },
      });
    const someMessage = () =>
      composeRaw({ from: customerAddress('http'), subject: 'Over HTTP', text: 'Hi.', messageId: customerMessageId() });

    it('a wrong signature: 401 UNAUTHENTICATED, nothing stored', async () => {
      const raw = await someMessage();
      const tampered = Buffer.concat([raw, Buffer.from('\r\nP.S. added on the way\r\n')]);
      expectError(await post(tampered, { 'x-inbound-signature': signatureOf(raw) }), 401, 'UNAUTHENTICATED');
      expectError(
        await post(raw, { 'x-inbound-signature': signatureOf(raw, 'another-secret-0123456789') }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(await post(raw, { 'x-inbound-signature': 'sha256=zz' }), 401, 'UNAUTHENTICATED');
      expect(
        await t.dataSource.query(`SELECT 1 FROM email_messages WHERE direction = 'in' AND sender LIKE 'http-%'`),
      ).toEqual([]);
    });

    it('a missing signature: 401 UNAUTHENTICATED', async () => {
      expectError(await post(await someMessage(), {}), 401, 'UNAUTHENTICATED');
    });

    it('a good one: 202 {status, ticket_id, comment_id}', async () => {
      const raw = await someMessage();
      const res = await post(raw, { 'x-inbound-signature': signatureOf(raw) });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'created', ticket_id: expect.any(Number), comment_id: null });
    });

    // Last in the file: a second app registers its JWT strategy over the first one's (see startTestApp).
    it('no INBOUND_SECRET: 404', async () => {
      const off = await startTestApp({ env: { SMTP_URL: capture.url } });
      try {
        const raw = await someMessage();
        const res = await off.http.post('/api/v1/inbound/email', undefined, {
          raw,
          headers: { 'content-type': 'message/rfc822', 'x-inbound-signature': signatureOf(raw) },
        });
        expectError(res, 404, 'NOT_FOUND');
      } finally {
        await off.close();
      }
    });
  });
});
