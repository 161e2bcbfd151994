// Auto-assignment per category: the admin's settings (PATCH /categories/:id agent_ids, assignment)
// and what a new ticket of the category gets (round robin, least open, none), also under races.
import { randomBytes } from 'node:crypto';
import { expectError } from '../support/assertions';
import { makeTicket, markResolved } from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

interface CategoryJson {
  id: number;
  name: string;
  assignment: string;
  agent_ids: number[];
}

describe('auto-assignment', () => {
  let t: TestApp;
  let admin: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, requester] = await Promise.all([makeAdmin(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  const uniqueName = () => `Queue ${randomBytes(4).toString('hex')}`;
  const patch = (id: number, body: object, who: TestUser = admin) =>
    t.http.patch(`/api/v1/categories/${id}`, body, { token: who.token });
  const createCategory = async (body: object = {}): Promise<CategoryJson> => {
    const res = await t.http.post('/api/v1/categories', { name: uniqueName(), ...body }, { token: admin.token });
    if (res.status !== 201) throw new Error(`category create failed: ${res.status} ${res.text}`);
    return res.body as CategoryJson;
  };
  /** `n` new agents, by id ascending (so "lowest id" is the first). */
  const makeAgents = async (n: number): Promise<number[]> => {
    const agents = await Promise.all(Array.from({ length: n }, () => makeAgent(t)));
    return agents.map((agent) => agent.user.id).sort((a, b) => a - b);
  };
  const storedRow = async (id: number) => {
    const [row] = await t.dataSource.query(
      'SELECT name, assignment, agent_ids, assignment_cursor FROM categories WHERE id = $1',
      [id],
    );
    return row as { name: string; assignment: string; agent_ids: number[]; assignment_cursor: string };
  };
  /** Tickets per assignee among `ticketIds`, read from the database. */
  const assigneeCounts = async (ticketIds: number[]): Promise<Record<string, number>> => {
    const rows: Array<{ assignee_id: number | null; n: number }> = await t.dataSource.query(
      `SELECT assignee_id, count(*)::int AS n FROM tickets WHERE id = ANY($1::int[]) GROUP BY assignee_id`,
      [ticketIds],
    );
    return Object.fromEntries(rows.map((row) => [String(row.assignee_id), row.n]));
  };
  const createMany = (n: number, categoryId: number) =>
    Promise.all(Array.from({ length: n }, () => makeTicket(t, requester, { category_id: categoryId })));

  describe('settings', () => {
    it('round-trips agent_ids (sorted) and assignment through PATCH and GET', async () => {
      const category = await createCategory();
      expect(category).toMatchObject({ assignment: 'none', agent_ids: [] });
      const [a, b, c] = await makeAgents(3);
      const res = await patch(category.id, { agent_ids: [c, a, b, admin.user.id], assignment: 'round_robin' });
      expect(res.status).toBe(200);
      const sorted = [a, b, c, admin.user.id].sort((x, y) => x - y);
      expect(res.body).toMatchObject({ id: category.id, assignment: 'round_robin', agent_ids: sorted });
      const got = await t.http.get(`/api/v1/categories/${category.id}`, { token: (await makeAgent(t)).token });
      expect(got.body).toEqual(res.body);
      expect(await storedRow(category.id)).toMatchObject({ assignment: 'round_robin', agent_ids: sorted });

      // The other field alone keeps this one.
      const switched = await patch(category.id, { assignment: 'least_open' });
      expect(switched.body).toMatchObject({ assignment: 'least_open', agent_ids: sorted });
      const narrowed = await patch(category.id, { agent_ids: [b] });
      expect(narrowed.body).toMatchObject({ assignment: 'least_open', agent_ids: [b] });
      const off = await patch(category.id, { assignment: 'none', agent_ids: [] });
      expect(off.body).toMatchObject({ assignment: 'none', agent_ids: [] });
    });

    it('accepts them on POST too', async () => {
      const [a] = await makeAgents(1);
      const category = await createCategory({ agent_ids: [a], assignment: 'least_open' });
      expect(category).toMatchObject({ assignment: 'least_open', agent_ids: [a] });
      expect(await storedRow(category.id)).toMatchObject({ assignment: 'least_open', agent_ids: [a] });
    });

    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1);
    it.each<[string, (agents: number[], requesterId: number) => object, number, string]>([
      ['an unknown user id', (agents) => ({ agent_ids: [agents[0], 2_000_000_000] }), 422, 'agent_ids'],
      ['a requester', (agents, requesterId) => ({ agent_ids: [agents[0], requesterId] }), 422, 'agent_ids'],
      ['101 ids', () => ({ agent_ids: tooMany }), 400, 'agent_ids'],
      ['duplicate ids', (agents) => ({ agent_ids: [agents[0], agents[0]] }), 400, 'agent_ids'],
      ['a non-integer id', () => ({ agent_ids: ['1'] }), 400, 'agent_ids'],
      ['null ids', () => ({ agent_ids: null }), 400, 'agent_ids'],
      ['an unknown assignment', (agents) => ({ agent_ids: agents, assignment: 'random' }), 400, 'assignment'],
      ['round robin over nobody', () => ({ agent_ids: [], assignment: 'round_robin' }), 422, 'agent_ids'],
      ['least open over nobody', () => ({ assignment: 'least_open' }), 422, 'agent_ids'],
    ])('refuses %s, naming the field, and stores nothing', async (_label, body, status, field) => {
      const agents = await makeAgents(1);
      const category = await createCategory();
      const before = await storedRow(category.id);
      const res = await patch(category.id, { name: uniqueName(), ...body(agents, requester.user.id) });
      expectError(res, status, status === 400 ? 'VALIDATION_FAILED' : 'UNPROCESSABLE');
      expect(Object.keys(res.body.error.details)).toContain(field);
      expect(await storedRow(category.id)).toEqual(before);

      const created = await t.http.post(
        '/api/v1/categories',
        { name: uniqueName(), ...body(agents, requester.user.id) },
        { token: admin.token },
      );
      expect(created.status).toBe(status);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM categories WHERE id > $1', [
        category.id,
      ]);
      expect(n).toBe(0);
    });

    it('refuses to empty the list of a round-robin category', async () => {
      const agents = await makeAgents(2);
      const category = await createCategory({ agent_ids: agents, assignment: 'round_robin' });
      const res = await patch(category.id, { agent_ids: [] });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(Object.keys(res.body.error.details)).toEqual(['agent_ids']);
      expect(await storedRow(category.id)).toMatchObject({ assignment: 'round_robin', agent_ids: agents });
    });

    it('lists an inactive agent', async () => {
      const [a, b] = await makeAgents(2);
      expect((await t.http.delete(`/api/v1/users/${b}`, { token: admin.token })).status).toBe(204);
      const category = await createCategory();
      const res = await patch(category.id, { agent_ids: [a, b], assignment: 'round_robin' });
      expect(res.status).toBe(200);
      expect(res.body.agent_ids).toEqual([a, b]);
    });

    it('is for admins only', async () => {
      const agent = await makeAgent(t);
      const category = await createCategory();
      const body = { agent_ids: [agent.user.id], assignment: 'round_robin' };
      expectError(await patch(category.id, body, agent), 403, 'FORBIDDEN');
      expectError(await patch(category.id, body, requester), 403, 'FORBIDDEN');
      expect(await storedRow(category.id)).toMatchObject({ assignment: 'none', agent_ids: [] });
    });
  });

  describe('round robin', () => {
    it('spreads 20 tickets created at once over 4 agents, exactly 5 each', async () => {
      const agents = await makeAgents(4);
      const category = await createCategory({ agent_ids: agents, assignment: 'round_robin' });
      const tickets = await createMany(20, category.id);
      expect(await assigneeCounts(tickets.map((ticket) => ticket.id))).toEqual(
        Object.fromEntries(agents.map((id) => [String(id), 5])),
      );
      // Each response shows its assignee, as the database has it.
      for (const ticket of tickets) expect(agents).toContain(ticket.assignee?.id);
      expect((await storedRow(category.id)).assignment_cursor).toBe('20');
    });

    it('goes round in id order and records assignee.changed with a null actor after ticket.created', async () => {
      const agents = await makeAgents(2);
      const category = await createCategory({ agent_ids: [agents[1], agents[0]], assignment: 'round_robin' });
      const first = await makeTicket(t, requester, { category_id: category.id });
      const second = await makeTicket(t, requester, { category_id: category.id });
      const third = await makeTicket(t, requester, { category_id: category.id });
      expect([first, second, third].map((ticket) => ticket.assignee?.id)).toEqual([agents[0], agents[1], agents[0]]);

      const events = await t.dataSource.query(
        'SELECT type, actor_id, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id',
        [first.id],
      );
      expect(events.map((event: { type: string }) => event.type)).toEqual(['ticket.created', 'assignee.changed']);
      expect(events[0].actor_id).toBe(requester.user.id);
      expect(events[1]).toEqual({
        type: 'assignee.changed',
        actor_id: null,
        data: { from: null, to: agents[0], auto_assigned: 'round_robin' },
      });
      const [row] = await t.dataSource.query('SELECT assignee_id, version FROM tickets WHERE id = $1', [first.id]);
      expect(row).toEqual({ assignee_id: agents[0], version: 1 });
    });

    it('skips an inactive agent, and assigns nobody when none is active', async () => {
      const [a, b, c] = await makeAgents(3);
      const category = await createCategory({ agent_ids: [a, b, c], assignment: 'round_robin' });
      expect((await t.http.delete(`/api/v1/users/${b}`, { token: admin.token })).status).toBe(204);
      const assigned: number[] = [];
      for (let i = 0; i < 4; i++) {
        assigned.push((await makeTicket(t, requester, { category_id: category.id })).assignee?.id);
      }
      expect(assigned).toEqual([a, c, a, c]);

      for (const id of [a, c]) {
        expect((await t.http.delete(`/api/v1/users/${id}`, { token: admin.token })).status).toBe(204);
      }
      const orphan = await makeTicket(t, requester, { category_id: category.id });
      expect(orphan.assignee).toBeNull();
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'assignee.changed'`,
        [orphan.id],
      );
      expect(n).toBe(0);
    });
  });

  describe('least open', () => {
    it('picks the agent with the fewest unresolved tickets, ties by lowest id', async () => {
      const [x, y, z] = await makeAgents(3);
      const assign = async (assigneeId: number) => {
        const ticket = await makeTicket(t, requester);
        const res = await t.http.post(
          `/api/v1/tickets/${ticket.id}/assign`,
          { assignee_id: assigneeId },
          { token: admin.token },
        );
        if (res.status !== 200) throw new Error(`assign failed: ${res.status} ${res.text}`);
        return ticket.id;
      };
      // x holds two unresolved tickets; y one resolved one (not counted) and one deleted; z none.
      await assign(x);
      await assign(x);
      await markResolved(t, await assign(y));
      const deleted = await assign(y);
      expect((await t.http.delete(`/api/v1/tickets/${deleted}`, { token: admin.token })).status).toBe(204);

      const category = await createCategory({ agent_ids: [z, y, x], assignment: 'least_open' });
      const picks: number[] = [];
      for (let i = 0; i < 4; i++) {
        picks.push((await makeTicket(t, requester, { category_id: category.id })).assignee?.id);
      }
      // Loads (x, y, z): (2, 0, 0) → y by id; (2, 1, 0) → z; (2, 1, 1) → y by id; (2, 2, 1) → z.
      expect(picks).toEqual([y, z, y, z]);

      const [event] = await t.dataSource.query(
        `SELECT actor_id, data FROM ticket_events WHERE type = 'assignee.changed' AND data->>'to' = $1
          ORDER BY id DESC LIMIT 1`,
        [String(z)],
      );
      expect(event).toEqual({ actor_id: null, data: { from: null, to: z, auto_assigned: 'least_open' } });
    });

    it('balances 12 tickets created at once over 3 equally loaded agents, 4 each', async () => {
      const agents = await makeAgents(3);
      const category = await createCategory({ agent_ids: agents, assignment: 'least_open' });
      const tickets = await createMany(12, category.id);
      expect(await assigneeCounts(tickets.map((ticket) => ticket.id))).toEqual(
        Object.fromEntries(agents.map((id) => [String(id), 4])),
      );
    });
  });

  describe('none', () => {
    it('leaves tickets unassigned, with no assignee.changed event', async () => {
      const agents = await makeAgents(2);
      const category = await createCategory({ agent_ids: agents, assignment: 'none' });
      const tickets = await createMany(3, category.id);
      expect(await assigneeCounts(tickets.map((ticket) => ticket.id))).toEqual({ null: 3 });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = ANY($1::int[]) AND type = 'assignee.changed'`,
        [tickets.map((ticket) => ticket.id)],
      );
      expect(n).toBe(0);
      expect((await storedRow(category.id)).assignment_cursor).toBe('0');
    });
  });
});
