// Over 100k seeded tickets, every list and search query the API builds must use an index:
// a sequential scan of tickets fails the test. The plans come from the real query builders.
import { AuthUser } from '../../src/common/auth-user';
import { CappedCountOf, CappedCounts } from '../../src/database/capped-counts';
import { ListTicketsQueryDto } from '../../src/tickets/dto/ticket.dtos';
import { TicketListService } from '../../src/tickets/read/ticket-list.service';
import { UserRole } from '../../src/common/user-role';
import { startTestApp, TestApp } from '../support/test-app';

const TICKETS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('ticket queries use indexes at scale', () => {
  let t: TestApp;
  let service: TicketListService;
  let requesterId: number;
  let agentId: number;

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(TicketListService);
    const users: Array<{ id: number }> = await t.dataSource.query(`
      INSERT INTO users (email, name, role, password_hash)
      SELECT 'seed' || g || '@example.test', 'Seed ' || g, CASE WHEN g <= 50 THEN 'agent' ELSE 'user' END::user_role, 'x'
        FROM generate_series(1, 550) g
      RETURNING id`);
    agentId = users[0].id;
    requesterId = users[100].id;
    const firstUser = users[0].id;
    await t.dataSource.query(`INSERT INTO categories (name) SELECT 'Category ' || g FROM generate_series(1, 20) g`);
    await t.dataSource.query(`INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 200) g`);
    const words = `('{printer,network,billing,login,email,invoice,vpn,laptop,password,refund,keyboard,monitor}'::text[])`;
    await t.dataSource.query(
      `INSERT INTO tickets (title, description, status, priority, requester_id, assignee_id, category_id,
                            first_response_due_at, resolution_due_at, created_at, updated_at)
       SELECT ${words}[1 + g % 12] || ' issue ' || g,
              'The ' || ${words}[1 + (g * 7) % 12] || ' stopped working ' || md5(g::text),
              (ARRAY['open','in_progress','pending','escalated','resolved','closed'])[1 + g % 6]::ticket_status,
              (ARRAY['low','medium','high','urgent'])[1 + g % 4]::ticket_priority,
              $1 + 50 + g % 500,
              CASE WHEN g % 3 = 0 THEN $1 + g % 50 END,
              (SELECT min(id) FROM categories) + g % 20,
              now() - (g || ' minutes')::interval + interval '8 hours',
              now() - (g || ' minutes')::interval + interval '2 days',
              now() - (g || ' minutes')::interval,
              now() - (g || ' minutes')::interval
         FROM generate_series(1, ${TICKETS}) g`,
      [firstUser],
    );
    await t.dataSource.query(
      `INSERT INTO ticket_tags (ticket_id, tag_id)
       SELECT t.id, (SELECT min(id) FROM tags) + t.id % 200 FROM tickets t`,
    );
    await t.dataSource.query('ANALYZE');
  }, 180_000);
  afterAll(() => t.close());

  const agent = (): AuthUser => ({ id: agentId, role: UserRole.AGENT, email: 'a@x', name: 'a' });
  const requester = (): AuthUser => ({ id: requesterId, role: UserRole.USER, email: 'u@x', name: 'u' });

  async function planOf(sql: string, params: unknown[]): Promise<PlanNode> {
    const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return plan[0].Plan as PlanNode;
  }

  it('detects a sequential scan when there is one (the check itself works)', async () => {
    const plan = nodes(
      await planOf(`SELECT id FROM tickets WHERE length(description) > 5 ORDER BY description LIMIT 20`, []),
    );
    expect(plan.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets')).toBe(true);
  });

  it('keeps the pending list of the search indexes short (every search reads it in full)', async () => {
    const rows: Array<{ relname: string; reloptions: string[] | null }> = await t.dataSource.query(
      `SELECT relname, reloptions FROM pg_class
        WHERE relname IN ('ticket_search_document_idx', 'ticket_search_internal_idx') ORDER BY relname`,
    );
    expect(rows).toEqual([
      { relname: 'ticket_search_document_idx', reloptions: ['gin_pending_list_limit=256'] },
      { relname: 'ticket_search_internal_idx', reloptions: ['gin_pending_list_limit=256'] },
    ]);
  });

  const cases: Array<[string, () => AuthUser, Partial<ListTicketsQueryDto>]> = [
    ['default list (agent)', agent, {}],
    ['own tickets (user)', requester, {}],
    ['status + priority', agent, { status: ['open'] as any, priority: ['high'] as any }],
    ['status list', agent, { status: ['open', 'in_progress'] as any }],
    ['assignee me', agent, { assignee_id: 'me' }],
    ['assignee none', agent, { assignee_id: 'none' }],
    ['requester', agent, { requester_id: 0 }],
    ['category', agent, { category_id: 0 }],
    ['tag', agent, { tag: 'tag7' }],
    ['is_breached true', agent, { is_breached: true }],
    ['is_breached false', agent, { is_breached: false }],
    ['created range', agent, { created_after: new Date(Date.now() - 86_400_000), created_before: new Date() }],
    ['search common word', agent, { q: 'printer' }],
    ['search rare word', agent, { q: md5ish() }],
    ['search as user', requester, { q: 'printer' }],
    ['sort created_at', agent, { sort: 'created_at' }],
    ['sort -updated_at', agent, { sort: '-updated_at' }],
    ['sort priority', agent, { sort: 'priority' }],
    ['sort -priority', agent, { sort: '-priority' }],
    ['sort resolution_due_at', agent, { sort: 'resolution_due_at' }],
    ['deep page', agent, { offset: 10_000 }],
  ];

  it.each(cases)(
    '%s: no sequential scan of tickets in the page query, and a bounded count',
    async (_name, who, overrides) => {
      const query = Object.assign(new ListTicketsQueryDto(), { limit: 20, offset: 0 }, overrides);
      if (query.requester_id === 0) query.requester_id = requesterId;
      if (query.category_id === 0) {
        const [{ id }] = await t.dataSource.query('SELECT min(id) AS id FROM categories');
        query.category_id = id;
      }
      const filtered = service.filtered(who(), query);
      const page = nodes(await planOf(...service.page(filtered, query).getQueryAndParameters()));
      expect(page.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets')).toEqual([]);
      if (query.q) {
        // A search's page under the cap: its matches from the full-text indexes, never a scan.
        const search = nodes(await planOf(...service.searchPage(who(), filtered, query).getQueryAndParameters()));
        const scanned = search.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
        expect(scanned.filter((name) => name === 'tickets' || name === 'ticket_search')).toEqual([]);
        expect(search.map((n) => n['Index Name'])).toContain('ticket_search_document_idx');
      }
      // The count stops at 10,001 rows whatever plan it uses.
      const count = nodes(await planOf(...new CappedCountOf(filtered, new CappedCounts()).statement()));
      expect(count.some((n) => n['Node Type'] === 'Limit')).toBe(true);
    },
  );
});

function md5ish(): string {
  return 'zqxjk';
}
