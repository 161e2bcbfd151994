// Automations end to end: the admin API (round trip, the seeded rules, every bad input naming its
// field and storing nothing, admins only), and the worker applying rules through the same code as
// an agent's change: the same events (actor null, data.automation_id), version + 1, webhooks;
// fractions of hours; once per ticket version; three workers racing on the same tickets.
import { randomBytes } from 'node:crypto';
import { AutomationRunner } from '../../src/automations/automation-runner';
import { automationCandidatesSql } from '../../src/tickets/ticket-automation-sql';
import { TicketStatus } from '../../src/common/ticket-enums';
import { makeTicket } from '../factories/tickets';
import { deactivateUser, makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { makeWebhook } from '../factories/webhooks';
import { expectError } from '../support/assertions';
import { createTestDatabase, newRedisKeyPrefix, startTestApp, TestApp } from '../support/test-app';

/** Sweeps never start on their own during a test: the tests run the runner themselves. */
const QUIET = { SLA_SWEEP_INTERVAL_SECONDS: '86400' };

interface EventRow {
  type: string;
  actor_id: number | null;
  data: Record<string, unknown>;
}

describe('automations', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let requester: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: QUIET });
    admin = await makeAdmin(t);
    agent = await makeAgent(t);
    requester = await makeUser(t);
  });
  afterAll(() => t?.close());

  const tag = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;
  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const create = (body: unknown, who: TestUser = admin) =>
    t.http.post('/api/v1/automations', body, { token: who.token });
  const createOk = async (body: Record<string, unknown>) => {
    const res = await create({ name: 'Rule', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: number; [key: string]: any };
  };
  const run = () => t.app.get(AutomationRunner).runAll();
  const eventsOf = (db: TestApp, id: number): Promise<EventRow[]> =>
    db.dataSource.query(`SELECT type, actor_id, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [id]);
  const ticketRow = async (db: TestApp, id: number) =>
    (await db.dataSource.query(`SELECT * FROM tickets WHERE id = $1`, [id]))[0];
  const agentPatch = async (id: number, body: Record<string, unknown>, who: TestUser = agent) => {
    const current = await t.http.get(`/api/v1/tickets/${id}`, { token: who.token });
    const res = await t.http.patch(
      `/api/v1/tickets/${id}`,
      { version: current.body.version, ...body },
      { token: who.token },
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('admin API', () => {
    it('has the two seeded rules in a fresh database: the first active, the second not', async () => {
      const res = await t.http.get('/api/v1/automations', { token: admin.token });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['items']);
      const ids = res.body.items.map((rule: { id: number }) => rule.id);
      expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
      expect(res.body.items.slice(0, 2)).toEqual([
        {
          id: 1,
          name: 'Close resolved tickets after 72 h',
          active: true,
          conditions: { status: ['resolved'], hours_in_status: 72 },
          actions: { status: 'closed' },
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
        {
          id: 2,
          name: 'Resolve pending tickets after 7 days without a reply',
          active: false,
          conditions: { status: ['pending'], hours_since_update: 168 },
          actions: { status: 'resolved' },
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      ]);
    });

    it('creates, reads, changes and deletes a rule, storing the normalised shape and its author', async () => {
      const created = await create({
        name: '  Triage VIP  ',
        conditions: { status: ['pending', 'open'], priority: ['urgent', 'low'], tags_all: [' VIP ', 'vip', 'Gold'] },
        actions: { status: 'in_progress', add_tags: ['Triaged'], comment: { body: 'On it.' } },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        name: 'Triage VIP',
        active: true,
        conditions: { status: ['open', 'pending'], priority: ['low', 'urgent'], tags_all: ['gold', 'vip'] },
        actions: { status: 'in_progress', add_tags: ['triaged'], comment: { body: 'On it.', is_internal: false } },
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      const id = created.body.id;
      const author = async () =>
        (await t.dataSource.query(`SELECT author_id FROM automations WHERE id = $1`, [id]))[0].author_id;
      expect(await author()).toBe(admin.user.id);
      expect((await t.http.get(`/api/v1/automations/${id}`, { token: admin.token })).body).toEqual(created.body);

      const otherAdmin = await makeAdmin(t);
      const renamed = await t.http.patch(
        `/api/v1/automations/${id}`,
        { name: 'Renamed', active: false },
        {
          token: otherAdmin.token,
        },
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Renamed', active: false, conditions: created.body.conditions });
      expect(await author()).toBe(otherAdmin.user.id);

      const replaced = await t.http.patch(
        `/api/v1/automations/${id}`,
        { actions: { priority: 'high' } },
        { token: admin.token },
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body.actions).toEqual({ priority: 'high' });
      expect(await author()).toBe(admin.user.id);

      const listed = await t.http.get('/api/v1/automations', { token: admin.token });
      expect(listed.body.items.find((rule: { id: number }) => rule.id === id)).toEqual(replaced.body);

      expect((await t.http.delete(`/api/v1/automations/${id}`, { token: admin.token })).status).toBe(204);
      expectError(await t.http.get(`/api/v1/automations/${id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(await t.http.delete(`/api/v1/automations/${id}`, { token: admin.token }), 404, 'NOT_FOUND');
      expectError(
        await t.http.patch(`/api/v1/automations/${id}`, { name: 'x' }, { token: admin.token }),
        404,
        'NOT_FOUND',
      );
    });

    it('refuses each bad rule naming the field, and stores nothing', async () => {
      const category = await t.http.post('/api/v1/categories', { name: tag('Cat') }, { token: admin.token });
      const inactiveAgent = await makeAgent(t);
      await deactivateUser(t, inactiveAgent.user.id);
      const ok = { status: ['open'] };
      const cases: Array<[string, unknown, number, string, string]> = [
        [
          'unknown condition',
          { conditions: { ...ok, owner: 3 }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.owner',
        ],
        [
          'unknown action',
          { conditions: ok, actions: { status: 'pending', delete: true } },
          400,
          'VALIDATION_FAILED',
          'actions.delete',
        ],
        [
          'unknown comment field',
          { conditions: ok, actions: { status: 'pending', comment: { body: 'x', to: 'a' } } },
          400,
          'VALIDATION_FAILED',
          'actions.comment.to',
        ],
        [
          'unknown top-level field',
          { conditions: ok, actions: { status: 'pending' }, author_id: 1 },
          400,
          'VALIDATION_FAILED',
          'author_id',
        ],
        [
          'no status condition',
          { conditions: {}, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.status',
        ],
        [
          'empty status list',
          { conditions: { status: [] }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.status',
        ],
        [
          'repeated status',
          { conditions: { status: ['open', 'open'] }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.status',
        ],
        [
          'unknown status',
          { conditions: { status: ['new'] }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.status',
        ],
        [
          'negative hours',
          { conditions: { ...ok, hours_in_status: -1 }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.hours_in_status',
        ],
        [
          'too many hours',
          { conditions: { ...ok, hours_since_update: 87_601 }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.hours_since_update',
        ],
        [
          'hours as text',
          { conditions: { ...ok, hours_in_status: '1' }, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'conditions.hours_in_status',
        ],
        [
          '11 tags',
          {
            conditions: { ...ok, tags_all: Array.from({ length: 11 }, (_, i) => `t${i}`) },
            actions: { status: 'pending' },
          },
          400,
          'VALIDATION_FAILED',
          'conditions.tags_all',
        ],
        [
          '500 tags',
          {
            conditions: ok,
            actions: { status: 'pending', remove_tags: Array.from({ length: 500 }, (_, i) => `t${i}`) },
          },
          400,
          'VALIDATION_FAILED',
          'actions.remove_tags',
        ],
        [
          'a tag too long',
          { conditions: ok, actions: { status: 'pending', add_tags: ['x'.repeat(51)] } },
          400,
          'VALIDATION_FAILED',
          'actions.add_tags',
        ],
        ['no action', { conditions: ok, actions: {} }, 400, 'VALIDATION_FAILED', 'actions'],
        [
          'a name too long',
          { name: 'x'.repeat(201), conditions: ok, actions: { status: 'pending' } },
          400,
          'VALIDATION_FAILED',
          'name',
        ],
        [
          'an empty comment',
          { conditions: ok, actions: { status: 'pending', comment: { body: '' } } },
          400,
          'VALIDATION_FAILED',
          'actions.comment.body',
        ],
        [
          'unknown assignee',
          { conditions: ok, actions: { status: 'pending', assignee_id: 999_999 } },
          422,
          'UNPROCESSABLE',
          'actions.assignee_id',
        ],
        [
          'a requester as assignee',
          { conditions: ok, actions: { status: 'pending', assignee_id: requester.user.id } },
          422,
          'UNPROCESSABLE',
          'actions.assignee_id',
        ],
        [
          'an inactive assignee',
          { conditions: ok, actions: { status: 'pending', assignee_id: inactiveAgent.user.id } },
          422,
          'UNPROCESSABLE',
          'actions.assignee_id',
        ],
        [
          'unknown category',
          { conditions: { ...ok, category_id: [category.body.id, 999_999] }, actions: { status: 'pending' } },
          422,
          'UNPROCESSABLE',
          'conditions.category_id',
        ],
        ['a looping rule', { conditions: ok, actions: { priority: 'high' } }, 422, 'UNPROCESSABLE', 'actions'],
        [
          'a status back into the conditions',
          { conditions: { status: ['open', 'pending'] }, actions: { status: 'open' } },
          422,
          'UNPROCESSABLE',
          'actions',
        ],
        [
          'an unreachable status',
          { conditions: { status: ['closed'] }, actions: { status: 'pending' } },
          422,
          'UNPROCESSABLE',
          'actions.status',
        ],
        [
          'status escalated',
          { conditions: ok, actions: { status: 'escalated' } },
          422,
          'UNPROCESSABLE',
          'actions.status',
        ],
        [
          'tags added and removed',
          { conditions: ok, actions: { status: 'pending', add_tags: ['a'], remove_tags: ['A'] } },
          422,
          'UNPROCESSABLE',
          'actions.add_tags',
        ],
      ];
      const before = await count('automations');
      for (const [name, body, status, code, field] of cases) {
        const res = await create({ name: 'Bad', ...(body as object) });
        expect({ name, status: res.status }).toEqual({ name, status });
        expectError(res, status, code);
        expect({ name, fields: Object.keys(res.body.error.details) }).toEqual({
          name,
          fields: expect.arrayContaining([expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}(\\.|$)`))]),
        });
      }
      // 10,000 tags: refused by the body bounds (bounded-body-parsers) before the DTO runs, naming the field.
      const huge = await create({
        name: 'Huge',
        conditions: { status: ['open'], tags_none: Array.from({ length: 10_000 }, (_, i) => `t${i}`) },
        actions: { status: 'pending' },
      });
      expectError(huge, 400, 'VALIDATION_FAILED');
      expect(Object.keys(huge.body.error.details)).toEqual(['conditions.tags_none']);
      const looping = await create({ name: 'Loop', conditions: ok, actions: { priority: 'high' } });
      expect(looping.body.error.message).toMatch(/keep matching/);
      expect(await count('automations')).toBe(before);

      // A PATCH that would make a stored rule loop is refused too, and changes nothing.
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [tag('p')] },
        actions: { status: 'pending' },
      });
      const stored = await t.dataSource.query(`SELECT * FROM automations WHERE id = $1`, [rule.id]);
      const res = await t.http.patch(
        `/api/v1/automations/${rule.id}`,
        { conditions: { status: ['open', 'pending'] } },
        { token: admin.token },
      );
      expectError(res, 422, 'UNPROCESSABLE');
      expect(Object.keys(res.body.error.details)).toEqual(['actions']);
      expect(await t.dataSource.query(`SELECT * FROM automations WHERE id = $1`, [rule.id])).toEqual(stored);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('is for admins only', async () => {
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [tag('a')] },
        actions: { status: 'pending' },
      });
      const before = await t.dataSource.query(`SELECT * FROM automations ORDER BY id`);
      for (const who of [agent, requester]) {
        expectError(await t.http.get('/api/v1/automations', { token: who.token }), 403, 'FORBIDDEN');
        expectError(await t.http.get(`/api/v1/automations/${rule.id}`, { token: who.token }), 403, 'FORBIDDEN');
        expectError(
          await create({ name: 'x', conditions: { status: ['open'] }, actions: { status: 'pending' } }, who),
          403,
          'FORBIDDEN',
        );
        expectError(
          await t.http.patch(`/api/v1/automations/${rule.id}`, { active: false }, { token: who.token }),
          403,
          'FORBIDDEN',
        );
        expectError(await t.http.delete(`/api/v1/automations/${rule.id}`, { token: who.token }), 403, 'FORBIDDEN');
      }
      expectError(await t.http.get('/api/v1/automations'), 401, 'UNAUTHENTICATED');
      expect(await t.dataSource.query(`SELECT * FROM automations ORDER BY id`)).toEqual(before);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });
  });

  describe('the worker', () => {
    it("makes the same changes and events as an agent's change, with a null actor and automation_id", async () => {
      const webhook = await makeWebhook(t, {
        url: 'https://93.184.216.34/hook',
        events: ['ticket.status_changed'],
        active: true,
      });
      const marker = tag('same');
      const byAgent = await makeTicket(t, requester, { tags: ['keep', marker] });
      const byRule = await makeTicket(t, requester, { tags: ['keep', marker] });
      // The agent's change, by hand.
      const changed = await agentPatch(
        byAgent.id,
        { status: 'in_progress', priority: 'high', tags: ['keep', 'triaged'], assignee_id: agent.user.id },
        admin,
      );
      expect(changed.version).toBe(byAgent.version + 1);
      // The same change by a rule; only byRule still carries the marker.
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [marker] },
        actions: {
          status: 'in_progress',
          priority: 'high',
          add_tags: ['triaged'],
          remove_tags: [marker],
          assignee_id: agent.user.id,
        },
      });
      expect(await run()).toBeGreaterThanOrEqual(1);

      const after = await t.http.get(`/api/v1/tickets/${byRule.id}`, { token: admin.token });
      expect(after.body).toMatchObject({
        version: byRule.version + 1,
        status: 'in_progress',
        priority: 'high',
        tags: ['keep', 'triaged'],
        assignee: { id: agent.user.id },
      });
      const agentEvents = (await eventsOf(t, byAgent.id)).slice(1); // after ticket.created
      const ruleEvents = (await eventsOf(t, byRule.id)).slice(1);
      expect(agentEvents.map((e) => e.type)).toEqual([
        'ticket.updated',
        'priority.changed',
        'status.changed',
        'assignee.changed',
      ]);
      expect(ruleEvents).toEqual(
        agentEvents.map((e) => ({
          type: e.type,
          actor_id: null,
          data: { ...e.data, automation_id: rule.id },
        })),
      );
      expect(agentEvents.every((e) => e.actor_id === admin.user.id)).toBe(true);
      // Downstream: the webhook's message of the status change, as for an agent's change.
      const messages = await t.dataSource.query(
        `SELECT ticket_id, actor_id, data FROM webhook_messages WHERE event_type = 'ticket.status_changed' AND ticket_id = ANY($1::int[])
          ORDER BY ticket_id`,
        [[byAgent.id, byRule.id]],
      );
      expect(messages).toEqual([
        { ticket_id: byAgent.id, actor_id: admin.user.id, data: { from: 'open', to: 'in_progress' } },
        { ticket_id: byRule.id, actor_id: null, data: { from: 'open', to: 'in_progress', automation_id: rule.id } },
      ]);
      expect(webhook.id).toBeGreaterThan(0);
      await t.dataSource.query(`UPDATE webhooks SET active = false WHERE id = $1`, [webhook.id]);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('waits a fraction of an hour in the status (hours_in_status: 0.5)', async () => {
      const marker = tag('half');
      const [due, early] = [
        await makeTicket(t, requester, { tags: [marker] }),
        await makeTicket(t, requester, { tags: [marker] }),
      ];
      for (const ticket of [due, early]) await agentPatch(ticket.id, { status: 'pending' });
      const rule = await createOk({
        conditions: { status: ['pending'], tags_all: [marker], hours_in_status: 0.5 },
        actions: { status: 'open' },
      });
      await run();
      expect((await ticketRow(t, due.id)).status).toBe('pending');
      await t.dataSource.query(`UPDATE tickets SET status_changed_at = now() - interval '31 minutes' WHERE id = $1`, [
        due.id,
      ]);
      await t.dataSource.query(`UPDATE tickets SET status_changed_at = now() - interval '29 minutes' WHERE id = $1`, [
        early.id,
      ]);
      await run();
      expect((await ticketRow(t, due.id)).status).toBe('open');
      expect((await ticketRow(t, early.id)).status).toBe('pending');
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('applies a rule once per ticket version, and again at a later version that matches', async () => {
      const marker = tag('once');
      const ticket = await makeTicket(t, requester, { tags: [marker] });
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [marker] },
        actions: { status: 'pending' },
      });
      await run();
      await run();
      await run();
      const statusChanges = async () =>
        (await eventsOf(t, ticket.id)).filter((e) => e.type === 'status.changed' && e.data.automation_id === rule.id);
      expect(await statusChanges()).toHaveLength(1);
      expect((await ticketRow(t, ticket.id)).version).toBe(ticket.version + 1);
      const runs = () =>
        t.dataSource.query(`SELECT automation_id, ticket_version FROM automation_runs WHERE ticket_id = $1`, [
          ticket.id,
        ]);
      expect(await runs()).toEqual([{ automation_id: rule.id, ticket_version: ticket.version }]);

      // An agent reopens it: a new version that matches again, so the rule applies again (once).
      await agentPatch(ticket.id, { status: 'open' });
      await run();
      await run();
      expect(await statusChanges()).toHaveLength(2);
      expect((await ticketRow(t, ticket.id)).version).toBe(ticket.version + 3);
      // Only the newest run record of the ticket is kept.
      expect(await runs()).toEqual([{ automation_id: rule.id, ticket_version: ticket.version + 2 }]);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('skips a ticket the rule is refused on (an assignee deactivated since), marks it done, and goes on', async () => {
      const marker = tag('refused');
      const helper = await makeAgent(t);
      const tickets = [
        await makeTicket(t, requester, { tags: [marker] }),
        await makeTicket(t, requester, { tags: [marker] }),
      ];
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [marker] },
        actions: { status: 'in_progress', assignee_id: helper.user.id },
      });
      await deactivateUser(t, helper.user.id);
      await run();
      await run();
      for (const ticket of tickets) {
        const row = await ticketRow(t, ticket.id);
        expect({ status: row.status, version: row.version }).toEqual({ status: 'open', version: ticket.version });
      }
      const runs = await t.dataSource.query(`SELECT count(*)::int AS n FROM automation_runs WHERE automation_id = $1`, [
        rule.id,
      ]);
      expect(runs[0].n).toBe(2);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('never gives a ticket more than 10 tags: a rule that would is refused on it', async () => {
      const marker = tag('full');
      const full = await makeTicket(t, requester, {
        tags: [marker, ...Array.from({ length: 9 }, (_, i) => `${marker}-${i}`)],
      });
      const roomy = await makeTicket(t, requester, { tags: [marker] });
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [marker], tags_none: ['overflow'] },
        actions: { add_tags: ['overflow'] },
      });
      await run();
      expect((await ticketRow(t, full.id)).version).toBe(full.version);
      const tagsOf = async (id: number) =>
        (await t.http.get(`/api/v1/tickets/${id}`, { token: admin.token })).body.tags as string[];
      expect(await tagsOf(full.id)).toHaveLength(10);
      expect(await tagsOf(roomy.id)).toEqual([marker, 'overflow'].sort());
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it('adds a comment authored by the rule’s author, with a null actor on its event', async () => {
      const marker = tag('comment');
      const tickets = [
        await makeTicket(t, requester, { tags: [marker] }),
        await makeTicket(t, requester, { tags: [marker] }),
      ];
      const rule = await createOk({
        conditions: { status: ['open'], tags_all: [marker] },
        actions: { status: 'pending', comment: { body: 'Waiting for your answer.', is_internal: false } },
      });
      await run();
      await run();
      for (const ticket of tickets) {
        const comments = await t.http.get(`/api/v1/tickets/${ticket.id}/comments`, { token: admin.token });
        expect(comments.body.items).toEqual([
          expect.objectContaining({
            body: 'Waiting for your answer.',
            is_internal: false,
            author: expect.objectContaining({ id: admin.user.id }),
          }),
        ]);
        const created = (await eventsOf(t, ticket.id)).filter((e) => e.type === 'comment.created');
        expect(created).toEqual([
          {
            type: 'comment.created',
            actor_id: null,
            data: { comment_id: comments.body.items[0].id, is_internal: false, source: 'api', automation_id: rule.id },
          },
        ]);
        // A public comment mails the requester like an agent's reply does.
        const replies = await t.dataSource.query(`SELECT kind FROM outbox WHERE dedupe_key = $1`, [
          `email:reply:${ticket.id}:${comments.body.items[0].id}`,
        ]);
        expect(replies).toEqual([{ kind: 'mail' }]);
        const row = await ticketRow(t, ticket.id);
        expect({
          status: row.status,
          comment_count: row.comment_count,
          first_responded_at: row.first_responded_at,
        }).toEqual({
          status: 'pending',
          comment_count: 1,
          first_responded_at: null,
        });
      }
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });
    });

    it("leaves an inactive rule alone, and the seeded close rule's query uses tickets_status_changed_idx", async () => {
      const marker = tag('inactive');
      const ticket = await makeTicket(t, requester, { tags: [marker] });
      const rule = await createOk({
        active: false,
        conditions: { status: ['open'], tags_all: [marker] },
        actions: { status: 'pending' },
      });
      await run();
      expect((await ticketRow(t, ticket.id)).version).toBe(ticket.version);
      await t.http.delete(`/api/v1/automations/${rule.id}`, { token: admin.token });

      await t.dataSource.query(
        `INSERT INTO tickets (title, description, status, requester_id, first_response_due_at, resolution_due_at,
                              created_at, updated_at, status_changed_at)
         SELECT 'Bulk ' || g, 'x', (ARRAY['open','in_progress','pending','resolved','closed'])[1 + g % 5]::ticket_status, $1,
                now(), now(), now() - g * interval '1 minute', now() - g * interval '1 minute', now() - g * interval '1 minute'
           FROM generate_series(1, 5000) g`,
        [requester.user.id],
      );
      await t.dataSource.query('ANALYZE tickets');
      const { sql, params } = automationCandidatesSql(
        { statuses: [TicketStatus.RESOLVED], hoursInStatus: 72 },
        null,
        100,
      );
      const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      expect(JSON.stringify(plan)).toContain('"Index Name":"tickets_status_changed_idx"');
      expect(JSON.stringify(plan)).not.toContain('"Node Type":"Seq Scan"');
    });
  });

  it('three workers racing over the same 60 matching tickets change each exactly once', async () => {
    const deployment = {
      databaseUrl: await createTestDatabase(),
      redisKeyPrefix: newRedisKeyPrefix(),
      workers: true,
      env: QUIET,
    };
    const apps: TestApp[] = [];
    try {
      for (let i = 0; i < 3; i++) apps.push(await startTestApp(deployment));
      const [a] = apps;
      const raceAdmin = await makeAdmin(a);
      const raceRequester = await makeUser(a);
      const tickets = [];
      for (let i = 0; i < 60; i++) tickets.push(await makeTicket(a, raceRequester, { tags: ['race'] }));
      const ids = tickets.map((ticket) => ticket.id);
      const res = await a.http.post(
        '/api/v1/automations',
        {
          name: 'Race',
          conditions: { status: ['open'], tags_all: ['race'] },
          actions: { status: 'pending', add_tags: ['raced'], comment: { body: 'Raced.', is_internal: true } },
        },
        { token: raceAdmin.token },
      );
      expect(res.status).toBe(201);
      const rule = res.body.id;

      const counts = await Promise.all(
        apps.flatMap((app) => [app.app.get(AutomationRunner).runAll(), app.app.get(AutomationRunner).runAll()]),
      );
      expect(counts.reduce((sum, n) => sum + n, 0)).toBe(60);
      expect(await Promise.all(apps.map((app) => app.app.get(AutomationRunner).runAll()))).toEqual([0, 0, 0]);

      const rows = await a.dataSource.query(
        `SELECT t.id, t.status::text AS status, t.version, t.comment_count,
                (SELECT count(*)::int FROM automation_runs r WHERE r.ticket_id = t.id AND r.automation_id = $2) AS runs,
                (SELECT array_agg(e.type ORDER BY e.id) FROM ticket_events e WHERE e.ticket_id = t.id AND e.actor_id IS NULL) AS events
           FROM tickets t WHERE t.id = ANY($1::int[]) ORDER BY t.id`,
        [ids, rule],
      );
      expect(rows).toEqual(
        tickets.map((ticket) => ({
          id: ticket.id,
          status: 'pending',
          version: ticket.version + 1,
          comment_count: 1,
          runs: 1,
          events: ['ticket.updated', 'status.changed', 'comment.created'],
        })),
      );
      const comments = await a.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT ticket_id)::int AS tickets, min(author_id) AS author
           FROM comments WHERE ticket_id = ANY($1::int[])`,
        [ids],
      );
      expect(comments).toEqual([{ n: 60, tickets: 60, author: raceAdmin.user.id }]);
    } finally {
      // Passport's registry: the app booted last closes last.
      for (const app of apps) await app.close();
    }
  });
});
