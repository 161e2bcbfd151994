// Over 100k seeded tickets spread across a year, the range reports must read tickets through
// indexes: a sequential scan of tickets fails the test. (`/reports/stats` is all-time: one pass by
// design.) The plans come from the SQL the service runs.
import { SUMMARY_SQL, TIMESERIES_SQL } from '../../src/reports/report-queries';
import { startTestApp, TestApp } from '../support/test-app';

const TICKETS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('report queries use indexes at scale', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const [{ id: requesterId }] = await t.dataSource.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('seed@example.test', 'Seed', 'user', 'x') RETURNING id`,
    );
    // A year of tickets; most answered and resolved within their targets, some not, a few escalated.
    await t.dataSource.query(
      `INSERT INTO tickets (title, description, status, requester_id, first_response_due_at, resolution_due_at,
                            first_responded_at, resolved_at, escalated_at, escalation_level, created_at, updated_at)
       SELECT 'Seeded ' || g, 'Seeded by the report plan test', CASE WHEN g % 10 < 8 THEN 'resolved' ELSE 'open' END::ticket_status,
              $1, c + interval '8 hours', c + interval '2 days',
              CASE WHEN g % 10 < 8 THEN c + (g % 12) * interval '1 hour' END,
              CASE WHEN g % 10 < 8 THEN c + (g % 72) * interval '1 hour' END,
              CASE WHEN g % 50 = 0 THEN c + interval '9 hours' END, CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END,
              c, c
         FROM (SELECT g, now() - g * interval '315 seconds' AS c FROM generate_series(1, $2::int) g) s`,
      [requesterId, TICKETS],
    );
    await t.dataSource.query('VACUUM ANALYZE tickets');
  }, 180_000);
  afterAll(() => t.close());

  async function planOf(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(plan[0].Plan as PlanNode);
  }

  it.each([
    ['summary', 7, SUMMARY_SQL],
    ['summary', 30, SUMMARY_SQL],
    ['timeseries', 7, TIMESERIES_SQL],
    ['timeseries', 30, TIMESERIES_SQL],
    ['timeseries', 365, TIMESERIES_SQL],
  ])('%s over %i days: no sequential scan of tickets', async (report, days, sql) => {
    const plan = await planOf(sql, [days]);
    expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets')).toEqual([]);
    const indexes = new Set(plan.map((n) => n['Index Name']).filter(Boolean));
    const expected = [
      'tickets_created_idx',
      'tickets_resolved_idx',
      'tickets_first_response_due_idx',
      'tickets_resolution_due_idx',
    ];
    if (report === 'summary') expected.push('tickets_escalated_idx');
    for (const index of expected) expect(indexes).toContain(index);
  });

  it('detects a sequential scan when there is one (the check itself works)', async () => {
    const plan = await planOf(`SELECT count(*) FROM tickets WHERE length(description) > 5`, []);
    expect(plan.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets')).toBe(true);
  });
});
