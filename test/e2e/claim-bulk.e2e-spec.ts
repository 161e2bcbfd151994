// The agents' work queue: concurrent claims never share a ticket, and bulk updates are all or nothing.
import { expectError } from '../support/assertions';
import {
  forceStatus,
  forceStatusOfAllTickets,
  makeTicket,
  softDeleteTickets,
  unassignAllTickets,
} from '../factories/tickets';
import { makeAdmin, makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/** Inserts `count` unassigned open tickets with increasing created_at, straight into the database. */
async function seedUnassigned(t: TestApp, requesterId: number, count: number): Promise<number[]> {
  const rows: Array<{ id: number }> = await t.dataSource.query(
    `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, created_at, updated_at)
     SELECT 'Queued ' || g, 'waiting', $1, now() + interval '1 day', now() + interval '2 days',
            now() - interval '1 hour' + g * interval '1 microsecond', now()
       FROM generate_series(1, $2) g
     RETURNING id`,
    [requesterId, count],
  );
  return rows.map((row) => row.id);
}

describe('claim and bulk', () => {
  let t: TestApp;
  let admin: TestUser;
  let requester: TestUser;
  let agents: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    [admin, requester, ...agents] = await Promise.all([
      makeAdmin(t),
      makeUser(t),
      ...Array.from({ length: 10 }, () => makeAgent(t)),
    ]);
  });
  afterAll(() => t.close());

  const claim = (who: TestUser, body: object = {}) => t.http.post('/api/v1/tickets/claim', body, { token: who.token });

  describe('claim', () => {
    it('gives each of 300 tickets to exactly one of 50 concurrent claims from 10 agents, oldest first', async () => {
      await unassignAllTickets(t);
      await forceStatusOfAllTickets(t, 'closed'); // only the seeded ones are claimable
      const seeded = await seedUnassigned(t, requester.user.id, 300);
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(agents[i % 10])));
      expect(responses.every((r) => r.status === 200)).toBe(true);

      const claimedIds = responses.flatMap((r) => r.body.items.map((item: any) => item.id));
      expect(claimedIds).toHaveLength(300);
      expect(new Set(claimedIds).size).toBe(300);
      expect([...claimedIds].sort((a, b) => a - b)).toEqual(seeded);

      responses.forEach((r, i) => {
        const items = r.body.items;
        expect(items.every((item: any) => item.assignee.id === agents[i % 10].user.id)).toBe(true);
        const created = items.map((item: any) => Date.parse(item.created_at));
        expect(created).toEqual([...created].sort((a, b) => a - b));
      });

      const rows: Array<{ id: number; assignee_id: number; version: number; events: number }> =
        await t.dataSource.query(
          `SELECT t.id, t.assignee_id, t.version,
                (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'assignee.changed') AS events
           FROM tickets t WHERE t.id = ANY($1)`,
          [seeded],
        );
      const owner = new Map(
        responses.flatMap((r, i) => r.body.items.map((item: any) => [item.id, agents[i % 10].user.id])),
      );
      for (const row of rows) {
        expect({ assignee: row.assignee_id, version: row.version, events: row.events }).toEqual({
          assignee: owner.get(row.id),
          version: 2,
          events: 1,
        });
      }
      // Nothing left: the next claim comes back empty.
      expect((await claim(agents[0])).body.items).toEqual([]);
    });

    it('never double-assigns while new tickets keep arriving', async () => {
      await unassignAllTickets(t);
      await forceStatusOfAllTickets(t, 'closed');
      const seeded = await seedUnassigned(t, requester.user.id, 60);
      const arrivals = (async () => {
        for (let i = 0; i < 20; i++) seeded.push(...(await seedUnassigned(t, requester.user.id, 5)));
      })();
      const claims = Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const results = [];
          for (let round = 0; round < 2; round++) results.push(await claim(agents[i % 10], { limit: 5 }));
          return results;
        }),
      );
      const [, rounds] = await Promise.all([arrivals, claims]);
      const ids = rounds.flat().flatMap((r) => r.body.items.map((item: any) => item.id));
      expect(new Set(ids).size).toBe(ids.length);
      const events: Array<{ ticket_id: number; actor_id: number }> = await t.dataSource.query(
        `SELECT ticket_id, actor_id FROM ticket_events WHERE type = 'assignee.changed' AND ticket_id = ANY($1)`,
        [seeded],
      );
      expect(events).toHaveLength(ids.length);
      expect(new Set(events.map((e) => e.ticket_id)).size).toBe(events.length);
      // Drain what is left: every ticket ends with exactly one owner and one assignment event.
      while ((await claim(agents[0])).body.items.length) {
        /* keep claiming */
      }
      const [{ unowned, extra }] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE assignee_id IS NULL)::int AS unowned,
                (SELECT count(*)::int FROM ticket_events WHERE type = 'assignee.changed' AND ticket_id = ANY($1)) - count(*)::int AS extra
           FROM tickets WHERE id = ANY($1)`,
        [seeded],
      );
      expect({ unowned, extra }).toEqual({ unowned: 0, extra: 0 });
    });

    it('claims 15 by default and honours limit', async () => {
      await unassignAllTickets(t);
      await forceStatusOfAllTickets(t, 'open');
      expect((await claim(agents[1])).body.items).toHaveLength(15);
      expect((await claim(agents[2], { limit: 3 })).body.items).toHaveLength(3);
    });

    it('skips tickets that are not open or escalated, and deleted ones', async () => {
      await forceStatusOfAllTickets(t, 'closed');
      await unassignAllTickets(t);
      const [pending, escalated, deleted] = await seedUnassigned(t, requester.user.id, 3);
      await forceStatus(t, pending, 'pending');
      await forceStatus(t, escalated, 'escalated');
      await forceStatus(t, deleted, 'open');
      await softDeleteTickets(t, deleted);
      const res = await claim(agents[3]);
      expect(res.body.items.map((item: any) => item.id)).toEqual([escalated]);
    });

    it('refuses requesters with 403 and bad limits with 400', async () => {
      expectError(await claim(requester), 403, 'FORBIDDEN');
      for (const limit of [0, 16, 'five', 1.5]) {
        expectError(await claim(agents[0], { limit }), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('bulk', () => {
    const bulk = (who: TestUser, body: object) => t.http.post('/api/v1/tickets/bulk', body, { token: who.token });
    const statuses = async (ids: number[]) =>
      (await t.dataSource.query(`SELECT status, version FROM tickets WHERE id = ANY($1) ORDER BY id`, [ids])) as Array<{
        status: string;
        version: number;
      }>;

    async function assignedTo(agent: TestUser, count: number): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const ticket = await makeTicket(t, requester);
        await t.http.post(
          `/api/v1/tickets/${ticket.id}/assign`,
          { assignee_id: agent.user.id },
          { token: agent.token },
        );
        ids.push(ticket.id);
      }
      return ids;
    }

    it('changes every listed ticket with an event each', async () => {
      const ids = await assignedTo(agents[4], 3);
      const res = await bulk(agents[4], { ids, status: 'in_progress' });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => [i.id, i.status])).toEqual(ids.map((id) => [id, 'in_progress']));
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ticket_events WHERE type = 'status.changed' AND ticket_id = ANY($1)`,
        [ids],
      );
      expect(n).toBe(3);
    });

    it('changes nothing when one ticket is not assigned to the agent, and lists it', async () => {
      const mine = await assignedTo(agents[5], 2);
      const [foreign] = await assignedTo(agents[6], 1);
      const before = await statuses([...mine, foreign]);
      const res = await bulk(agents[5], { ids: [...mine, foreign], status: 'resolved' });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(res.body.error.details.offenders).toEqual([{ id: foreign, reason: 'not_assigned_to_you' }]);
      expect(await statuses([...mine, foreign])).toEqual(before);
    });

    it('changes nothing when one transition is invalid', async () => {
      const ids = await assignedTo(agents[7], 3);
      await forceStatus(t, ids[1], 'closed');
      const res = await bulk(agents[7], { ids, status: 'resolved' });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(res.body.error.details.offenders).toEqual([{ id: ids[1], reason: 'invalid_transition', from: 'closed' }]);
      expect((await statuses(ids)).map((row) => row.status)).toEqual(['open', 'closed', 'open']);
    });

    it('lets an admin update 100 tickets at once', async () => {
      const ids = await seedUnassigned(t, requester.user.id, 100);
      await forceStatus(t, ids, 'open');
      const res = await bulk(admin, { ids, status: 'pending' });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(100);
      expect((await statuses(ids)).every((row) => row.status === 'pending' && row.version === 2)).toBe(true);
    });

    it('reports unknown ids and refuses requesters and bad bodies', async () => {
      const [id] = await assignedTo(agents[8], 1);
      const res = await bulk(agents[8], { ids: [id, 99999999], status: 'pending' });
      expectError(res, 422, 'UNPROCESSABLE');
      expect(res.body.error.details.offenders).toEqual([{ id: 99999999, reason: 'not_found' }]);
      expectError(await bulk(requester, { ids: [id], status: 'closed' }), 403, 'FORBIDDEN');
      expectError(await bulk(admin, { ids: [], status: 'closed' }), 400, 'VALIDATION_FAILED');
      expectError(
        await bulk(admin, { ids: Array.from({ length: 101 }, (_, i) => i + 1), status: 'closed' }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await bulk(admin, { ids: [id], status: 'escalated' }), 422, 'UNPROCESSABLE');
      expectError(await bulk(admin, { ids: ['1'], status: 'closed' }), 400, 'VALIDATION_FAILED');
    });
  });
});
