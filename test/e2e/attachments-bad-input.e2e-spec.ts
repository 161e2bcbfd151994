// Attachments and bad input: bodies that are not uploads, empty and surplus files, parts without a
// filename, unknown fields, files over ATTACHMENT_MAX_BYTES (cut off while streaming), a lying
// Content-Length, a client that stalls or vanishes halfway, hostile filenames, and attachment_ids
// a comment may not take. Each is a clear 4xx in the error shape and leaves nothing behind: no row,
// no event, no object, no temporary.
import { AttachmentJson, makeAttachment, makeAttachments } from '../factories/attachment-uploads';
import { makeTicket } from '../factories/tickets';
import { makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { StorageDir } from '../support/attachment-storage';
import { pngBytes, sha256Hex, textBytes } from '../support/file-bytes';
import { FilePart, RawPart, rawMultipart, sendBinary, uploadFiles, uploadRaw } from '../support/multipart';
import { rawExchange, SocketOutcome } from '../support/raw-socket';
import { startTestApp, TestApp } from '../support/test-app';

const MAX_BYTES = 64 * 1024;
const IDLE_SECONDS = 1;

describe('attachments: bad input', () => {
  let storage: StorageDir;
  let t: TestApp;
  let agent: TestUser;
  let requester: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    storage = await StorageDir.create();
    t = await startTestApp({
      env: {
        ...storage.env,
        ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        UPLOAD_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
      },
    });
    [agent, requester, other] = await Promise.all([makeAgent(t), makeUser(t), makeUser(t)]);
  });
  afterAll(async () => {
    await t?.close();
    await storage?.remove();
  });

  const upload = (
    ticketId: number,
    files: FilePart[],
    options: { fields?: Record<string, string>; who?: TestUser } = {},
  ) => uploadFiles(t.baseUrl, ticketId, files, { token: (options.who ?? requester).token, fields: options.fields });
  const sendRawParts = (ticketId: number, parts: RawPart[], who: TestUser = requester) =>
    uploadRaw(t.baseUrl, ticketId, rawMultipart(parts), { token: who.token });
  const png = (filename = 'x.png'): FilePart => ({ data: pngBytes(), filename, contentType: 'image/png' });

  /** A fresh ticket of the requester's and the objects stored before the test touches it. */
  async function freshTicket() {
    const ticket = await makeTicket(t, requester);
    return { id: ticket.id, objectsBefore: await storage.objects() };
  }

  /** No row and no event for the ticket, no new object, no temporary left. */
  async function expectNothingStored({ id, objectsBefore }: { id: number; objectsBefore: string[] }) {
    const [{ rows }] = await t.dataSource.query(`SELECT count(*)::int AS rows FROM attachments WHERE ticket_id = $1`, [
      id,
    ]);
    expect(rows).toBe(0);
    const [{ events }] = await t.dataSource.query(
      `SELECT count(*)::int AS events FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'attachment.%'`,
      [id],
    );
    expect(events).toBe(0);
    await storage.noTempsLeft();
    let objects: string[] = [];
    try {
      await waitFor(
        async () => {
          objects = await storage.objects();
          return objects.join() === objectsBefore.join();
        },
        { timeoutMs: 5_000 },
      );
    } catch {
      expect(objects).toEqual(objectsBefore); // shows the orphans
    }
  }

  describe('what is not an upload', () => {
    it.each<[string, Record<string, string>, Buffer | undefined]>([
      ['a JSON body', { 'content-type': 'application/json' }, Buffer.from('{"file":"aGVsbG8="}')],
      ['plain text', { 'content-type': 'text/plain' }, Buffer.from('hello')],
      ['a urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('file=hello')],
      ['no body at all', {}, undefined],
      ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, Buffer.from('hello')],
      [
        'multipart whose body has no part',
        { 'content-type': 'multipart/form-data; boundary=abc' },
        Buffer.from('no delimiter anywhere'),
      ],
      ['an empty multipart form', { 'content-type': 'multipart/form-data; boundary=abc' }, Buffer.from('--abc--\r\n')],
    ])('refuses %s with 400', async (_name, headers, body) => {
      const ticket = await freshTicket();
      const res = await sendBinary(t.baseUrl, 'POST', `/api/v1/tickets/${ticket.id}/attachments`, body, {
        token: requester.token,
        headers,
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
    });

    it('refuses a form with fields but no file with 400', async () => {
      const ticket = await freshTicket();
      expectError(
        await sendRawParts(ticket.id, [{ kind: 'field', name: 'is_internal', value: 'false' }]),
        400,
        'VALIDATION_FAILED',
      );
      await expectNothingStored(ticket);
    });
  });

  describe('the parts', () => {
    it('refuses an empty file with 400, also after a good one', async () => {
      const ticket = await freshTicket();
      const empty: FilePart = { data: Buffer.alloc(0), filename: 'empty.txt', contentType: 'text/plain' };
      expectError(await upload(ticket.id, [empty]), 400, 'VALIDATION_FAILED');
      expectError(await upload(ticket.id, [png(), empty]), 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
    });

    it('accepts exactly 10 files and refuses 11 with 400, storing none of them', async () => {
      const ticket = await freshTicket();
      const eleven = Array.from({ length: 11 }, (_, i) => png(`f${i}.png`));
      expectError(await upload(ticket.id, eleven), 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
      const ten = await upload(ticket.id, eleven.slice(0, 10));
      expect(ten.status).toBe(201);
      expect(ten.body.items.map((i: AttachmentJson) => i.filename)).toEqual(eleven.slice(0, 10).map((f) => f.filename));
    });

    it.each<[string, RawPart]>([
      ['a binary part without a filename', { kind: 'file', contentType: 'application/octet-stream', data: pngBytes() }],
      ['a part named file without a filename or a type', { kind: 'file', data: pngBytes() }],
      ['an empty filename', { kind: 'file', filename: '', contentType: 'image/png', data: pngBytes() }],
    ])('refuses %s with 400, also after a good part', async (_name, part) => {
      const ticket = await freshTicket();
      const good: RawPart = { kind: 'file', filename: 'ok.png', contentType: 'image/png', data: pngBytes() };
      expectError(await sendRawParts(ticket.id, [part]), 400, 'VALIDATION_FAILED');
      expectError(await sendRawParts(ticket.id, [good, part]), 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
    });

    it.each<[string, RawPart]>([
      ['an unknown text field', { kind: 'field', name: 'comment', value: 'hello' }],
      ['a ticket_id field', { kind: 'field', name: 'ticket_id', value: '1' }],
      ['an uploader_id field', { kind: 'field', name: 'uploader_id', value: '1' }],
      ['a file under another field name', { kind: 'file', name: 'upload', filename: 'x.png', data: pngBytes() }],
    ])('refuses %s with 400', async (_name, extra) => {
      const ticket = await freshTicket();
      const good: RawPart = { kind: 'file', filename: 'ok.png', contentType: 'image/png', data: pngBytes() };
      expectError(await sendRawParts(ticket.id, [extra, good]), 400, 'VALIDATION_FAILED');
      expectError(await sendRawParts(ticket.id, [good, extra]), 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
    });

    it.each(['yes', '1', '', 'true,false'])('refuses is_internal=%j with 400', async (value) => {
      const ticket = await freshTicket();
      expectError(
        await upload(ticket.id, [png()], { fields: { is_internal: value }, who: agent }),
        400,
        'VALIDATION_FAILED',
      );
      await expectNothingStored(ticket);
    });

    it('refuses is_internal=true from a requester with 403, before or after the file', async () => {
      const ticket = await freshTicket();
      const before = await upload(ticket.id, [png()], { fields: { is_internal: 'true' } });
      expectError(before, 403, 'FORBIDDEN');
      const after = await uploadFiles(t.baseUrl, ticket.id, [png()], {
        token: requester.token,
        fields: { is_internal: 'true' },
        fieldsLast: true,
      });
      expectError(after, 403, 'FORBIDDEN');
      await expectNothingStored(ticket);
    });

    it('answers 404 for a ticket that does not exist or is another requester’s, storing nothing', async () => {
      const ticket = await freshTicket();
      expectError(await upload(ticket.id, [png()], { who: other }), 404, 'NOT_FOUND');
      expectError(await upload(2147483000, [png()]), 404, 'NOT_FOUND');
      await expectNothingStored(ticket);
    });
  });

  describe('size limit (ATTACHMENT_MAX_BYTES = 64 KiB)', () => {
    it('accepts a file of exactly the limit', async () => {
      const ticket = await freshTicket();
      const data = textBytes(MAX_BYTES);
      const res = await upload(ticket.id, [{ data, filename: 'full.txt' }]);
      expect(res.status).toBe(201);
      expect(res.body.items[0]).toMatchObject({ size: MAX_BYTES, sha256: sha256Hex(data) });
    });

    it('answers 413 for one byte more, storing nothing', async () => {
      const ticket = await freshTicket();
      expectError(
        await upload(ticket.id, [{ data: textBytes(MAX_BYTES + 1), filename: 'over.txt' }]),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      await expectNothingStored(ticket);
    });

    it('answers 413 when a later part is over, storing none of the earlier ones', async () => {
      const ticket = await freshTicket();
      const first = png('first.png');
      const res = await upload(ticket.id, [
        first,
        png('second.png'),
        { data: textBytes(MAX_BYTES + 5000), filename: 'big.txt' },
      ]);
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      await expectNothingStored(ticket);
      expect(await storage.hasObject(sha256Hex(first.data))).toBe(false);
    });

    // 3 MB: within what the app drains before a 413 (request-drain.ts), so every client reads the answer.
    it('answers a client still sending megabytes with 413, not a reset connection', async () => {
      const ticket = await freshTicket();
      const started = Date.now();
      const res = await upload(ticket.id, [{ data: textBytes(3 * 1024 * 1024), filename: 'huge.txt' }]);
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(Date.now() - started).toBeLessThan(10_000);
      await expectNothingStored(ticket);
    });

    it('does not store a refused upload under its Idempotency-Key: the key works for a later good one', async () => {
      const ticket = await freshTicket();
      const key = `too-big-${Date.now()}`;
      const headers = { 'idempotency-key': key };
      const big = await uploadFiles(t.baseUrl, ticket.id, [{ data: textBytes(MAX_BYTES + 1), filename: 'big.txt' }], {
        token: requester.token,
        headers,
      });
      expectError(big, 413, 'PAYLOAD_TOO_LARGE');
      const again = await uploadFiles(t.baseUrl, ticket.id, [{ data: textBytes(MAX_BYTES + 1), filename: 'big.txt' }], {
        token: requester.token,
        headers,
      });
      expectError(again, 413, 'PAYLOAD_TOO_LARGE'); // not a replay: it ran again
      expect(again.headers.get('idempotent-replayed')).toBeNull();
      const ok = await uploadFiles(t.baseUrl, ticket.id, [png()], { token: requester.token, headers });
      expect(ok.status).toBe(201);
      expect(ok.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  describe('clients that lie, stall or vanish', () => {
    const path = (ticketId: number) => `/api/v1/tickets/${ticketId}/attachments`;
    const form = () =>
      rawMultipart([{ kind: 'file', filename: 'slow.txt', contentType: 'text/plain', data: textBytes(48 * 1024) }]);
    const headersFor = (contentType: string, contentLength: number) => ({
      authorization: `Bearer ${requester.token}`,
      'content-type': contentType,
      'content-length': String(contentLength),
    });

    /** Answered 408 REQUEST_TIMEOUT in the error shape, or closed without an answer; either way promptly. */
    function expectTimedOut(outcome: SocketOutcome) {
      if (outcome.response) expectError(outcome.response, 408, 'REQUEST_TIMEOUT');
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 100);
      expect(outcome.elapsedMs).toBeLessThan(IDLE_SECONDS * 1000 + 8_000);
    }

    it('refuses a body longer than its Content-Length (a truncated form) with 400', async () => {
      const ticket = await freshTicket();
      const { body, contentType } = form();
      const { outcome } = rawExchange(t.baseUrl, {
        method: 'POST',
        path: path(ticket.id),
        headers: headersFor(contentType, body.length - 200),
        body,
        then: 'wait',
      });
      const { response } = await outcome;
      expect(response).toBeDefined();
      expectError(response!, 400, 'VALIDATION_FAILED');
      await expectNothingStored(ticket);
    });

    it('times out a complete form whose Content-Length promised more, storing nothing', async () => {
      const ticket = await freshTicket();
      const { body, contentType } = form();
      const { outcome } = rawExchange(t.baseUrl, {
        method: 'POST',
        path: path(ticket.id),
        headers: headersFor(contentType, body.length + 100),
        body,
        then: 'wait',
      });
      expectTimedOut(await outcome);
      await expectNothingStored(ticket);
    });

    it('streams a file to a temporary as it arrives, and times out a client that stops halfway: 408, nothing left', async () => {
      const ticket = await freshTicket();
      const { body, contentType } = form();
      const exchange = rawExchange(t.baseUrl, {
        method: 'POST',
        path: path(ticket.id),
        headers: headersFor(contentType, body.length),
        body: body.subarray(0, 32 * 1024),
        then: 'wait',
      });
      let done = false;
      const outcome = exchange.outcome.finally(() => (done = true));
      // While the client is stalled, its bytes are already in a temporary (streamed, not buffered).
      let sawTemp = false;
      await waitFor(
        async () => {
          sawTemp ||= (await storage.temps()).length > 0;
          return sawTemp || done;
        },
        { intervalMs: 5 },
      );
      expect(sawTemp).toBe(true);
      expectTimedOut(await outcome);
      await expectNothingStored(ticket);
    });

    it('forgets an upload whose client vanishes halfway: no row, no object, no temporary', async () => {
      const ticket = await freshTicket();
      const { body, contentType } = form();
      const exchange = rawExchange(t.baseUrl, {
        method: 'POST',
        path: path(ticket.id),
        headers: headersFor(contentType, body.length),
        body: body.subarray(0, 32 * 1024),
        then: 'wait',
      });
      await waitFor(async () => (await storage.temps()).length > 0, { intervalMs: 5 });
      exchange.socket.destroy();
      await exchange.outcome;
      await expectNothingStored(ticket);
    });
  });

  describe('filenames', () => {
    const uploadNamed = async (filename: string): Promise<AttachmentJson> => {
      const ticket = await makeTicket(t, requester);
      const res = await sendRawParts(ticket.id, [
        { kind: 'file', filename, contentType: 'text/plain', data: textBytes(32) },
      ]);
      expect(res.status).toBe(201);
      const [item] = res.body.items as AttachmentJson[];
      const [row] = await t.dataSource.query(`SELECT filename FROM attachments WHERE id = $1`, [item.id]);
      expect(row.filename).toBe(item.filename);
      return item;
    };
    const download = (id: number) =>
      sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${id}`, undefined, { token: requester.token });

    it.each([
      ['../../etc/passwd', 'passwd'],
      ['/var/www/../../etc/shadow', 'shadow'],
      ['C:\\Users\\me\\report.pdf', 'report.pdf'],
      ['in\x00voi\x01ce\x1b[31m\x7f.pdf', 'invoice[31m.pdf'],
      ['tab\there.txt', 'tabhere.txt'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
      ['photo\u202Dgpj.exe', 'photogpj.exe'],
    ])('stores %j as %j', async (sent, stored) => {
      const item = await uploadNamed(sent);
      expect(item.filename).toBe(stored);
    });

    it('removes bidi embeddings and isolates too (they reorder a name as overrides do)', async () => {
      const item = await uploadNamed('a\u202Ab\u202Bc\u202Cd\u2066e\u2067f\u2068g\u2069.txt');
      expect(item.filename).toBe('abcdefg.txt');
    });

    it('shortens a name over 255 bytes, keeping its extension', async () => {
      const item = await uploadNamed(`${'a'.repeat(300)}.pdf`);
      expect(Buffer.byteLength(item.filename)).toBeLessThanOrEqual(255);
      expect(item.filename).toMatch(/^a{200,}\.pdf$/);
    });

    it('shortens a multi-byte name on a character boundary, keeping its extension', async () => {
      const item = await uploadNamed(`${'é'.repeat(200)}.png`);
      expect(Buffer.byteLength(item.filename)).toBeLessThanOrEqual(255);
      expect(item.filename).toMatch(/^é{100,}\.png$/);
    });

    it('serves names with quotes, backslashes and control characters in a well-formed Content-Disposition', async () => {
      // Raw, as the form's quoted-string escapes it: the name is `say "hi".txt`.
      const item = await uploadNamed('say \\"hi\\".txt');
      expect(item.filename).toContain('"');
      const res = await download(item.id);
      expect(res.status).toBe(200);
      const disposition = res.headers.get('content-disposition') ?? '';
      const match =
        /^attachment; filename="((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(
          disposition,
        );
      expect({ disposition, wellFormed: match !== null }).toEqual({ disposition, wellFormed: true });
      expect(decodeURIComponent(match![2])).toBe(item.filename);
    });
  });

  describe('attachment_ids on a comment', () => {
    const comment = (ticketId: number, who: TestUser, body: object) =>
      t.http.post(`/api/v1/tickets/${ticketId}/comments`, body, { token: who.token });

    /** Refused with 422 naming the ids; no comment, no event, the attachments still loose. */
    async function expectRefused(
      ticketId: number,
      who: TestUser,
      body: { attachment_ids: number[]; is_internal?: boolean },
      named: number[],
    ) {
      const [{ comments }] = await t.dataSource.query(
        `SELECT count(*)::int AS comments FROM comments WHERE ticket_id = $1`,
        [ticketId],
      );
      const linked = await t.dataSource.query(
        `SELECT id, comment_id FROM attachments WHERE id = ANY($1::int[]) ORDER BY id`,
        [body.attachment_ids],
      );
      const res = await comment(ticketId, who, { body: 'with files', ...body });
      expectError(res, 422, 'UNPROCESSABLE');
      for (const id of named) expect(JSON.stringify(res.body.error.details)).toContain(String(id));
      const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM comments WHERE ticket_id = $1`, [
        ticketId,
      ]);
      expect(after).toBe(comments);
      expect(
        await t.dataSource.query(`SELECT id, comment_id FROM attachments WHERE id = ANY($1::int[]) ORDER BY id`, [
          body.attachment_ids,
        ]),
      ).toEqual(linked);
    }

    it('refuses someone else’s attachment, another ticket’s and one already in a comment with 422', async () => {
      const ticket = await makeTicket(t, requester);
      const otherTicket = await makeTicket(t, requester);
      const mine = await makeAttachment(t, requester, ticket.id);
      const agents = await makeAttachment(t, agent, ticket.id);
      const elsewhere = await makeAttachment(t, requester, otherTicket.id);
      const theirs = await makeAttachment(t, other, (await makeTicket(t, other)).id);
      await expectRefused(ticket.id, requester, { attachment_ids: [mine.id, agents.id] }, [agents.id]);
      await expectRefused(ticket.id, requester, { attachment_ids: [elsewhere.id] }, [elsewhere.id]);
      await expectRefused(ticket.id, requester, { attachment_ids: [theirs.id] }, [theirs.id]);
      await expectRefused(ticket.id, requester, { attachment_ids: [2147483000] }, [2147483000]);

      expect((await comment(ticket.id, requester, { body: 'first', attachment_ids: [mine.id] })).status).toBe(201);
      await expectRefused(ticket.id, requester, { attachment_ids: [mine.id] }, [mine.id]);
    });

    it('refuses attachments whose is_internal differs from the comment’s with 422', async () => {
      const ticket = await makeTicket(t, requester);
      const [internal] = await makeAttachments(t, agent, ticket.id, undefined, { internal: true });
      const [visible] = await makeAttachments(t, agent, ticket.id, undefined, { internal: false });
      await expectRefused(ticket.id, agent, { attachment_ids: [internal.id] }, [internal.id]);
      await expectRefused(ticket.id, agent, { attachment_ids: [visible.id], is_internal: true }, [visible.id]);
      await expectRefused(ticket.id, agent, { attachment_ids: [internal.id, visible.id] }, [internal.id]);
    });

    it('refuses more than 10 ids or ids that are not integers with 400', async () => {
      const ticket = await makeTicket(t, requester);
      const items = await makeAttachments(
        t,
        requester,
        ticket.id,
        Array.from({ length: 10 }, (_, i) => png(`p${i}.png`)),
      );
      const eleventh = await makeAttachment(t, requester, ticket.id);
      for (const attachment_ids of [[...items.map((i) => i.id), eleventh.id], ['1'], [1.5], 'x', [null]]) {
        expectError(await comment(ticket.id, requester, { body: 'x', attachment_ids }), 400, 'VALIDATION_FAILED');
      }
      const res = await comment(ticket.id, requester, { body: 'ten', attachment_ids: items.map((i) => i.id) });
      expect(res.status).toBe(201);
      expect(res.body.attachments).toHaveLength(10);
    });
  });
});
