// What the hot read paths keep between requests, on the real database: named prepared statements
// for marked queries (per connection, bounded), and list counts past the cap (never those under it).
import { markPrepared, MAX_PREPARED_PER_CONNECTION, statementName } from '../../src/database/prepared-statements';
import { softDeleteOldestTickets } from '../factories/tickets';
import { makeAgent, makeUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('read-path caching', () => {
  let t: TestApp;
  let agent: TestUser;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [agent, alice] = await Promise.all([makeAgent(t), makeUser(t)]);
  });
  afterAll(() => t.close());

  describe('prepared statements', () => {
    const preparedOn = async (runner: ReturnType<TestApp['dataSource']['createQueryRunner']>) =>
      ((await runner.query(`SELECT name FROM pg_prepared_statements`)) as Array<{ name: string }>).map((r) => r.name);

    it('sends a marked query as a named statement, once per connection; unmarked ones stay unnamed', async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        const marked = markPrepared('SELECT $1::int + 1 AS n');
        expect(await runner.query(marked, [1])).toEqual([{ n: 2 }]);
        expect(await runner.query(marked, [41])).toEqual([{ n: 42 }]);
        await runner.query('SELECT $1::int + 2 AS n', [1]);
        const names = await preparedOn(runner);
        expect(names).toContain(statementName(marked));
        expect(names).toHaveLength(1);
      } finally {
        await runner.release();
      }
    });

    it(`stops preparing at ${MAX_PREPARED_PER_CONNECTION} statements per connection and still answers`, async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        for (let i = 0; i <= MAX_PREPARED_PER_CONNECTION + 5; i++) {
          expect(await runner.query(markPrepared(`SELECT $1::int + ${i} AS n`), [1])).toEqual([{ n: 1 + i }]);
        }
        expect((await preparedOn(runner)).length).toBeLessThanOrEqual(MAX_PREPARED_PER_CONNECTION);
      } finally {
        await runner.release();
      }
    });

    it('GET /tickets/:id and filtered lists are prepared, a search is not', async () => {
      const created = await t.http.post(
        '/api/v1/tickets',
        { title: 'Printer on fire', description: 'Smoke' },
        {
          token: alice.token,
        },
      );
      expect(created.status).toBe(201);
      // pg-pool hands out the most recently released connection, so requests in sequence run on the
      // same one or two connections, and the query below lands on one of them.
      for (let i = 0; i < 30; i++) {
        expect((await t.http.get(`/api/v1/tickets/${created.body.id}`, { token: agent.token })).status).toBe(200);
        expect((await t.http.get(`/api/v1/tickets?status=open`, { token: agent.token })).status).toBe(200);
        expect((await t.http.get(`/api/v1/tickets?q=printer`, { token: agent.token })).status).toBe(200);
      }
      const statements: Array<{ statement: string }> = await t.dataSource.query(
        `SELECT statement FROM pg_prepared_statements`,
      );
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.every((s) => s.statement.startsWith('/* prepared */'))).toBe(true);
      expect(statements.some((s) => s.statement.includes('websearch_to_tsquery'))).toBe(false);
    });
  });

  describe('capped counts', () => {
    const total = async (query: string) => {
      const res = await t.http.get(`/api/v1/tickets?${query}`, { token: agent.token });
      expect(res.status).toBe(200);
      return { total: res.body.total as number, capped: res.body.total_capped as boolean };
    };

    beforeAll(async () => {
      // 10,050 pending tickets of alice's (past the cap of 10,000) and 5 closed ones.
      await t.dataSource.query(
        `INSERT INTO tickets (title, description, status, priority, requester_id, first_response_due_at,
                              resolution_due_at, created_at, updated_at)
         SELECT 'Bulk ' || g, 'Seeded', CASE WHEN g <= 5 THEN 'closed' ELSE 'pending' END::ticket_status, 'low',
                $1, now() + interval '1 day', now() + interval '2 days', now(), now()
           FROM generate_series(1, 10055) g`,
        [alice.user.id],
      );
    }, 60_000);

    it('cuts a search page from its matches under the cap, and walks in order past it', async () => {
      const ids = async (query: string) => {
        const res = await t.http.get(`/api/v1/tickets?${query}`, { token: agent.token });
        expect(res.status).toBe(200);
        return {
          ids: (res.body.items as Array<{ id: number }>).map((item) => item.id),
          total: res.body.total as number,
          capped: res.body.total_capped as boolean,
        };
      };
      const mine = `requester_id=${alice.user.id}`;
      // Past the cap: the page is the walk in sort order, the same page the list without q shows.
      const common = await ids(`q=seeded&${mine}&limit=3&offset=2`);
      expect(common).toEqual({ ...(await ids(`${mine}&limit=3&offset=2`)), total: 10_000, capped: true });
      // Under it: cut from the matches, in each order, and counted exactly.
      for (const sort of ['created_at', '-created_at', 'updated_at', '-priority', 'resolution_due_at']) {
        const few = await ids(`q=seeded&status=closed&${mine}&sort=${sort}&limit=2&offset=1`);
        expect(few).toEqual(await ids(`status=closed&${mine}&sort=${sort}&limit=2&offset=1`));
        expect(few).toMatchObject({ total: 5, capped: false });
        expect(few.ids).toHaveLength(2);
      }
      expect(await ids(`q=seeded&status=closed&${mine}&offset=5`)).toMatchObject({ ids: [], total: 5 });
    });

    it('reuses a count past the cap for a while, but never one under it', async () => {
      expect(await total('status=pending&priority=low')).toEqual({ total: 10_000, capped: true });
      expect(await total('status=closed&priority=low')).toEqual({ total: 5, capped: false });
      await softDeleteOldestTickets(t, { requesterId: alice.user.id, statuses: ['pending', 'closed'], count: 5000 });
      // 5,055 pending left and none closed: the capped count is remembered, the small one recounted.
      expect(await total('status=pending&priority=low')).toEqual({ total: 10_000, capped: true });
      expect(await total('status=closed&priority=low')).toEqual({ total: 0, capped: false });
      // A different filter is a different count: counted, exact.
      expect(await total('status=pending&priority=low&requester_id=' + alice.user.id)).toEqual({
        total: 5_055,
        capped: false,
      });
    });
  });
});
