// Who may see and touch attachments, on every attachments route of openapi.json: no token → 401,
// another requester → 404 (as for an id that does not exist), a requester asking for an internal
// file → 404, staff allowed. Internal files are staff-only everywhere, exactly like internal notes:
// lists, Ticket and Comment JSON, download (also with Range or If-None-Match), timeline, realtime.
// (The multipart route is outside the JSON fuzzer's and security.e2e-spec.ts's reach, hence here.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentJson, makeAttachment, makeAttachments } from '../factories/attachment-uploads';
import { makeTicket, softDeleteTickets } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { StorageDir } from '../support/attachment-storage';
import { pngBytes } from '../support/file-bytes';
import { HttpResponse } from '../support/http-client';
import { sendBinary, uploadFiles } from '../support/multipart';
import { Notification, NotificationsClient } from '../support/notifications-client';
import { OpenApiDocument, operationsOf } from '../support/openapi-fuzz';
import { startTestApp, TestApp } from '../support/test-app';

const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8')) as OpenApiDocument;
const MISSING_ID = 2147483000;

const idsIn = (message: Notification): number[] =>
  message.data.attachment_ids ?? (message.data.attachment_id === undefined ? [] : [message.data.attachment_id]);

describe('attachments: access', () => {
  let storage: StorageDir;
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let ticket: { id: number };
  let visible: AttachmentJson;
  let internal: AttachmentJson;
  let inPublicComment: AttachmentJson;
  let inInternalNote: AttachmentJson;
  const secretName = 'salary-review-internal.png';

  beforeAll(async () => {
    storage = await StorageDir.create();
    t = await startTestApp({ env: storage.env });
    [admin, agent, owner, stranger] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t), makeUser(t)]);
    ticket = await makeTicket(t, owner);
    visible = await makeAttachment(t, owner, ticket.id);
    internal = await makeAttachment(t, agent, ticket.id, {
      internal: true,
      file: { data: pngBytes(), filename: secretName, contentType: 'image/png' },
    });
    inPublicComment = await makeAttachment(t, agent, ticket.id);
    inInternalNote = await makeAttachment(t, agent, ticket.id, {
      internal: true,
      file: { data: pngBytes(), filename: `note-${secretName}`, contentType: 'image/png' },
    });
    for (const [body, is_internal, id] of [
      ['public with file', false, inPublicComment.id],
      ['internal with file', true, inInternalNote.id],
    ] as const) {
      const res = await t.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body, is_internal, attachment_ids: [id] },
        { token: agent.token },
      );
      if (res.status !== 201) throw new Error(`fixture comment failed: ${res.status} ${res.text}`);
    }
  });
  afterAll(async () => {
    await t?.close();
    await storage?.remove();
  });

  type Route = (who: TestUser | undefined, ticketId: number, attachmentId: number) => Promise<HttpResponse>;
  const token = (who?: TestUser) => (who ? { token: who.token } : {});
  /** Every attachments route, keyed as openapi.json names it, with a request a permitted caller would make. */
  const routes: Record<string, Route> = {
    'POST /api/v1/tickets/{id}/attachments': (who, ticketId) =>
      uploadFiles(
        t.baseUrl,
        ticketId,
        [{ data: pngBytes(), filename: 'probe.png', contentType: 'image/png' }],
        token(who),
      ),
    'GET /api/v1/tickets/{id}/attachments': (who, ticketId) =>
      sendBinary(t.baseUrl, 'GET', `/api/v1/tickets/${ticketId}/attachments`, undefined, token(who)),
    'GET /api/v1/attachments/{id}': (who, _ticketId, id) =>
      sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${id}`, undefined, token(who)),
    'DELETE /api/v1/attachments/{id}': (who, _ticketId, id) =>
      sendBinary(t.baseUrl, 'DELETE', `/api/v1/attachments/${id}`, undefined, token(who)),
  };

  /** Everything a refused request could have changed. */
  const snapshot = async () => ({
    rows: await t.dataSource.query(`SELECT * FROM attachments ORDER BY id`),
    events: await t.dataSource.query(`SELECT id FROM ticket_events WHERE type LIKE 'attachment.%' ORDER BY id`),
    objects: await storage.objects(),
  });

  const download = (id: number, who: TestUser, headers: Record<string, string> = {}, query = '') =>
    sendBinary(t.baseUrl, 'GET', `/api/v1/attachments/${id}${query}`, undefined, { token: who.token, headers });

  it('covers every attachments route of openapi.json', () => {
    const documented = operationsOf(doc)
      .filter((op) => op.path.includes('attachments'))
      .map((op) => `${op.method} ${op.path}`)
      .sort();
    expect(documented).toEqual(Object.keys(routes).sort());
  });

  it('answers 401 without a token or with a bad one on every route, changing nothing', async () => {
    const before = await snapshot();
    for (const [name, send] of Object.entries(routes)) {
      for (const who of [undefined, { ...owner, token: `${owner.token}x` }]) {
        const res = await send(who, ticket.id, visible.id);
        expect({ name, status: res.status }).toEqual({ name, status: 401 });
        expectError(res, 401, 'UNAUTHENTICATED');
      }
    }
    await storage.noTempsLeft();
    expect(await snapshot()).toEqual(before);
  });

  it('answers another requester 404 on every route, exactly as for an id that does not exist', async () => {
    const before = await snapshot();
    for (const [name, send] of Object.entries(routes)) {
      const res = await send(stranger, ticket.id, visible.id);
      expect({ name, status: res.status }).toEqual({ name, status: 404 });
      expectError(res, 404, 'NOT_FOUND');
      const missing = await send(stranger, MISSING_ID, MISSING_ID);
      expectError(missing, 404, 'NOT_FOUND');
      expect(res.body.error.message).toBe(missing.body.error.message);
    }
    // Nor through the download's conditional and partial forms.
    expectError(await download(visible.id, stranger, { range: 'bytes=0-3' }), 404, 'NOT_FOUND');
    expectError(await download(visible.id, stranger, { 'if-none-match': `"${visible.sha256}"` }), 404, 'NOT_FOUND');
    const head = await sendBinary(t.baseUrl, 'HEAD', `/api/v1/attachments/${visible.id}`, undefined, {
      token: stranger.token,
    });
    expect(head.status).toBe(404);
    await storage.noTempsLeft();
    expect(await snapshot()).toEqual(before);
  });

  it('answers the ticket’s own requester 404 for an internal file, however asked, as for a missing one', async () => {
    const before = await snapshot();
    for (const id of [internal.id, inInternalNote.id]) {
      const requests = [
        download(id, owner),
        download(id, owner, {}, '?inline=1'),
        download(id, owner, { range: 'bytes=0-3' }),
        download(id, owner, { 'if-none-match': `"${internal.sha256}"` }),
        routes['DELETE /api/v1/attachments/{id}'](owner, ticket.id, id),
      ];
      const head = await sendBinary(t.baseUrl, 'HEAD', `/api/v1/attachments/${id}`, undefined, { token: owner.token });
      expect(head.status).toBe(404);
      const missing = await download(MISSING_ID, owner);
      for (const res of await Promise.all(requests)) {
        expectError(res, 404, 'NOT_FOUND');
        expect(res.body.error.message).toBe(missing.body.error.message);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('hides internal files from the requester in the list, Ticket JSON, Comment JSON and timeline', async () => {
    const list = await t.http.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: owner.token });
    expect(list.body.items.map((a: AttachmentJson) => a.id)).toEqual([visible.id, inPublicComment.id]);
    const got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: owner.token });
    expect(got.body.attachments.map((a: AttachmentJson) => a.id)).toEqual([visible.id]);
    const comments = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: owner.token });
    expect(comments.body.items.map((c: any) => c.attachments.map((a: AttachmentJson) => a.id))).toEqual([
      [inPublicComment.id],
    ]);
    const timeline = await t.http.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: owner.token });
    const added = timeline.body.items.filter((e: any) => e.type === 'attachment.added');
    expect(added.map((e: any) => e.data.attachment_id)).toEqual([visible.id, inPublicComment.id]);
    expect(got.body.timeline.filter((e: any) => e.type === 'attachment.added').length).toBe(2);
    for (const res of [list, got, comments, timeline]) {
      expect(res.text).not.toContain(secretName);
      expect(res.text).not.toContain(internal.sha256);
      expect(res.text).not.toContain(inInternalNote.sha256);
    }
  });

  it('shows staff everything: list, Ticket JSON, Comment JSON, timeline and the bytes', async () => {
    for (const who of [agent, admin]) {
      const list = await t.http.get(`/api/v1/tickets/${ticket.id}/attachments`, { token: who.token });
      expect(list.body.items.map((a: AttachmentJson) => a.id)).toEqual([
        visible.id,
        internal.id,
        inPublicComment.id,
        inInternalNote.id,
      ]);
      const got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: who.token });
      expect(got.body.attachments.map((a: AttachmentJson) => a.id)).toEqual([visible.id, internal.id]);
      const comments = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: who.token });
      expect(comments.body.items.map((c: any) => c.attachments.map((a: AttachmentJson) => a.id))).toEqual([
        [inPublicComment.id],
        [inInternalNote.id],
      ]);
      const timeline = await t.http.get(`/api/v1/tickets/${ticket.id}/timeline`, { token: who.token });
      expect(
        timeline.body.items.filter((e: any) => e.type === 'attachment.added').map((e: any) => e.data.attachment_id),
      ).toEqual([visible.id, internal.id, inPublicComment.id, inInternalNote.id]);
      for (const id of [internal.id, inInternalNote.id]) expect((await download(id, who)).status).toBe(200);
    }
  });

  it('lets staff use every route on any requester’s ticket', async () => {
    const other = await makeTicket(t, stranger);
    const [mine] = await makeAttachments(t, agent, other.id, undefined, { internal: true });
    for (const who of [agent, admin]) {
      const uploaded = await routes['POST /api/v1/tickets/{id}/attachments'](who, other.id, 0);
      expect(uploaded.status).toBe(201);
      expect((await routes['GET /api/v1/tickets/{id}/attachments'](who, other.id, 0)).status).toBe(200);
      expect((await routes['GET /api/v1/attachments/{id}'](who, other.id, mine.id)).status).toBe(200);
      const own = uploaded.body.items[0].id;
      expect((await routes['DELETE /api/v1/attachments/{id}'](who, other.id, own)).status).toBe(204);
    }
    expect((await routes['DELETE /api/v1/attachments/{id}'](admin, other.id, mine.id)).status).toBe(204);
  });

  it('lets the ticket’s requester upload, list and download the visible files', async () => {
    const fresh = await makeTicket(t, owner); // uploads go elsewhere, so the lists above stay as they are
    for (const [name, send] of Object.entries(routes).filter(([name]) => !name.startsWith('DELETE'))) {
      const res = await send(owner, name.startsWith('POST') ? fresh.id : ticket.id, visible.id);
      expect({ name, status: res.status }).toEqual({ name, status: name.startsWith('POST') ? 201 : 200 });
    }
    expect((await download(inPublicComment.id, owner)).status).toBe(200);
  });

  it('hides everything of a soft-deleted ticket, from staff too', async () => {
    const gone = await makeTicket(t, owner);
    const file = await makeAttachment(t, owner, gone.id);
    await softDeleteTickets(t, gone.id);
    const before = await snapshot();
    for (const [name, send] of Object.entries(routes)) {
      for (const who of [owner, agent]) {
        const res = await send(who, gone.id, file.id);
        expect({ name, status: res.status }).toEqual({ name, status: 404 });
        expectError(res, 404, 'NOT_FOUND');
      }
    }
    await storage.noTempsLeft();
    expect(await snapshot()).toEqual(before);
  });

  it('sends attachment.added for internal files to staff only', async () => {
    const live = await makeTicket(t, owner);
    const [requesterSocket, agentSocket] = await Promise.all(
      [owner, agent].map((who) => NotificationsClient.connect(t.baseUrl, { token: who.token })),
    );
    try {
      const [hidden] = await makeAttachments(t, agent, live.id, undefined, { internal: true });
      const [shown] = await makeAttachments(t, agent, live.id, undefined, { internal: false });
      const announced = (socket: NotificationsClient) =>
        socket
          .about(live.id)
          .filter((m) => m.type === 'attachment.added')
          .flatMap(idsIn);
      await waitFor(() => [hidden.id, shown.id].every((id) => announced(agentSocket).includes(id)));
      // The public one is published after the internal one: once it is here, the internal one would be too.
      await waitFor(() => announced(requesterSocket).includes(shown.id));
      expect(announced(requesterSocket)).not.toContain(hidden.id);
      expect(JSON.stringify(requesterSocket.messages)).not.toContain(hidden.sha256);
    } finally {
      requesterSocket.close();
      agentSocket.close();
    }
  });
});
