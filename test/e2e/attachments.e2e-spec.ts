// Attachments: upload (typed by the bytes, digested, stored by content), listing, download with the
// contract's headers, Range and ETag, dedupe on disk, delete (and the object with the last row),
// idempotent replays, comments taking attachments, the timeline and realtime events.
// Bad input is in attachments-bad-input.e2e-spec.ts, who may see what in attachments-access.e2e-spec.ts.
import { AttachmentJson, backdateAttachment, makeAttachment, makeAttachments } from '../factories/attachment-uploads';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { StorageDir } from '../support/attachment-storage';
import {
  gifBytes,
  htmlBytes,
  jpegBytes,
  pdfBytes,
  pngBytes,
  sha256Hex,
  svgBytes,
  textBytes,
} from '../support/file-bytes';
import { BinaryResponse, FilePart, sendBinary, uploadFiles } from '../support/multipart';
import { Notification, NotificationsClient } from '../support/notifications-client';
import { startTestApp, TestApp } from '../support/test-app';

/** RFC 8187 attr-char: what may stand unencoded in `filename*`. */
const ATTR_CHARS = /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/;

/** `attachment|inline; filename="<ascii>"; filename*=UTF-8''<encoded>`, taken apart (or null if not that shape). */
function parseDisposition(value: string | null) {
  const match =
    /^(attachment|inline); filename="((?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*)"; filename\*=UTF-8''(\S+)$/.exec(
      value ?? '',
    );
  if (!match) return null;
  return { type: match[1], fallback: match[2].replace(/\\(.)/g, '$1'), encoded: match[3] };
}

