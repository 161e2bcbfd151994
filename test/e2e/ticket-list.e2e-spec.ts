// GET /tickets: every filter, sort and pagination edge, full-text search, and internal-note leakage.
import { expectError } from '../support/assertions';
import { makeTicket, setSlaClock } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('ticket list and search', () => {
  let t: TestApp;
  let agent: TestUser;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  const ids: Record<string, number> = {};
  let categoryId: number;

  const list = async (query: string, who: TestUser = agent) => {
    const res = await t.http.get(`/api/v1/tickets?${query}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body as { items: Array<{ id: number; [k: string]: any }>; total: number; next_offset: number | null };
  };
  const idsOf = async (query: string, who?: TestUser) => (await list(query, who)).items.map((item) => item.id);

  beforeAll(async () => {
    t = await startTestApp();
    [agent, admin, alice, bob] = await Promise.all([makeAgent(t), makeAdmin(t), makeUser(t), makeUser(t)]);
    [{ id: categoryId }] = await t.dataSource.query(`INSERT INTO categories (name) VALUES ('Billing') RETURNING id`);
    // Created one by one so created_at order is known: a (oldest) … e (newest).
    ids.a = (await makeTicket(t, alice, { title: 'Printer jams on page two', priority: 'low', tags: ['hardware'] })).id;
    ids.b = (
      await makeTicket(t, alice, {
        title: 'Invoice total is wrong',
        priority: 'high',
        category_id: categoryId,
        tags: ['billing'],
      })
    ).id;
    ids.c = (
      await makeTicket(t, bob, { title: 'VPN drops every hour', description: 'The tunnel resets', priority: 'urgent' })
    ).id;
    ids.d = (
      await makeTicket(t, bob, { title: 'Password reset mail missing', priority: 'medium', tags: ['billing', 'email'] })
    ).id;
    ids.e = (await makeTicket(t, alice, { title: 'Keyboard sticky keys', priority: 'high' })).id;
    await t.http.post(`/api/v1/tickets/${ids.b}/assign`, { assignee_id: agent.user.id }, { token: agent.token });
    await t.http.patch(`/api/v1/tickets/${ids.c}`, { version: 1, status: 'in_progress' }, { token: agent.token });
    // c breached: both targets in the past.
    await setSlaClock(t, ids.c, { firstResponseDueAt: '2 hours ago', resolutionDueAt: '1 hour ago' });
    // Comments: a public one on a, an internal note on e.
    await t.http.post(
      `/api/v1/tickets/${ids.a}/comments`,
      { body: 'The toner cartridge looks empty' },
      { token: agent.token },
    );
    await t.http.post(
      `/api/v1/tickets/${ids.e}/comments`,
      { body: 'Suspect coffee spill, secret plan', is_internal: true },
      { token: agent.token },
    );
  });
  afterAll(() => t.close());

  const mine = `requester_id=`;
  const scope = () => `created_after=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`;

  it('sorts newest first by default, ties by id', async () => {
    expect(await idsOf(scope())).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
  });

  it.each([
    ['sort=created_at', ['a', 'b', 'c', 'd', 'e']],
    ['sort=-created_at', ['e', 'd', 'c', 'b', 'a']],
    ['sort=priority', ['a', 'd', 'b', 'e', 'c']],
    ['sort=-priority', ['c', 'e', 'b', 'd', 'a']],
  ])('sorts by %s', async (sort, expected) => {
    expect(await idsOf(`${scope()}&${sort}`)).toEqual(expected.map((key) => ids[key]));
  });

  it('sorts by updated_at and resolution_due_at', async () => {
    const byUpdate = await idsOf(`${scope()}&sort=-updated_at`);
    expect(byUpdate[0]).toBe(ids.a); // the public comment touched it last (internal notes do not count)
    const byDue = await idsOf(`${scope()}&sort=resolution_due_at`);
    expect(byDue[0]).toBe(ids.c); // overdue
  });

  it.each([
    ['status=in_progress', ['c']],
    ['status=open,in_progress', ['e', 'd', 'c', 'b', 'a']],
    // The parameter repeated, or both forms mixed, means the same (as on the audit log).
    ['status=open&status=in_progress', ['e', 'd', 'c', 'b', 'a']],
    ['priority=high&priority=urgent,high', ['e', 'c', 'b']],
    ['priority=high', ['e', 'b']],
    ['priority=high,urgent', ['e', 'c', 'b']],
    ['assignee_id=none', ['e', 'd', 'c', 'a']],
    ['assignee_id=me', ['b']],
    ['category_id=CAT', ['b']],
    ['tag=billing', ['d', 'b']],
    ['tag=BILLING', ['d', 'b']],
    ['is_breached=true', ['c']],
    ['is_breached=false', ['e', 'd', 'b', 'a']],
    ['status=open&priority=high', ['e', 'b']],
  ])('filters with %s', async (filter, expected) => {
    const query = filter.replace('CAT', String(categoryId));
    expect(await idsOf(`${scope()}&${query}`)).toEqual(expected.map((key) => ids[key]));
  });

  it('filters by assignee id and requester id', async () => {
    expect(await idsOf(`${scope()}&assignee_id=${agent.user.id}`)).toEqual([ids.b]);
    expect(await idsOf(`${scope()}&${mine}${bob.user.id}`)).toEqual([ids.d, ids.c]);
  });

  it('filters by created_before', async () => {
    const [{ created_at }] = await t.dataSource.query('SELECT created_at FROM tickets WHERE id = $1', [ids.c]);
    expect(await idsOf(`${scope()}&created_before=${encodeURIComponent(created_at.toISOString())}`)).toEqual([
      ids.b,
      ids.a,
    ]);
  });

  it('paginates with next_offset, null on the last page', async () => {
    const first = await list(`${scope()}&limit=2`);
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0, next_offset: 2, total_capped: false });
    const last = await list(`${scope()}&limit=2&offset=4`);
    expect(last.items).toHaveLength(1);
    expect(last.next_offset).toBeNull();
    expect((await list(`${scope()}&limit=100`)).next_offset).toBeNull();
  });

  it('still counts on a page past the end (no row carries the total) and when nothing matches', async () => {
    expect(await list(`${scope()}&limit=2&offset=40`)).toMatchObject({ items: [], total: 5, next_offset: null });
    expect(await list(`${scope()}&q=nosuchwordanywhere`)).toMatchObject({ items: [], total: 0, next_offset: null });
  });

  it.each([
    'limit=101',
    'limit=0',
    'offset=10001',
    'status=open,nope',
    'status=open&status=nope',
    'priority=critical',
    'sort=title',
    'assignee_id=someone',
    'is_breached=yes',
    'created_after=yesterday',
    'requester_id=-4',
    'tag=' + 'x'.repeat(51),
    'unknown=1',
  ])('rejects ?%s with 400', async (query) => {
    expectError(await t.http.get(`/api/v1/tickets?${query}`, { token: agent.token }), 400, 'VALIDATION_FAILED');
  });

  describe('full-text search', () => {
    it('matches title, description and public comments', async () => {
      expect(await idsOf(`q=printer`)).toEqual([ids.a]);
      expect(await idsOf(`q=tunnel`)).toEqual([ids.c]);
      expect(await idsOf(`q=toner`)).toEqual([ids.a]);
      expect(await idsOf(`search=invoice`)).toEqual([ids.b]);
      expect(await idsOf(`q=${encodeURIComponent('"sticky keys"')}`)).toEqual([ids.e]);
    });

    it('matches internal notes for agents only', async () => {
      expect(await idsOf('q=coffee', agent)).toEqual([ids.e]);
      expect(await idsOf('q=coffee', admin)).toEqual([ids.e]);
      expect(await list('q=coffee', alice)).toMatchObject({ items: [], total: 0 });
    });

    it('combines with filters and counts consistently', async () => {
      const res = await list('q=billing OR printer OR invoice&priority=high');
      expect(res.items.map((i) => i.id)).toEqual([ids.b]);
      expect(res.total).toBe(1);
    });

    it('finds a requester only their own tickets, newest first', async () => {
      expect(await idsOf('q=printer OR tunnel OR keyboard', alice)).toEqual([ids.e, ids.a]);
      expect(await idsOf('q=printer OR tunnel OR keyboard', bob)).toEqual([ids.c]);
      expect(await idsOf('q=printer OR tunnel OR keyboard&sort=created_at')).toEqual([ids.a, ids.c, ids.e]);
    });

    it('follows edits of the title and description, and soft deletes, at once', async () => {
      const ticket = await makeTicket(t, bob, { title: 'Quasar lamp flickers', description: 'Since monday' });
      expect(await idsOf('q=quasar')).toEqual([ticket.id]);
      const edited = await t.http.patch(
        `/api/v1/tickets/${ticket.id}`,
        { version: 1, title: 'Nebula lamp flickers', description: 'Since tuesday' },
        { token: agent.token },
      );
      expect(edited.status).toBe(200);
      expect(await idsOf('q=quasar')).toEqual([]);
      expect(await idsOf('q=monday')).toEqual([]);
      expect(await idsOf('q=nebula tuesday', bob)).toEqual([ticket.id]);
      expect((await t.http.delete(`/api/v1/tickets/${ticket.id}`, { token: admin.token })).status).toBe(204);
      expect(await list('q=nebula')).toMatchObject({ items: [], total: 0 });
      expect((await t.http.post(`/api/v1/tickets/${ticket.id}/restore`, {}, { token: admin.token })).status).toBe(200);
      expect(await idsOf('q=nebula')).toEqual([ticket.id]);
    });

    it('keeps the search rows in step with tickets written in SQL, in bulk', async () => {
      const inserted: Array<{ id: number }> = await t.dataSource.query(
        `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at)
         SELECT 'Walrus ' || g, 'Tusks', $1, now(), now() FROM generate_series(1, 3) g RETURNING id`,
        [bob.user.id],
      );
      const ids3 = inserted.map((row) => row.id).sort((a, b) => b - a);
      expect(await idsOf('q=walrus tusks')).toEqual(ids3);
      await t.dataSource.query(`DELETE FROM tickets WHERE id = ANY($1)`, [ids3]);
      expect(await list('q=walrus')).toMatchObject({ items: [], total: 0 });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_search WHERE ticket_id = ANY($1)`,
        [ids3],
      );
      expect(n).toBe(0);
    });

    it('treats SQL and tsquery syntax as plain words', async () => {
      for (const q of ["' OR 1=1 --", 'a & | ! (', "'); DROP TABLE tickets; --", ':*', '\\']) {
        const res = await t.http.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`, { token: agent.token });
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(0);
      }
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM tickets');
      expect(n).toBeGreaterThanOrEqual(5);
    });
  });

  describe('internal notes never reach requesters', () => {
    it('counts public comments only for the requester', async () => {
      const asAlice = await t.http.get(`/api/v1/tickets/${ids.e}`, { token: alice.token });
      const asAgent = await t.http.get(`/api/v1/tickets/${ids.e}`, { token: agent.token });
      expect(asAlice.body.comment_count).toBe(0);
      expect(asAgent.body.comment_count).toBe(1);
      const listed = (await list(`${mine}${alice.user.id}`, alice)).items.find((i) => i.id === ids.e)!;
      expect(listed.comment_count).toBe(0);
    });

    it('hides internal notes and their events from the requester', async () => {
      const comments = await t.http.get(`/api/v1/tickets/${ids.e}/comments`, { token: alice.token });
      expect(comments.body).toMatchObject({ items: [], total: 0 });
      const timeline = await t.http.get(`/api/v1/tickets/${ids.e}`, { token: alice.token });
      expect(timeline.body.timeline.map((e: any) => e.type)).toEqual(['ticket.created']);
      expect(timeline.text).not.toContain('coffee');
      const agentView = await t.http.get(`/api/v1/tickets/${ids.e}/comments`, { token: agent.token });
      expect(agentView.body.items.map((c: any) => c.is_internal)).toEqual([true]);
    });
  });
});
