// Tickets: create, read, the role table, the status machine, optimistic locking, ETags, soft delete.
import { expectError } from '../support/assertions';
import { backdatePause, forceStatus, makeTicket } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;

describe('tickets', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let agent2: TestUser;
  let requester: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, agent, agent2, requester, stranger] = await Promise.all([
      makeAdmin(t),
      makeAgent(t),
      makeAgent(t),
      makeUser(t),
      makeUser(t),
    ]);
  });
  afterAll(() => t.close());

  const patch = (id: number, body: object, who: TestUser, headers?: Record<string, string>) =>
    t.http.patch(`/api/v1/tickets/${id}`, body, { token: who.token, headers });
  const eventsOf = async (id: number, type?: string): Promise<Array<{ type: string; data: any }>> =>
    t.dataSource.query(
      `SELECT type, data FROM ticket_events WHERE ticket_id = $1 ${type ? 'AND type = $2' : ''} ORDER BY id`,
      type ? [id, type] : [id],
    );

  describe('create', () => {
    it('records where a ticket and a comment came from: the console says so, any other client is api', async () => {
      const consoleClient = { 'x-helpdesk-client': 'console' };
      const fromConsole = await t.http.post(
        '/api/v1/tickets',
        { title: 'From the console', description: 'x' },
        { token: requester.token, headers: consoleClient },
      );
      const fromApi = await t.http.post(
        '/api/v1/tickets',
        { title: 'From a script', description: 'x' },
        { token: requester.token },
      );
      expect([fromConsole.body.source, fromApi.body.source]).toEqual(['web', 'api']);
      const reply = await t.http.post(
        `/api/v1/tickets/${fromApi.body.id}/comments`,
        { body: 'typed in the console' },
        { token: agent.token, headers: consoleClient },
      );
      expect(reply.body.source).toBe('web');
      const got = await t.http.get(`/api/v1/tickets/${fromConsole.body.id}`, { token: requester.token });
      expect(got.body.source).toBe('web');
      expect((await eventsOf(fromApi.body.id, 'ticket.created'))[0].data.source).toBe('api');
    });

    it('creates a ticket with defaults, SLA due dates from the policy, normalised tags and a created event', async () => {
      const before = Date.now();
      const res = await t.http.post(
        '/api/v1/tickets',
        { title: '  Cannot log in  ', description: 'Since this morning', tags: ['Login', 'login ', 'SSO'] },
        { token: requester.token },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Cannot log in',
        status: 'open',
        priority: 'medium',
        category: null,
        tags: ['login', 'sso'],
        requester: { id: requester.user.id, name: requester.user.name, email: requester.email },
        assignee: null,
        version: 1,
        comment_count: 0,
        first_responded_at: null,
        is_breached: false,
        escalation_level: 0,
        escalated_at: null,
        resolved_at: null,
        closed_at: null,
      });
      const created = Date.parse(res.body.created_at);
      expect(created).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(res.body.first_response_due_at) - created).toBe(480 * MINUTE);
      expect(Date.parse(res.body.resolution_due_at) - created).toBe(2880 * MINUTE);
      expect((await eventsOf(res.body.id)).map((e) => e.type)).toEqual(['ticket.created']);
    });

    it.each([
      [{ title: '', description: 'x' }, 'title'],
      [{ title: 'x'.repeat(201), description: 'x' }, 'title'],
      [{ title: 'x', description: 'x'.repeat(10001) }, 'description'],
      [{ title: 'x', description: 'x', priority: 'critical' }, 'priority'],
      [{ title: 'x', description: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
      [{ title: 'x', description: 'x', tags: ['x'.repeat(51)] }, 'tags'],
      [{ title: 'x', description: 'x', requester_id: 1 }, 'requester_id'],
      [{ title: 'x', description: 'x', status: 'closed' }, 'status'],
      [{ title: 'x', description: 'x', version: 7 }, 'version'],
      [{ title: ['x'], description: 'x' }, 'title'],
    ])('rejects bad input #%# with 400 naming the field', async (body, field) => {
      const res = await t.http.post('/api/v1/tickets', body, { token: requester.token });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.details).some((key) => key.startsWith(field))).toBe(true);
    });

    it('refuses NUL characters anywhere with 400 instead of a database error', async () => {
      expectError(
        await t.http.post('/api/v1/tickets', { title: 'a\u0000b', description: 'x' }, { token: requester.token }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await t.http.post(
          '/api/v1/tickets',
          { title: 'a', description: 'x', tags: ['t\u0000'] },
          { token: requester.token },
        ),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await t.http.get('/api/v1/tickets?q=a%00b', { token: agent.token }), 400, 'VALIDATION_FAILED');
      expectError(
        await t.http.post('/api/v1/auth/register', {
          email: 'nul@example.test',
          password: 'password123',
          name: 'a\u0000',
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses unpaired surrogates with 400 before the database sees them', async () => {
      const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM tickets');
      for (const body of [
        { title: 'broken \ud800', description: 'x' },
        { title: 'x', description: 'x', tags: ['\udc00tag'] },
      ]) {
        const res = await t.http.post('/api/v1/tickets', body, { token: requester.token });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.message).toMatch(/valid Unicode/); // refused up front, not by the database
      }
      const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM tickets');
      expect(after).toBe(before);
      // A properly paired surrogate (an emoji) is ordinary text.
      const emoji = await t.http.post(
        '/api/v1/tickets',
        { title: 'fire \ud83d\udd25', description: 'x' },
        { token: requester.token },
      );
      expect(emoji.body.title).toBe('fire 🔥');
    });

    it('refuses dates Postgres cannot hold with 400', async () => {
      for (const date of ['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '0001-01-01T00:00:00Z']) {
        expectError(
          await t.http.get(`/api/v1/tickets?created_after=${encodeURIComponent(date)}`, { token: agent.token }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });

    it('rejects an unknown category with 422 and writes nothing', async () => {
      const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM tickets');
      const res = await t.http.post(
        '/api/v1/tickets',
        { title: 'x', description: 'y', category_id: 999999 },
        { token: requester.token },
      );
      expectError(res, 422, 'UNPROCESSABLE');
      expect(res.body.error.details).toHaveProperty('category_id');
      const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM tickets');
      expect(after).toBe(before);
    });
  });

  describe('visibility (BOLA)', () => {
    it("answers another requester's ticket with 404 on every route", async () => {
      const theirs = await makeTicket(t, stranger);
      const id = theirs.id;
      expectError(await t.http.get(`/api/v1/tickets/${id}`, { token: requester.token }), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/v1/tickets/${id}/timeline`, { token: requester.token }), 404, 'NOT_FOUND');
      expectError(await patch(id, { version: 1, title: 'mine now' }, requester), 404, 'NOT_FOUND');
      expectError(await t.http.get(`/api/v1/tickets/${id}/comments`, { token: requester.token }), 404, 'NOT_FOUND');
      expectError(
        await t.http.post(`/api/v1/tickets/${id}/comments`, { body: 'hi' }, { token: requester.token }),
        404,
        'NOT_FOUND',
      );
      const list = await t.http.get(`/api/v1/tickets?requester_id=${stranger.user.id}`, { token: requester.token });
      expect(list.body).toMatchObject({ items: [], total: 0 });
      const [{ title }] = await t.dataSource.query('SELECT title FROM tickets WHERE id = $1', [id]);
      expect(title).toBe(theirs.title);
    });

    it('shows every ticket to agents and admins', async () => {
      const theirs = await makeTicket(t, stranger);
      for (const who of [agent, admin]) {
        expect((await t.http.get(`/api/v1/tickets/${theirs.id}`, { token: who.token })).status).toBe(200);
      }
    });

    it('lists only own tickets for a requester', async () => {
      const res = await t.http.get('/api/v1/tickets?limit=100', { token: stranger.token });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((item: any) => item.requester.id === stranger.user.id)).toBe(true);
      expect(res.body.total).toBe(res.body.items.length);
    });
  });

  describe('role table', () => {
    it('lets a requester edit title, description and tags of an own open ticket', async () => {
      const mine = await makeTicket(t, requester);
      const res = await patch(
        mine.id,
        { version: 1, title: 'Better title', description: 'More detail', tags: ['billing'] },
        requester,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Better title',
        description: 'More detail',
        tags: ['billing'],
        version: 2,
      });
      expect(res.headers.get('etag')).toBe(`W/"${mine.id}-2"`);
      const [updated] = await eventsOf(mine.id, 'ticket.updated');
      expect(Object.keys(updated.data.changes).sort()).toEqual(['description', 'tags', 'title']);
    });

    it('refuses priority, category and assignment to a requester with 403', async () => {
      const mine = await makeTicket(t, requester);
      for (const body of [{ priority: 'urgent' }, { category_id: 1 }, { assignee_id: agent.user.id }]) {
        expectError(await patch(mine.id, { version: 1, ...body }, requester), 403, 'FORBIDDEN');
      }
      expectError(
        await t.http.post(
          `/api/v1/tickets/${mine.id}/assign`,
          { assignee_id: agent.user.id },
          { token: requester.token },
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('lets a requester close an own ticket and reopen it from resolved, nothing else', async () => {
      const mine = await makeTicket(t, requester);
      expectError(await patch(mine.id, { version: 1, status: 'in_progress' }, requester), 403, 'FORBIDDEN');
      const resolved = await patch(mine.id, { version: 1, status: 'resolved' }, agent);
      expect(resolved.body).toMatchObject({ status: 'resolved', resolved_at: expect.any(String), closed_at: null });
      const reopened = await patch(mine.id, { version: 2, status: 'open' }, requester);
      expect(reopened.body).toMatchObject({ status: 'open', resolved_at: null });
      const closed = await patch(mine.id, { version: 3, status: 'closed' }, requester);
      expect(closed.body).toMatchObject({
        status: 'closed',
        resolved_at: expect.any(String),
        closed_at: expect.any(String),
      });
      expectError(await patch(mine.id, { version: 4, status: 'open' }, requester), 403, 'FORBIDDEN');
      expectError(await patch(mine.id, { version: 4, title: 'edit while closed' }, requester), 422, 'UNPROCESSABLE');
      expectError(await patch(mine.id, { version: 4, priority: 'high' }, agent), 422, 'UNPROCESSABLE');
      const agentReopens = await patch(mine.id, { version: 4, status: 'open' }, agent);
      expect(agentReopens.body).toMatchObject({ status: 'open', resolved_at: null, closed_at: null, version: 5 });
    });

    it('recomputes both due dates from created_at when the priority changes', async () => {
      const mine = await makeTicket(t, requester);
      const res = await patch(mine.id, { version: 1, priority: 'urgent' }, agent);
      expect(res.status).toBe(200);
      const created = Date.parse(res.body.created_at);
      expect(Date.parse(res.body.first_response_due_at) - created).toBe(60 * MINUTE);
      expect(Date.parse(res.body.resolution_due_at) - created).toBe(240 * MINUTE);
      expect((await eventsOf(mine.id, 'priority.changed'))[0].data).toEqual({ from: 'medium', to: 'urgent' });
    });

    it('lets agents assign to themselves or unassign themselves only; admins assign to any agent', async () => {
      const ticket = await makeTicket(t, requester);
      const assign = (who: TestUser, assignee_id: number | null) =>
        t.http.post(`/api/v1/tickets/${ticket.id}/assign`, { assignee_id }, { token: who.token });
      expectError(await assign(agent, agent2.user.id), 403, 'FORBIDDEN');
      expect((await assign(agent, agent.user.id)).body.assignee).toMatchObject({ id: agent.user.id });
      expectError(await assign(agent2, null), 403, 'FORBIDDEN'); // not theirs to give back
      expect((await assign(agent, null)).body.assignee).toBeNull();
      expect((await assign(admin, agent2.user.id)).body.assignee).toMatchObject({ id: agent2.user.id });
      expectError(await assign(admin, requester.user.id), 422, 'UNPROCESSABLE');
      expectError(await assign(admin, 99999999), 422, 'UNPROCESSABLE');
      const events = await eventsOf(ticket.id, 'assignee.changed');
      expect(events.map((e) => e.data.to)).toEqual([agent.user.id, null, agent2.user.id]);
    });

    it('refuses assignment to a deactivated agent with 422', async () => {
      const gone = await makeAgent(t);
      await t.http.delete(`/api/v1/users/${gone.user.id}`, { token: admin.token });
      const ticket = await makeTicket(t, requester);
      expectError(
        await t.http.post(`/api/v1/tickets/${ticket.id}/assign`, { assignee_id: gone.user.id }, { token: admin.token }),
        422,
        'UNPROCESSABLE',
      );
    });

    it('lets only admins delete and restore; deleted tickets vanish everywhere', async () => {
      const ticket = await makeTicket(t, requester, { title: 'soon gone zebrafish' });
      for (const who of [requester, agent]) {
        expectError(await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: who.token }), 403, 'FORBIDDEN');
        expectError(
          await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, undefined, { token: who.token }),
          403,
          'FORBIDDEN',
        );
      }
      expect((await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token })).status).toBe(204);
      for (const who of [requester, agent, admin]) {
        expectError(await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: who.token }), 404, 'NOT_FOUND');
      }
      const search = await t.http.get('/api/v1/tickets?q=zebrafish', { token: admin.token });
      expect(search.body.total).toBe(0);
      const [row] = await t.dataSource.query('SELECT deleted_at FROM tickets WHERE id = $1', [ticket.id]);
      expect(row.deleted_at).not.toBeNull();
      expectError(await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token }), 404, 'NOT_FOUND');

      const restored = await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, undefined, { token: admin.token });
      expect(restored.status).toBe(200);
      expect((await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: requester.token })).status).toBe(200);
      expect((await eventsOf(ticket.id)).map((e) => e.type)).toEqual([
        'ticket.created',
        'ticket.deleted',
        'ticket.restored',
      ]);
    });
  });

  describe('status machine', () => {
    const allowed: Record<string, string[]> = {
      open: ['in_progress', 'pending', 'resolved', 'closed'],
      in_progress: ['open', 'pending', 'resolved', 'closed'],
      pending: ['open', 'in_progress', 'resolved', 'closed'],
      escalated: ['in_progress', 'pending', 'resolved', 'closed'],
      resolved: ['closed', 'open'],
      closed: ['open'],
    };
    const statuses = Object.keys(allowed);
    const forbidden = statuses.flatMap((from) =>
      statuses.filter((to) => to !== from && !allowed[from].includes(to)).map((to) => [from, to]),
    );

    it.each(forbidden)('refuses %s → %s with 422 INVALID_TRANSITION and changes nothing', async (from, to) => {
      const ticket = await makeTicket(t, requester);
      await forceStatus(t, ticket.id, from);
      const res = await patch(ticket.id, { version: 1, status: to }, admin);
      expectError(res, 422, 'INVALID_TRANSITION');
      const [row] = await t.dataSource.query('SELECT status, version FROM tickets WHERE id = $1', [ticket.id]);
      expect(row).toEqual({ status: from, version: 1 });
      expect(await eventsOf(ticket.id, 'status.changed')).toHaveLength(0);
    });

    it('treats a same-status change as a no-op: no event, no version bump', async () => {
      const ticket = await makeTicket(t, requester);
      const res = await patch(ticket.id, { version: 1, status: 'open', title: ticket.title }, agent);
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      expect(await eventsOf(ticket.id)).toHaveLength(1);
    });

    it('moves both due dates later by the time spent pending', async () => {
      const ticket = await makeTicket(t, requester);
      await patch(ticket.id, { version: 1, status: 'pending' }, agent);
      // Pretend the ticket has been pending for an hour.
      await backdatePause(t, ticket.id, '1 hour');
      const res = await patch(ticket.id, { version: 2, status: 'in_progress' }, agent);
      const shift = (field: string) => Date.parse(res.body[field]) - Date.parse(ticket[field]);
      expect(shift('first_response_due_at')).toBeGreaterThanOrEqual(60 * MINUTE);
      expect(shift('first_response_due_at')).toBeLessThan(61 * MINUTE);
      expect(shift('resolution_due_at')).toBe(shift('first_response_due_at'));
    });
  });

  describe('optimistic locking', () => {
    it('answers a stale version with 409 and the current version', async () => {
      const ticket = await makeTicket(t, requester);
      await patch(ticket.id, { version: 1, title: 'first' }, agent);
      const res = await patch(ticket.id, { version: 1, title: 'second' }, agent);
      expectError(res, 409, 'VERSION_CONFLICT');
      expect(res.body.error.details).toEqual({ current_version: 2 });
    });

    it('lets exactly one of 10 concurrent PATCHes with the same version win', async () => {
      const ticket = await makeTicket(t, requester);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => patch(ticket.id, { version: 1, title: `racer ${i}` }, agent)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      const winner = results.find((r) => r.status === 200)!;
      const [row] = await t.dataSource.query('SELECT title, version FROM tickets WHERE id = $1', [ticket.id]);
      expect(row).toEqual({ title: winner.body.title, version: 2 });
      expect(await eventsOf(ticket.id, 'ticket.updated')).toHaveLength(1);
    });

    it('sends an ETag on GET and honours If-Match with 412', async () => {
      const ticket = await makeTicket(t, requester);
      const got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: agent.token });
      expect(got.headers.get('etag')).toBe(`W/"${ticket.id}-1"`);
      expect(got.body.timeline.map((e: any) => e.type)).toEqual(['ticket.created']);
      expect(got.body.timeline[0].actor).toEqual({ id: requester.user.id, name: requester.user.name });
      const ok = await patch(ticket.id, { version: 1, title: 'with etag' }, agent, {
        'if-match': got.headers.get('etag')!,
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('etag')).toBe(`W/"${ticket.id}-2"`);
      const stale = await patch(ticket.id, { version: 2, title: 'old etag' }, agent, {
        'if-match': `W/"${ticket.id}-1"`,
      });
      expectError(stale, 412, 'PRECONDITION_FAILED');
    });

    it('leaves no timeline event and no change behind when an update fails half-way', async () => {
      const ticket = await makeTicket(t, requester);
      // The status change is valid, the assignee is not: the whole PATCH must roll back.
      const res = await patch(ticket.id, { version: 1, status: 'in_progress', assignee_id: requester.user.id }, admin);
      expectError(res, 422, 'UNPROCESSABLE');
      const [row] = await t.dataSource.query('SELECT status, version, assignee_id FROM tickets WHERE id = $1', [
        ticket.id,
      ]);
      expect(row).toEqual({ status: 'open', version: 1, assignee_id: null });
      expect((await eventsOf(ticket.id)).map((e) => e.type)).toEqual(['ticket.created']);
    });

    it('rejects null for fields that cannot be empty, with 400 and no change', async () => {
      const ticket = await makeTicket(t, requester);
      for (const field of ['title', 'description', 'status', 'priority', 'tags']) {
        const res = await patch(ticket.id, { version: 1, [field]: null }, admin);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.details).toHaveProperty(field);
      }
      const [row] = await t.dataSource.query('SELECT version FROM tickets WHERE id = $1', [ticket.id]);
      expect(row.version).toBe(1);
      // Nullable ones accept it.
      expect((await patch(ticket.id, { version: 1, category_id: null, assignee_id: null }, admin)).status).toBe(200);
    });

    it('requires version on PATCH', async () => {
      const ticket = await makeTicket(t, requester);
      const res = await patch(ticket.id, { title: 'no version' }, agent);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details).toHaveProperty('version');
    });
  });

  describe('timeline', () => {
    it('paginates events oldest first with actors', async () => {
      const ticket = await makeTicket(t, requester);
      await patch(ticket.id, { version: 1, status: 'in_progress' }, agent);
      await patch(ticket.id, { version: 2, priority: 'high' }, agent);
      const page = await t.http.get(`/api/v1/tickets/${ticket.id}/timeline?limit=2`, { token: requester.token });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0, next_offset: 2 });
      expect(page.body.items.map((e: any) => e.type)).toEqual(['ticket.created', 'status.changed']);
      expect(page.body.items[1]).toMatchObject({
        actor: { id: agent.user.id },
        data: { from: 'open', to: 'in_progress' },
      });
    });

    it('shows the same events in GET /:id (built in SQL) as in /timeline (built from entities), to the millisecond', async () => {
      const ticket = await makeTicket(t, requester);
      await patch(ticket.id, { version: 1, status: 'in_progress' }, agent);
      await t.http.post(
        `/api/v1/tickets/${ticket.id}/comments`,
        { body: 'note', is_internal: true },
        { token: agent.token },
      );
      // Microseconds that a careless rounding would turn into the next millisecond, and a worker event.
      await t.dataSource.query(
        `UPDATE ticket_events SET created_at = CASE type
            WHEN 'ticket.created' THEN timestamptz '2026-03-01 10:00:00.999999+00'
            WHEN 'status.changed' THEN timestamptz '1969-12-31 23:59:59.123456+00'
            ELSE created_at END
          WHERE ticket_id = $1`,
        [ticket.id],
      );
      await t.dataSource.query(
        `INSERT INTO ticket_events (ticket_id, type, actor_id, data, created_at)
         VALUES ($1, 'ticket.escalated', NULL, '{"level": 1}', timestamptz '2026-03-01 10:00:01.000500+00')`,
        [ticket.id],
      );
      for (const who of [agent, requester]) {
        const got = await t.http.get(`/api/v1/tickets/${ticket.id}`, { token: who.token });
        const page = await t.http.get(`/api/v1/tickets/${ticket.id}/timeline?limit=100`, { token: who.token });
        expect(got.status).toBe(200);
        expect(got.body.timeline).toEqual(page.body.items);
        expect(got.body.timeline.map((e: any) => e.created_at)).toContain('2026-03-01T10:00:00.999Z');
        expect(got.body.timeline.some((e: any) => e.type === 'comment.created')).toBe(who === agent);
      }
    });
  });
});