/** The CSP directives of a response, all policies together. */
const cspDirectives = (res: BinaryResponse): string[] =>
  (res.headers.get('content-security-policy') ?? '')
    .split(/[;,]/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

/** The attachment ids a realtime message names (one per message, or several). */
const idsIn = (message: Notification): number[] =>
  message.data.attachment_ids ?? (message.data.attachment_id === undefined ? [] : [message.data.attachment_id]);

describe('attachments', () => {
  let storage: StorageDir;
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let otherAgent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    storage = await StorageDir.create();
    t = await startTestApp({ env: storage.env });
    [admin, agent, otherAgent, requester] = await Promise.all([makeAdmin(t), makeAgent(t), makeAgent(t), makeUser(t)]);
  });
  afterAll(async () => {
    await t?.close();
    await storage?.remove();
  });

  const upload = (ticketId: number, who: TestUser, files: FilePart[], headers?: Record<string, string>) =>
    uploadFiles(t.baseUrl, ticketId, files, { token: who.token, headers });
  const download = (id: number, who: TestUser, { query = '', headers = {} } = {}) =>
    sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${id}${query}`, undefined, { token: who.token, headers });
  const remove = (id: number, who: TestUser) =>
    sendBinary(t.baseUrl, 'DELETE', `/api/v1/attachments/${id}`, undefined, { token: who.token });
  const listIds = async (ticketId: number, who: TestUser): Promise<number[]> => {
    const res = await t.http.get(`/api/v1/tickets/${ticketId}/attachments`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body.items.map((a: AttachmentJson) => a.id);
  };
  const rowCount = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments`))[0].n;

  describe('upload', () => {
    it('answers 201 with one item per file part, in part order, typed by the bytes, digested and stored', async () => {
      const ticket = await makeTicket(t, requester);
      const files: FilePart[] = [
        { data: pngBytes(), filename: 'screen.png', contentType: 'image/png' },
        { data: jpegBytes(), filename: 'photo.jpeg', contentType: 'application/octet-stream' },
        { data: textBytes(300), filename: 'notes.png', contentType: 'image/png' },
        { data: pdfBytes(), filename: 'invoice.pdf', contentType: 'text/plain' },
      ];
      const res = await upload(ticket.id, requester, files);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body)).toEqual(['items']);
      const expectedTypes = ['image/png', 'image/jpeg', 'application/octet-stream', 'application/pdf'];
      expect(res.body.items).toHaveLength(files.length);
      res.body.items.forEach((item: AttachmentJson, i: number) => {
        expect(item).toEqual({
          id: expect.any(Number),
          ticket_id: ticket.id,
          comment_id: null,
          filename: files[i].filename,
          content_type: expectedTypes[i],
          size: files[i].data.length,
          sha256: sha256Hex(files[i].data),
          is_internal: false,
          uploaded_by: { id: requester.user.id, name: requester.user.name },
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
          url: `/api/v1/attachments/${item.id}`,
        });
      });
      const ids = res.body.items.map((item: AttachmentJson) => item.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);

      // Each file's bytes are on disk under their digest; no temporary is left.
      for (const file of files) expect(await storage.readObject(sha256Hex(file.data))).toEqual(file.data);
      await storage.noTempsLeft();
      const rows = await t.dataSource.query(
        `SELECT id, uploader_id, sha256, size::int AS size FROM attachments WHERE ticket_id = $1 ORDER BY id`,
        [ticket.id],
      );
      expect(rows).toEqual(
        files.map((file, i) => ({
          id: ids[i],
          uploader_id: requester.user.id,
          sha256: sha256Hex(file.data),
          size: file.data.length,
        })),
      );
    });

    it('takes files far larger than one socket read intact, from clients that close or keep the connection', async () => {
      const ticket = await makeTicket(t, requester);
      for (const connection of ['keep-alive', 'close']) {
        const data = pngBytes({ padding: 3 * 1024 * 1024 });
        const res = await uploadFiles(
          t.baseUrl,
          ticket.id,
          [{ data, filename: 'large.png', contentType: 'image/png' }],
          {
            token: requester.token,
            headers: { connection },
          },
        );
        expect({ connection, status: res.status }).toEqual({ connection, status: 201 });
        expect(res.body.items[0]).toMatchObject({
          size: data.length,
          sha256: sha256Hex(data),
          content_type: 'image/png',
        });
        // Digests, not toEqual: jest compares megabyte Buffers element by element, for seconds.
        expect(sha256Hex(await storage.readObject(sha256Hex(data)))).toBe(sha256Hex(data));
        expect(sha256Hex((await download(res.body.items[0].id, requester)).bytes)).toBe(sha256Hex(data));
      }
      await storage.noTempsLeft();
    });

    it('lets staff upload internal files to any ticket; a requester may say is_internal false', async () => {
      const ticket = await makeTicket(t, requester);
      const [internal] = await makeAttachments(t, agent, ticket.id, undefined, { internal: true });
      expect(internal).toMatchObject({ is_internal: true, uploaded_by: { id: agent.user.id } });
      const [staffPublic] = await makeAttachments(t, admin, ticket.id, undefined, { internal: false });
      expect(staffPublic.is_internal).toBe(false);
      const [own] = await makeAttachments(t, requester, ticket.id, undefined, { internal: false });
      expect(own.is_internal).toBe(false);
    });

    it('lists the ticket’s attachments oldest first and shows those outside comments on the ticket', async () => {
      const ticket = await makeTicket(t, requester);
      const first = await makeAttachment(t, requester, ticket.id);
      const second = await makeAttachment(t, agent, ticket.id);
      const third = await makeAttachment(t, requester, ticket.id);
      const list = await t.http.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: requester.token });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [first, second, third] });
      const got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
      expect(got.body.attachments).toEqual([first, second, third]);
      // A ticket without any says so with an empty list.
      const bare = await makeTicket(t, requester);
      expect((await t.http.get(`/api/v1/tickets/${bare.id}`, { token: requester.token })).body.attachments).toEqual([]);
      expect((await t.http.get(`/api/v1/tickets/${bare.id}/attachments`, { token: requester.token })).body).toEqual({
        items: [],
      });
    });
  });

  describe('download', () => {
    it('streams the bytes with Content-Type, Content-Length, ETag, nosniff, a sandbox CSP and the disposition', async () => {
      const ticket = await makeTicket(t, requester);
      const data = pngBytes({ padding: 2000 });
      const item = await makeAttachment(t, requester, ticket.id, {
        file: { data, filename: 'screen.png', contentType: 'image/png' },
      });
      for (const who of [requester, agent, admin]) {
        const res = await download(item.id, who);
        expect(res.status).toBe(200);
        expect(res.bytes).toEqual(data);
        expect(res.headers.get('content-type')).toMatch(/^image\/png(;|$)/);
        expect(res.headers.get('content-length')).toBe(String(data.length));
        expect(res.headers.get('etag')).toBe(`"${sha256Hex(data)}"`);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(cspDirectives(res)).toContain('sandbox');
        expect(res.headers.get('content-disposition')).toBe(
          `attachment; filename="screen.png"; filename*=UTF-8''screen.png`,
        );
      }
    });

    it('names a file with non-ASCII, separators and parentheses safely in both filename parameters', async () => {
      const ticket = await makeTicket(t, requester);
      // No double quote: FormData sends it as %22, as browsers do (raw quotes are in the bad-input spec).
      const filename = "Café; it's (1), – ünïcødé.pdf";
      const item = await makeAttachment(t, requester, ticket.id, {
        file: { data: pdfBytes(), filename, contentType: 'application/pdf' },
      });
      expect(item.filename).toBe(filename);
      const res = await download(item.id, requester);
      expect(res.status).toBe(200);
      const disposition = parseDisposition(res.headers.get('content-disposition'));
      expect(disposition).not.toBeNull();
      expect(disposition!.type).toBe('attachment');
      expect(disposition!.encoded).toMatch(ATTR_CHARS);
      expect(decodeURIComponent(disposition!.encoded)).toBe(filename);
      expect(disposition!.fallback).toMatch(/^[\x20-\x7e]+$/);
      expect(disposition!.fallback).toMatch(/\.pdf$/);
      expect(res.headers.get('content-type')).toMatch(/^application\/pdf(;|$)/);
    });

    it('serves ?inline=1 inline for PNG, JPEG and GIF only; SVG, HTML and disguised markup stay attachments', async () => {
      const ticket = await makeTicket(t, requester);
      const images: FilePart[] = [
        { data: pngBytes(), filename: 'a.png', contentType: 'image/png' },
        { data: jpegBytes(), filename: 'b.jpg', contentType: 'image/jpeg' },
        { data: gifBytes(), filename: 'c.gif', contentType: 'image/gif' },
      ];
      for (const item of await makeAttachments(t, requester, ticket.id, images)) {
        const inline = await download(item.id, requester, { query: '?inline=1' });
        expect(inline.status).toBe(200);
        expect(parseDisposition(inline.headers.get('content-disposition'))).toEqual({
          type: 'inline',
          fallback: item.filename,
          encoded: item.filename,
        });
        expect(inline.headers.get('content-type')).toMatch(new RegExp(`^${item.content_type}(;|$)`));
        const plain = await download(item.id, requester);
        expect(parseDisposition(plain.headers.get('content-disposition'))?.type).toBe('attachment');
      }

      const markup: FilePart[] = [
        { data: svgBytes(), filename: 'logo.svg', contentType: 'image/svg+xml' },
        { data: htmlBytes(), filename: 'page.html', contentType: 'text/html' },
        { data: htmlBytes(), filename: 'disguised.png', contentType: 'image/png' },
        { data: svgBytes(), filename: 'disguised.gif', contentType: 'image/gif' },
      ];
      for (const item of await makeAttachments(t, requester, ticket.id, markup)) {
        expect(item.content_type).not.toMatch(/svg|html|image\//);
        const res = await download(item.id, requester, { query: '?inline=1' });
        expect(res.status).toBe(200);
        expect(parseDisposition(res.headers.get('content-disposition'))?.type).toBe('attachment');
        expect(res.headers.get('content-type') ?? '').not.toMatch(/svg|html|image\//);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(cspDirectives(res)).toContain('sandbox');
      }
    });

    it('answers one satisfiable Range with 206 and the slice, an unsatisfiable one with 416', async () => {
      const ticket = await makeTicket(t, requester);
      const data = pngBytes({ padding: 5000 });
      const size = data.length;
      const item = await makeAttachment(t, requester, ticket.id, {
        file: { data, filename: 'big.png', contentType: 'image/png' },
      });
      const cases: Array<[string, number, number]> = [
        ['bytes=0-9', 0, 9],
        ['bytes=100-', 100, size - 1],
        ['bytes=-16', size - 16, size - 1],
        ['bytes=1000-2000', 1000, 2000],
        ['bytes=10-999999', 10, size - 1], // an end past the file is the file's end
      ];
      for (const [range, start, end] of cases) {
        const res = await download(item.id, requester, { headers: { range } });
        expect({ range, status: res.status }).toEqual({ range, status: 206 });
        expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
        expect(res.headers.get('content-length')).toBe(String(end - start + 1));
        expect(res.bytes).toEqual(data.subarray(start, end + 1));
        expect(res.headers.get('etag')).toBe(`"${item.sha256}"`);
      }
      for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`]) {
        const res = await download(item.id, requester, { headers: { range } });
        expect({ range, status: res.status }).toEqual({ range, status: 416 });
        expect(res.headers.get('content-range')).toBe(`bytes */${size}`);
        expect(res.bytes.equals(data)).toBe(false);
      }
    });

    it('answers If-None-Match with the sha256 ETag with 304 and no body', async () => {
      const ticket = await makeTicket(t, requester);
      const data = pngBytes();
      const item = await makeAttachment(t, requester, ticket.id, {
        file: { data, filename: 'x.png', contentType: 'image/png' },
      });
      const cached = await download(item.id, requester, { headers: { 'if-none-match': `"${item.sha256}"` } });
      expect(cached.status).toBe(304);
      expect(cached.bytes.length).toBe(0);
      expect(cached.headers.get('etag')).toBe(`"${item.sha256}"`);
      const stale = await download(item.id, requester, { headers: { 'if-none-match': `"${'0'.repeat(64)}"` } });
      expect(stale.status).toBe(200);
      expect(stale.bytes).toEqual(data);
    });
  });

  describe('storage by content', () => {
    it('stores identical bytes once, also when they arrive at the same moment', async () => {
      const [a, b] = await Promise.all([makeTicket(t, requester), makeTicket(t, agent)]);
      const data = pngBytes({ padding: 20_000 });
      const sha = sha256Hex(data);
      const before = await storage.objects();
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          upload(i % 2 ? a.id : b.id, i % 2 ? requester : agent, [
            { data, filename: `same-${i}.png`, contentType: 'image/png' },
          ]),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(new Array(6).fill(201));
      const items = responses.map((r) => r.body.items[0] as AttachmentJson);
      expect(new Set(items.map((i) => i.id)).size).toBe(6);
      expect(items.every((i) => i.sha256 === sha)).toBe(true);
      expect(await storage.objects()).toEqual([...before, sha].sort());
      expect(await storage.readObject(sha)).toEqual(data);
      await storage.noTempsLeft();
      for (const item of items) expect((await download(item.id, agent)).bytes).toEqual(data);
    });

    it('keeps the object while another row names the bytes and removes it with the last one', async () => {
      const [mine, theirs] = await Promise.all([makeTicket(t, requester), makeTicket(t, agent)]);
      const data = pngBytes();
      const sha = sha256Hex(data);
      const file = { data, filename: 'shared.png', contentType: 'image/png' };
      const first = await makeAttachment(t, requester, mine.id, { file });
      const second = await makeAttachment(t, agent, theirs.id, { file });

      expect((await remove(first.id, requester)).status).toBe(204);
      expectError(await download(first.id, requester), 404, 'NOT_FOUND');
      expectError(await download(first.id, admin), 404, 'NOT_FOUND');
      expect(await listIds(mine.id, requester)).toEqual([]);
      expect((await t.http.get(`/api/v1/tickets/${mine.id}`, { token: agent.token })).body.attachments).toEqual([]);
      expect(await storage.hasObject(sha)).toBe(true);
      expect((await download(second.id, agent)).bytes).toEqual(data);

      expect((await remove(second.id, agent)).status).toBe(204);
      await waitFor(async () => !(await storage.hasObject(sha)));

      // The same bytes again are stored again.
      const again = await makeAttachment(t, requester, mine.id, { file });
      expect((await download(again.id, requester)).bytes).toEqual(data);
      expect(await storage.readObject(sha)).toEqual(data);
    });
  });

  describe('delete', () => {
    it('lets the uploader delete within 15 minutes; others who see it get 403, an admin may', async () => {
      const ticket = await makeTicket(t, requester);
      const byAgent = await makeAttachment(t, agent, ticket.id);
      for (const who of [requester, otherAgent]) expectError(await remove(byAgent.id, who), 403, 'FORBIDDEN');
      expect((await download(byAgent.id, requester)).status).toBe(200);
      expect((await remove(byAgent.id, agent)).status).toBe(204);
      expectError(await remove(byAgent.id, agent), 404, 'NOT_FOUND');

      const late = await makeAttachment(t, requester, ticket.id);
      await backdateAttachment(t, late.id, '16 minutes');
      expectError(await remove(late.id, requester), 403, 'FORBIDDEN');
      expect(await listIds(ticket.id, requester)).toEqual([late.id]);
      expect((await remove(late.id, admin)).status).toBe(204);
      expect(await listIds(ticket.id, agent)).toEqual([]);
    });

    it('refuses the uploader once the file is part of a comment; an admin removes it from the comment', async () => {
      const ticket = await makeTicket(t, requester);
      const item = await makeAttachment(t, requester, ticket.id);
      const comment = await t.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'see attached', attachment_ids: [item.id] },
        { token: requester.token },
      );
      expect(comment.status).toBe(201);
      expectError(await remove(item.id, requester), 403, 'FORBIDDEN');
      expect((await remove(item.id, admin)).status).toBe(204);
      const comments = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: requester.token });
      expect(comments.body.items[0]).toMatchObject({ id: comment.body.id, attachments: [] });
      expectError(await download(item.id, agent), 404, 'NOT_FOUND');
    });
  });

  describe('Idempotency-Key', () => {
    let n = 0;
    const newKey = () => `att-${Date.now()}-${++n}`;

    it('replays the first answer byte for byte, storing nothing new, whatever the boundary', async () => {
      const ticket = await makeTicket(t, requester);
      const key = newKey();
      const files: FilePart[] = [
        { data: pngBytes(), filename: 'one.png', contentType: 'image/png' },
        { data: jpegBytes(), filename: 'two.jpg', contentType: 'image/jpeg' },
      ];
      const first = await upload(ticket.id, requester, files, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const rows = await rowCount();
      const objects = await storage.objects();

      // A fresh FormData, so a fresh boundary: the same request as far as the client knows.
      const again = await upload(ticket.id, requester, files, { 'idempotency-key': key });
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await rowCount()).toBe(rows);
      expect(await storage.objects()).toEqual(objects);
      await storage.noTempsLeft();
      const [{ events }] = await t.dataSource.query(
        `SELECT count(*)::int AS events FROM ticket_events WHERE ticket_id = $1 AND type = 'attachment.added'`,
        [ticket.id],
      );
      expect(events).toBe(2);
    });

    it('creates one set of rows from concurrent uploads with one key, leaving no temporaries', async () => {
      const ticket = await makeTicket(t, requester);
      const key = newKey();
      const files: FilePart[] = [
        { data: pngBytes({ padding: 30_000 }), filename: 'one.png', contentType: 'image/png' },
        { data: pdfBytes(), filename: 'two.pdf', contentType: 'application/pdf' },
      ];
      const objects = await storage.objects();
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => upload(ticket.id, requester, files, { 'idempotency-key': key })),
      );
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const created = responses.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.text)).size).toBe(1);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1`, [
        ticket.id,
      ]);
      expect(n).toBe(2);
      await storage.noTempsLeft();
      expect(await storage.objects()).toEqual([...objects, ...files.map((f) => sha256Hex(f.data))].sort());
    });

    it('scopes keys to the caller: another user with the same key uploads anew', async () => {
      const ticket = await makeTicket(t, requester);
      const key = newKey();
      const files: FilePart[] = [{ data: pngBytes(), filename: 'mine.png', contentType: 'image/png' }];
      const mine = await upload(ticket.id, requester, files, { 'idempotency-key': key });
      const theirs = await upload(ticket.id, agent, files, { 'idempotency-key': key });
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      expect(theirs.body.items[0].id).not.toBe(mine.body.items[0].id);
      expect(theirs.body.items[0].uploaded_by.id).toBe(agent.user.id);
    });

    it('refuses the same key with other bytes or another filename with 422, leaving no object behind', async () => {
      const ticket = await makeTicket(t, requester);
      const key = newKey();
      const data = pngBytes();
      expect(
        (await upload(ticket.id, requester, [{ data, filename: 'a.png' }], { 'idempotency-key': key })).status,
      ).toBe(201);
      const rows = await rowCount();
      const objects = await storage.objects();
      const other = pngBytes();
      expectError(
        await upload(ticket.id, requester, [{ data: other, filename: 'a.png' }], { 'idempotency-key': key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expectError(
        await upload(ticket.id, requester, [{ data, filename: 'b.png' }], { 'idempotency-key': key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await rowCount()).toBe(rows);
      await storage.noTempsLeft();
      expect(await storage.hasObject(sha256Hex(other))).toBe(false);
      expect(await storage.objects()).toEqual(objects);
    });

    it('re-checks the caller on replay: a demoted agent replaying an internal upload gets 403', async () => {
      const demoted = await makeAgent(t);
      const ticket = await makeTicket(t, demoted);
      const key = newKey();
      const files: FilePart[] = [{ data: pngBytes(), filename: 'note.png', contentType: 'image/png' }];
      const first = await uploadFiles(t.baseUrl, ticket.id, files, {
        token: demoted.token,
        headers: { 'idempotency-key': key },
        fields: { is_internal: 'true' },
      });
      expect(first.status).toBe(201);
      const patched = await t.http.patch(`/api/v1/users/${demoted.user.id}`, { role: 'user' }, { token: admin.token });
      expect(patched.status).toBe(200);
      const rows = await rowCount();
      const replay = await uploadFiles(t.baseUrl, ticket.id, files, {
        token: demoted.token,
        headers: { 'idempotency-key': key },
        fields: { is_internal: 'true' },
      });
      expectError(replay, 403, 'FORBIDDEN');
      expect(await rowCount()).toBe(rows);
    });
  });

  describe('comments', () => {
    const comment = (ticketId: number, who: TestUser, body: object) =>
      t.http.post(`/api/v1/tickets/${ticketId}/comments`, body, { token: who.token });

    it('takes the caller’s loose attachments by attachment_ids and shows them in Comment JSON only', async () => {
      const ticket = await makeTicket(t, requester);
      const [a, b] = await makeAttachments(t, requester, ticket.id, [
        { data: pngBytes(), filename: 'a.png', contentType: 'image/png' },
        { data: pdfBytes(), filename: 'b.pdf', contentType: 'application/pdf' },
      ]);
      const loose = await makeAttachment(t, requester, ticket.id);
      const plain = await comment(ticket.id, requester, { body: 'no files' });
      expect(plain.status).toBe(201);
      expect(plain.body.attachments).toEqual([]);

      const res = await comment(ticket.id, requester, { body: 'two files', attachment_ids: [a.id, b.id] });
      expect(res.status).toBe(201);
      const linked = [a, b].map((item) => ({ ...item, comment_id: res.body.id }));
      expect(res.body.attachments).toEqual(linked);

      const listed = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: requester.token });
      expect(listed.body.items.map((c: any) => c.attachments)).toEqual([[], linked]);
      // The ticket shows only what is not part of a comment; the list shows everything.
      expect((await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: requester.token })).body.attachments).toEqual([
        loose,
      ]);
      const all = await t.http.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: requester.token });
      expect(all.body.items).toEqual([...linked, loose]);
      expect((await download(a.id, requester)).status).toBe(200);
    });

    it('lets staff put internal attachments on internal notes', async () => {
      const ticket = await makeTicket(t, requester);
      const [note] = await makeAttachments(t, agent, ticket.id, undefined, { internal: true });
      const res = await comment(ticket.id, agent, { body: 'for staff', is_internal: true, attachment_ids: [note.id] });
      expect(res.status).toBe(201);
      expect(res.body.attachments).toEqual([{ ...note, comment_id: res.body.id }]);
      const [row] = await t.dataSource.query(`SELECT comment_id FROM attachments WHERE id = $1`, [note.id]);
      expect(row.comment_id).toBe(res.body.id);
    });
  });

  describe('events', () => {
    it('writes one attachment.added timeline event per file, by the uploader', async () => {
      const ticket = await makeTicket(t, requester);
      const items = await makeAttachments(t, requester, ticket.id, [
        { data: pngBytes(), filename: 'a.png' },
        { data: pngBytes(), filename: 'b.png' },
      ]);
      const timeline = await t.http.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: agent.token });
      expect(timeline.status).toBe(200);
      const added = timeline.body.items.filter((e: any) => e.type === 'attachment.added');
      expect(added).toEqual(
        items.map((item) =>
          expect.objectContaining({
            type: 'attachment.added',
            actor: { id: requester.user.id, name: requester.user.name },
            data: expect.objectContaining({ attachment_id: item.id }),
          }),
        ),
      );
      const embedded = (await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: requester.token })).body.timeline;
      expect(embedded.filter((e: any) => e.type === 'attachment.added').map((e: any) => e.data.attachment_id)).toEqual(
        items.map((item) => item.id),
      );
    });

    it('announces attachment.added over realtime to the requester and staff', async () => {
      const ticket = await makeTicket(t, requester);
      const sockets = await Promise.all(
        [requester, agent].map((who) => NotificationsClient.connect(t.baseUrl, { token: who.token })),
      );
      try {
        const items = await makeAttachments(t, requester, ticket.id, [
          { data: pngBytes(), filename: 'a.png' },
          { data: pngBytes(), filename: 'b.png' },
        ]);
        for (const socket of sockets) {
          await waitFor(() => {
            const announced = socket
              .about(ticket.id)
              .filter((m) => m.type === 'attachment.added')
              .flatMap(idsIn);
            return items.every((item) => announced.includes(item.id));
          });
        }
      } finally {
        sockets.forEach((socket) => socket.close());
      }
    });
  });
});
