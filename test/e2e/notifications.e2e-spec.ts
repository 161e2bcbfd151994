// Realtime notifications: fan-out across instances through Redis, the role table applied to every
// event, token checks with close code 4401, events only after commit, sockets closed on shutdown.
import { EscalationService } from '../../src/escalation/escalation.service';
import { breach } from '../support/escalation';
import { assignAllUnassigned, makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { expectError, waitFor } from '../support/assertions';
import { HttpClient } from '../support/http-client';
import { Notification, NotificationsClient } from '../support/notifications-client';
import { freePort, spawnEntry } from '../support/processes';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp, testEnv } from '../support/test-app';
import { sessionIdOf, signTestToken, unsignedTestToken } from '../support/tokens';

describe('realtime notifications', () => {
  let a: TestApp;
  let b: TestApp;
  let c: TestApp;
  let cClosed = false;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;
  let stranger: TestUser;
  const clients: NotificationsClient[] = [];

  beforeAll(async () => {
    // A runs the workers (the escalation test), B and C are plain API instances of one deployment.
    a = await startTestApp({ workers: true });
    const shared = { databaseUrl: a.databaseUrl, redisKeyPrefix: a.redisKeyPrefix };
    c = await startTestApp(shared);
    // Booted last, closed last: passport's process-wide registry serves every app with B's strategy.
    b = await startTestApp(shared);
    [admin, agent, requester, stranger] = await Promise.all([makeAdmin(a), makeAgent(a), makeUser(a), makeUser(a)]);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await a.close();
    if (!cClosed) await c.close();
    await b.close();
  });

  const connect = async (t: TestApp, who: TestUser) => {
    const client = await NotificationsClient.connect(t.baseUrl, { token: who.token });
    clients.push(client);
    return client;
  };
  const comment = (t: TestApp, ticketId: number, who: TestUser, body: object) =>
    t.http.post(`/api/v1/tickets/${ticketId}/comments`, body, { token: who.token });
  const of =
    (type: string, ticketId: number, data: Record<string, unknown> = {}) =>
    (message: Notification) =>
      message.type === type &&
      message.ticket_id === ticketId &&
      Object.entries(data).every(([key, value]) => message.data[key] === value);

  it('delivers a change made on instance A to a client connected to instance B, the actor included', async () => {
    const agentOnB = await connect(b, agent);
    const requesterOnA = await connect(a, requester);

    const ticket = await makeTicket(a, requester);
    const created = await agentOnB.next(of('ticket.created', ticket.id));
    expect(created).toEqual({
      type: 'ticket.created',
      ticket_id: ticket.id,
      data: { status: 'open', priority: ticket.priority, version: ticket.version },
      at: expect.any(String),
    });
    expect(Date.parse(created.at)).toBeGreaterThanOrEqual(Date.parse(ticket.created_at));

    const posted = await comment(a, ticket.id, requester, { body: 'The printer is on fire' });
    expect(posted.status).toBe(201);
    const event = await agentOnB.next(of('comment.created', ticket.id));
    expect(event).toEqual({
      type: 'comment.created',
      ticket_id: ticket.id,
      data: { comment_id: posted.body.id, author_id: requester.user.id, is_internal: false },
      at: expect.any(String),
    });
    expect(JSON.stringify(event)).not.toContain('fire'); // no bodies on the wire
    // The actor hears about their own changes too.
    await requesterOnA.next(of('comment.created', ticket.id, { comment_id: posted.body.id }));
  });

  it('never sends internal-note events to the requester, while agents on any instance get them', async () => {
    const requesterOnB = await connect(b, requester);
    const agentOnA = await connect(a, agent);
    const ticket = await makeTicket(a, requester);

    const note = await comment(a, ticket.id, agent, { body: 'secret: customer is a VIP', is_internal: true });
    const reply = await comment(a, ticket.id, agent, { body: 'We are on it' });
    expect([note.status, reply.status]).toEqual([201, 201]);

    await agentOnA.next(of('comment.created', ticket.id, { comment_id: note.body.id, is_internal: true }));
    await agentOnA.next(of('comment.created', ticket.id, { comment_id: reply.body.id }));
    // Both were published by A in this order; once the reply arrived, the note would have too.
    await requesterOnB.next(of('comment.created', ticket.id, { comment_id: reply.body.id }));
    const seen = requesterOnB.about(ticket.id).filter((message) => message.type === 'comment.created');
    expect(seen.map((message) => message.data)).toEqual([
      { comment_id: reply.body.id, author_id: agent.user.id, is_internal: false },
    ]);
  });

  it("does not send a requester the events of another requester's ticket", async () => {
    const requesterOnB = await connect(b, requester);
    const strangerOnA = await connect(a, stranger);
    const agentOnB = await connect(b, agent);

    const theirs = await makeTicket(a, stranger);
    await comment(a, theirs.id, stranger, { body: 'mine, not yours' });
    const own = await makeTicket(a, requester);

    await strangerOnA.next(of('comment.created', theirs.id));
    await agentOnB.next(of('comment.created', theirs.id));
    // Published after the stranger's events: when it arrives, theirs would have arrived before.
    await requesterOnB.next(of('ticket.created', own.id));
    expect(requesterOnB.about(theirs.id)).toEqual([]);
    expect(strangerOnA.about(own.id)).toEqual([]);
  });

  describe('authentication', () => {
    it('accepts the token in the Authorization header (Bearer or JWT) as well as in ?token=', async () => {
      for (const scheme of ['Bearer', 'JWT']) {
        const client = await NotificationsClient.connect(b.baseUrl, {
          headers: { authorization: `${scheme} ${requester.token}` },
        });
        clients.push(client);
        const ticket = await makeTicket(a, requester);
        await client.next(of('ticket.created', ticket.id));
        expect(client.closed).toBeUndefined();
      }
    });

    it('closes with 4401 for a missing, malformed, forged, expired or "none" token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: requester.user.id, role: 'user', sid: sessionIdOf(requester.token), jti: 'x' };
      const attempts: Array<{ token?: string; headers?: Record<string, string> }> = [
        {},
        { token: '' },
        { token: 'not-a-jwt' },
        {
          token: signTestToken({ ...claims, exp: now + 600 }, { secret: 'another-secret-of-at-least-32-characters!' }),
        },
        { token: signTestToken({ ...claims, exp: now - 10 }) },
        { token: signTestToken({ ...claims, sub: 'someone', exp: now + 600 }) },
        { token: signTestToken({ ...claims, sub: 2_000_000_000, exp: now + 600 }) },
        { token: unsignedTestToken({ ...claims, exp: now + 600 }) },
        { headers: { authorization: 'Bearer garbage' } },
      ];
      for (const auth of attempts) {
        const client = await NotificationsClient.connect(b.baseUrl, auth);
        expect({ auth, closed: await client.waitForClose() }).toEqual({
          auth,
          closed: { code: 4401, reason: 'unauthorized' },
        });
      }
    });

    it('closes with 4401 for a deactivated user', async () => {
      const leaving = await makeUser(a);
      const res = await a.http.patch(`/api/v1/users/${leaving.user.id}`, { is_active: false }, { token: admin.token });
      expect(res.status).toBe(200);
      // The instance that deactivated forgets the cached user at once (others within 5 s).
      const client = await NotificationsClient.connect(a.baseUrl, { token: leaving.token });
      expect(await client.waitForClose()).toEqual({ code: 4401, reason: 'unauthorized' });
    });
  });

  it('closes the open sockets of a deactivated user on every instance at once, not at the next heartbeat', async () => {
    const leaving = await makeUser(a);
    const onB = await connect(b, leaving);
    const onC = await connect(c, leaving);
    const res = await a.http.patch(`/api/v1/users/${leaving.user.id}`, { is_active: false }, { token: admin.token });
    expect(res.status).toBe(200);
    // The heartbeat re-checks users every 30 s; the accounts message does it now (well within 5 s).
    const closes = await Promise.all([onB.waitForClose(5_000), onC.waitForClose(5_000)]);
    expect(closes).toEqual([
      { code: 4401, reason: 'unauthorized' },
      { code: 4401, reason: 'unauthorized' },
    ]);
  });

  it('stops sending internal notes to an open socket of an agent demoted on another instance', async () => {
    const demoted = await makeAgent(a);
    const onB = await connect(b, demoted);
    // Their own ticket: as a requester they still get its public events, never its internal notes.
    const ticket = await makeTicket(a, demoted);
    await comment(a, ticket.id, agent, { body: 'before', is_internal: true });
    await onB.next(of('comment.created', ticket.id, { is_internal: true }));

    const res = await a.http.patch(`/api/v1/users/${demoted.user.id}`, { role: 'user' }, { token: admin.token });
    expect(res.status).toBe(200);
    // B got the accounts message: its cached user (filled by the connect, 5 s TTL) already has the
    // new role, so the staff-only user list is refused; the socket was re-checked at the same time.
    await waitFor(async () => (await b.http.get('/api/v1/users', { token: demoted.token })).status === 403, {
      timeoutMs: 3_000,
    });
    await comment(a, ticket.id, agent, { body: 'after', is_internal: true });
    await comment(a, ticket.id, agent, { body: 'public after' });
    const publicAfter = await onB.next(of('comment.created', ticket.id, { is_internal: false }));
    expect(publicAfter).toBeDefined();
    const internal = onB.messages.filter((m) => m.type === 'comment.created' && m.data.is_internal === true);
    expect(internal).toHaveLength(1);
  });

  describe('after commit only', () => {
    it('publishes nothing for PATCHes that fail (409, 422, 403), then the successful one', async () => {
      const agentOnB = await connect(b, agent);
      const ticket = await makeTicket(a, requester);
      await agentOnB.next(of('ticket.created', ticket.id));
      const patch = (who: TestUser, body: object) =>
        a.http.patch(`/api/v1/tickets/${ticket.id}`, body, { token: who.token });

      expectError(await patch(agent, { version: ticket.version + 5, priority: 'high' }), 409, 'VERSION_CONFLICT');
      expectError(
        await patch(agent, { version: ticket.version, title: 'Renamed', status: 'escalated' }),
        422,
        'INVALID_TRANSITION',
      );
      expectError(await patch(requester, { version: ticket.version, priority: 'urgent' }), 403, 'FORBIDDEN');
      expectError(
        await a.http.post('/api/v1/tickets/bulk', { ids: [ticket.id], status: 'resolved' }, { token: agent.token }),
        422,
        'UNPROCESSABLE', // not assigned to the agent: nothing changes
      );
      const ok = await patch(agent, { version: ticket.version, status: 'in_progress', priority: 'high' });
      expect(ok.status).toBe(200);

      const first = await agentOnB.next((m) => m.ticket_id === ticket.id && m.type !== 'ticket.created');
      expect(first).toEqual({
        type: 'ticket.updated',
        ticket_id: ticket.id,
        data: { changed: ['priority', 'status'], status: 'in_progress', priority: 'high', version: ok.body.version },
        at: expect.any(String),
      });
    });

    it('publishes nothing when the commit itself fails, with or without the request transaction', async () => {
      // A deferred constraint trigger fails at COMMIT, after the service (and its inner run) returned.
      await a.dataSource.query(`
        CREATE OR REPLACE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.body = 'fail at commit' THEN RAISE EXCEPTION 'refused at commit'; END IF;
          RETURN NEW;
        END $$`);
      await a.dataSource.query(`
        CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON comments
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_at_commit()`);
      try {
        const agentOnB = await connect(b, agent);
        const ticket = await makeTicket(a, requester);
        const plain = await comment(a, ticket.id, requester, { body: 'fail at commit' });
        const idempotent = await a.http.post(
          `/api/v1/tickets/${ticket.id}/comments`,
          { body: 'fail at commit' },
          { token: requester.token, headers: { 'idempotency-key': `fail-${ticket.id}` } },
        );
        expect([plain.status, idempotent.status]).toEqual([500, 500]);
        const marker = await comment(a, ticket.id, requester, { body: 'marker' });
        const first = await agentOnB.next(of('comment.created', ticket.id));
        expect(first.data.comment_id).toBe(marker.body.id);
      } finally {
        await a.dataSource.query(`DROP TRIGGER test_fail_at_commit ON comments`);
      }
    });

    it('publishes an idempotent create once, after its transaction committed, and nothing on replay', async () => {
      const agentOnB = await connect(b, agent);
      const ticket = await makeTicket(a, requester);
      const headers = { 'idempotency-key': `notify-${ticket.id}` };
      const first = await a.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'once' },
        { token: requester.token, headers },
      );
      expect(first.status).toBe(201);
      const event = await agentOnB.next(of('comment.created', ticket.id));
      // The event follows the commit of the request's transaction, not the inner service call.
      const rows = await b.dataSource.query('SELECT id FROM comments WHERE id = $1', [event.data.comment_id]);
      expect(rows).toHaveLength(1);

      const replay = await a.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'once' },
        { token: requester.token, headers },
      );
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const marker = await comment(a, ticket.id, requester, { body: 'marker' });
      await agentOnB.next(of('comment.created', ticket.id, { comment_id: marker.body.id }));
      expect(
        agentOnB
          .about(ticket.id)
          .filter((m) => m.type === 'comment.created')
          .map((m) => m.data.comment_id),
      ).toEqual([first.body.id, marker.body.id]);
    });
  });

  describe('event types', () => {
    it('announces claims, assignments and bulk status changes', async () => {
      const requesterOnB = await connect(b, requester);
      const agentOnA = await connect(a, agent);
      // Only the new ticket is claimable, so the claim takes exactly it.
      await assignAllUnassigned(a, admin.user.id);
      const ticket = await makeTicket(a, requester);

      const claimed = await a.http.post('/api/v1/tickets/claim', { limit: 5 }, { token: agent.token });
      expect(claimed.body.items.map((item: { id: number }) => item.id)).toEqual([ticket.id]);
      const expected = {
        type: 'ticket.assigned',
        ticket_id: ticket.id,
        data: { assignee_id: agent.user.id, previous_assignee_id: null, version: ticket.version + 1, claimed: true },
        at: expect.any(String),
      };
      expect(await agentOnA.next(of('ticket.assigned', ticket.id))).toEqual(expected);
      expect(await requesterOnB.next(of('ticket.assigned', ticket.id))).toEqual(expected);

      const bulk = await a.http.post(
        '/api/v1/tickets/bulk',
        { ids: [ticket.id], status: 'pending' },
        { token: agent.token },
      );
      expect(bulk.status).toBe(200);
      await requesterOnB.next(of('ticket.updated', ticket.id, { status: 'pending' }));

      const given = await a.http.post(
        `/api/v1/tickets/${ticket.id}/assign`,
        { assignee_id: admin.user.id },
        { token: admin.token },
      );
      expect(given.status).toBe(200);
      const assigned = await requesterOnB.next(
        of('ticket.assigned', ticket.id, { assignee_id: admin.user.id, previous_assignee_id: agent.user.id }),
      );
      expect(assigned.data.claimed).toBeUndefined();
    });

    it('announces deletes and restores as ticket.updated', async () => {
      const agentOnB = await connect(b, agent);
      const ticket = await makeTicket(a, requester);
      expect((await a.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token })).status).toBe(204);
      await agentOnB.next(of('ticket.updated', ticket.id, { deleted: true }));
      expect((await a.http.post(`/api/v1/tickets/${ticket.id}/restore`, {}, { token: admin.token })).status).toBe(200);
      const restored = await agentOnB.next(of('ticket.updated', ticket.id, { deleted: false }));
      expect(restored.data.changed).toEqual(['deleted']);
    });

    it('announces an escalation made by the worker', async () => {
      const requesterOnB = await connect(b, requester);
      const ticket = await makeTicket(a, requester);
      await breach(a.dataSource, [ticket.id]);
      // The sweep may get there first; either way exactly one escalation happens and is announced.
      await a.app.get(EscalationService, { strict: false }).escalate(ticket.id, 'first_response');
      const event = await requesterOnB.next(of('ticket.escalated', ticket.id));
      expect(event.data).toEqual({ kind: 'first_response', level: 1, status: 'escalated' });
    });
  });

  it('closes its sockets (1001) when the instance shuts down', async () => {
    const client = await NotificationsClient.connect(c.baseUrl, { token: agent.token });
    clients.push(client);
    const ticket = await makeTicket(a, requester);
    await client.next(of('ticket.created', ticket.id)); // authenticated and receiving
    const started = Date.now();
    await c.close();
    cClosed = true;
    expect(await client.waitForClose()).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('realtime notifications in the built process', () => {
  it('keeps ?token= out of the logs and still stops within the deadline with sockets open', async () => {
    const env = testEnv({
      databaseUrl: await createTestDatabase(),
      redisKeyPrefix: newRedisKeyPrefix(),
      env: { PORT: String(await freePort()), LOG_LEVEL: 'trace', SEED_DEMO: 'true' },
    });
    const proc = spawnEntry('main', env);
    try {
      await proc.waitForOutput(/API listening/);
      const baseUrl = `http://127.0.0.1:${env.PORT}`;
      const login = await new HttpClient(baseUrl).post('/api/v1/auth/login', {
        email: 'admin@example.com',
        password: 'ILoveHelpdesk1',
      });
      const token: string = login.body.access_token;
      const listening = await NotificationsClient.connect(baseUrl, { token });
      const rejected = await NotificationsClient.connect(baseUrl, { token: `${token}tampered` });
      expect((await rejected.waitForClose()).code).toBe(4401);
      const ticket = await new HttpClient(baseUrl).post(
        '/api/v1/tickets',
        { title: 'Realtime', description: 'x' },
        { token },
      );
      await listening.next((message) => message.ticket_id === ticket.body.id);

      const started = Date.now();
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await listening.waitForClose()).code).toBe(1001);
      const everything = proc.stdout.join('\n') + proc.stderr.join('\n');
      expect(everything).toContain('request completed'); // the log is on, and...
      expect(everything).not.toContain(token); // ...no token reached it, from the URL or elsewhere
      expect(everything).not.toContain('token=');
    } finally {
      proc.child.kill('SIGKILL');
    }
  });
});
