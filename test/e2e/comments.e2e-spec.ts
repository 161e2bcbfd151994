// Comments: the role table, internal notes, threading, first response, edit and soft delete.
import { expectError } from '../support/assertions';
import { backdateComment } from '../factories/comments';
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('comments', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, requester, stranger] = await Promise.all([makeAdmin(t), makeAgent(t), makeUser(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  const comment = (ticketId: number, who: TestUser, body: object) =>
    t.http.post(`/api/v1/tickets/${ticketId}/comments`, body, { token: who.token });

  it('lets a requester comment on an own ticket, never internally', async () => {
    const ticket = await makeTicket(t, requester);
    const res = await comment(ticket.id, requester, { body: 'Any news?' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      ticket_id: ticket.id,
      parent_id: null,
      author: { id: requester.user.id, name: requester.user.name, role: 'user' },
      body: 'Any news?',
      is_internal: false,
      // No X-Helpdesk-Client: console header: an API client's comment.
      source: 'api',
      created_at: expect.any(String),
      edited_at: null,
      deleted_at: null,
      attachments: [],
    });
    expectError(await comment(ticket.id, requester, { body: 'psst', is_internal: true }), 403, 'FORBIDDEN');
    expectError(await comment(ticket.id, stranger, { body: 'me too' }), 404, 'NOT_FOUND');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE ticket_id = $1', [
      ticket.id,
    ]);
    expect(n).toBe(1);
  });

  it('sets first_responded_at on the first public staff reply only', async () => {
    const ticket = await makeTicket(t, requester);
    await comment(ticket.id, requester, { body: 'hello?' });
    await comment(ticket.id, agent, { body: 'looking', is_internal: true });
    let got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
    expect(got.body.first_responded_at).toBeNull();
    await comment(ticket.id, agent, { body: 'On it!' });
    got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
    const first = got.body.first_responded_at;
    expect(first).toEqual(expect.any(String));
    await comment(ticket.id, admin, { body: 'Second reply' });
    got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
    expect(got.body.first_responded_at).toBe(first);
    expect(got.body.comment_count).toBe(4);
    expect((await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: requester.token })).body.comment_count).toBe(3);
  });

  it('threads replies within one ticket only', async () => {
    const ticket = await makeTicket(t, requester);
    const other = await makeTicket(t, requester);
    const root = (await comment(ticket.id, agent, { body: 'root' })).body;
    const foreign = (await comment(other.id, agent, { body: 'elsewhere' })).body;
    const reply = await comment(ticket.id, requester, { body: 'reply', parent_id: root.id });
    expect(reply.status).toBe(201);
    expect(reply.body.parent_id).toBe(root.id);
    expectError(await comment(ticket.id, requester, { body: 'x', parent_id: foreign.id }), 422, 'UNPROCESSABLE');
    expectError(await comment(ticket.id, requester, { body: 'x', parent_id: 99999999 }), 422, 'UNPROCESSABLE');
    const note = (await comment(ticket.id, agent, { body: 'internal', is_internal: true })).body;
    // A requester cannot reply to a note they cannot see.
    expectError(await comment(ticket.id, requester, { body: 'x', parent_id: note.id }), 422, 'UNPROCESSABLE');
  });

  it('refuses a public reply under an internal note, and internal notes do not touch updated_at', async () => {
    const ticket = await makeTicket(t, requester);
    const note = (await comment(ticket.id, agent, { body: 'internal', is_internal: true })).body;
    expectError(await comment(ticket.id, agent, { body: 'public', parent_id: note.id }), 422, 'UNPROCESSABLE');
    expect(
      (await comment(ticket.id, admin, { body: 'internal reply', parent_id: note.id, is_internal: true })).status,
    ).toBe(201);
    const [{ updated_at }] = await t.dataSource.query('SELECT updated_at FROM tickets WHERE id = $1', [ticket.id]);
    expect(new Date(updated_at).toISOString()).toBe(ticket.updated_at);
  });

  it('keeps accepting comments when a thread outgrows what search can index', async () => {
    const ticket = await makeTicket(t, requester, { title: 'Gigantic thread marmalade' });
    // ~9,700 characters of distinct 26-letter words: ~11 kB of tsvector each, so 100 of them pass 1 MB.
    const word = () =>
      (Math.random().toString(16).slice(2, 15) + Math.random().toString(16).slice(2, 15)).padEnd(26, 'a');
    const randomWords = () => Array.from({ length: 360 }, word).join(' ');
    for (let i = 0; i < 100; i++) {
      expect((await comment(ticket.id, requester, { body: randomWords() })).status).toBe(201);
    }
    expect((await comment(ticket.id, agent, { body: 'A normal reply' })).status).toBe(201);
    const edited = await comment(ticket.id, requester, { body: 'to be edited' });
    expect(
      (
        await t.http.patch(
          `/api/v1/tickets/${ticket.id}/comments/${edited.body.id}`,
          { body: 'edited' },
          { token: requester.token },
        )
      ).status,
    ).toBe(200);
    const hits = await t.http.get(`/api/v1/tickets?q=marmalade`, { token: agent.token });
    expect(hits.body.items.map((i: any) => i.id)).toEqual([ticket.id]);
  });

  it('lists oldest first, paginated, without internal notes for requesters', async () => {
    const ticket = await makeTicket(t, requester);
    for (const [who, body, is_internal] of [
      [agent, 'one', false],
      [agent, 'two', true],
      [requester, 'three', false],
    ] as const) {
      await comment(ticket.id, who, { body, is_internal });
    }
    const staff = await t.http.get(`/api/v1/tickets/${ticket.id}/comments?limit=2`, { token: agent.token });
    expect(staff.body).toMatchObject({ total: 3, next_offset: 2 });
    expect(staff.body.items.map((c: any) => c.body)).toEqual(['one', 'two']);
    const user = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: requester.token });
    expect(user.body.items.map((c: any) => c.body)).toEqual(['one', 'three']);
    expect(user.body.total).toBe(2);
  });

  it('lets only the author edit, setting edited_at', async () => {
    const ticket = await makeTicket(t, requester);
    const mine = (await comment(ticket.id, requester, { body: 'typo' })).body;
    expectError(
      await t.http.patch(`/api/v1/tickets/${ticket.id}/comments/${mine.id}`, { body: 'x' }, { token: agent.token }),
      403,
      'FORBIDDEN',
    );
    const res = await t.http.patch(
      `/api/v1/tickets/${ticket.id}/comments/${mine.id}`,
      { body: 'fixed' },
      { token: requester.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ body: 'fixed', edited_at: expect.any(String) });
    // The search index follows the edit.
    const hits = await t.http.get(`/api/v1/tickets?q=fixed&requester_id=${requester.user.id}`, { token: agent.token });
    expect(hits.body.items.map((i: any) => i.id)).toContain(ticket.id);
  });

  it('soft-deletes: admin always, the author within 15 minutes; replies stay attached', async () => {
    const ticket = await makeTicket(t, requester);
    const parent = (await comment(ticket.id, requester, { body: 'parent words' })).body;
    const child = (await comment(ticket.id, agent, { body: 'child', parent_id: parent.id })).body;
    expectError(
      await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${parent.id}`, { token: agent.token }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${parent.id}`, { token: requester.token })).status,
    ).toBe(204);
    const listed = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: requester.token });
    const [deleted, reply] = listed.body.items;
    expect(deleted).toMatchObject({ id: parent.id, body: '', deleted_at: expect.any(String) });
    expect(reply).toMatchObject({ id: child.id, parent_id: parent.id, body: 'child' });
    expect((await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token })).body.comment_count).toBe(1);
    const gone = await t.http.get(`/api/v1/tickets?q=parent&requester_id=${requester.user.id}`, { token: agent.token });
    expect(gone.body.items.map((i: any) => i.id)).not.toContain(ticket.id);

    // Past the window the author may not; an admin still may.
    await backdateComment(t, child.id, '16 minutes');
    expectError(
      await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${child.id}`, { token: agent.token }),
      403,
      'FORBIDDEN',
    );
    expect(
      (await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${child.id}`, { token: admin.token })).status,
    ).toBe(204);
    const [types] = [
      await t.dataSource.query(`SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticket.id]),
    ];
    expect(types.map((e: any) => e.type)).toEqual([
      'ticket.created',
      'comment.created',
      'comment.created',
      // The agent's public reply was mailed to the requester (API.md → Email channel).
      'email.sent',
      'comment.deleted',
      'comment.deleted',
    ]);
  });

  it('answers 404 for a comment of another ticket or an internal note seen by a requester', async () => {
    const ticket = await makeTicket(t, requester);
    const other = await makeTicket(t, requester);
    const note = (await comment(ticket.id, agent, { body: 'internal', is_internal: true })).body;
    expectError(
      await t.http.patch(`/api/v1/tickets/${other.id}/comments/${note.id}`, { body: 'x' }, { token: agent.token }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await t.http.delete(`/api/v1/tickets/${ticket.id}/comments/${note.id}`, { token: requester.token }),
      404,
      'NOT_FOUND',
    );
  });

  it('rejects bad bodies with 400', async () => {
    const ticket = await makeTicket(t, requester);
    for (const body of [
      { body: '' },
      { body: 'x'.repeat(10001) },
      { body: 'x', author_id: 1 },
      { body: 'x', is_internal: 'yes' },
    ]) {
      expectError(await comment(ticket.id, agent, body), 400, 'VALIDATION_FAILED');
    }
  });
});
