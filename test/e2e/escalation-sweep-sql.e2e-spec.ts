// The sweep's SQL against real Postgres: it finds exactly the tickets that are breached (as sla.ts's
// `breaches()` defines it) and may still escalate, pages through ties without losing or repeating
// one, and reads them from the partial indexes, not by scanning tickets.
import { breachedPageSql, escalateSql } from '../../src/tickets/ticket-escalation-sql';
import { BREACH_KINDS, breaches, BreachKind } from '../../src/sla/sla';
import { TicketRepository } from '../../src/tickets/ticket.repository';
import { insertUser } from '../support/escalation';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

interface Case {
  dueAt: Date;
  pausedAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  deletedAt: Date | null;
  firstResponseEscalatedAt: Date | null;
  resolutionEscalatedAt: Date | null;
}

/** Every combination of the columns the sweep looks at (paused times never in the future). */
function cases(now: number): Case[] {
  const at = (minutes: number) => new Date(now + minutes * MINUTE);
  const out: Case[] = [];
  for (const due of [-60, 60])
    for (const paused of [null, due - 10, due + 10].filter((p) => p === null || p <= 0))
      for (const responded of [null, -1])
        for (const resolved of [null, -1])
          for (const deleted of [null, -1])
            for (const frEscalated of [null, -1])
              for (const resEscalated of [null, -1]) {
                const maybe = (minutes: number | null) => (minutes === null ? null : at(minutes));
                out.push({
                  dueAt: at(due),
                  pausedAt: maybe(paused),
                  firstRespondedAt: maybe(responded),
                  resolvedAt: maybe(resolved),
                  deletedAt: maybe(deleted),
                  firstResponseEscalatedAt: maybe(frEscalated),
                  resolutionEscalatedAt: maybe(resEscalated),
                });
              }
  return out;
}

/** What the sweep must find: breached for `kind`, and still something to act on. */
function shouldEscalate(c: Case, kind: BreachKind, now: Date): boolean {
  const open = c.deletedAt === null && c.resolvedAt === null;
  const notYet = kind === 'first_response' ? c.firstResponseEscalatedAt === null : c.resolutionEscalatedAt === null;
  const unanswered = kind === 'resolution' || c.firstRespondedAt === null;
  const state = { ...c, firstResponseDueAt: c.dueAt, resolutionDueAt: c.dueAt };
  return open && notYet && unanswered && breaches(state, now).includes(kind);
}

describe('the sweep query', () => {
  let t: TestApp;
  let requester: number;

  beforeAll(async () => {
    t = await startTestApp();
    requester = await insertUser(t.dataSource, 'user', 'requester@example.test');
  });
  afterEach(() => t.dataSource.query(`DELETE FROM tickets`));
  afterAll(() => t.close());

  async function insert(c: Case): Promise<number> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, paused_at,
                            first_responded_at, resolved_at, deleted_at, first_response_escalated_at,
                            resolution_escalated_at, status)
       VALUES ('Case', 'Case', $1, $2, $2, $3, $4, $5, $6, $7, $8,
               CASE WHEN $5::timestamptz IS NOT NULL THEN 'resolved' WHEN $3::timestamptz IS NOT NULL THEN 'pending' ELSE 'open' END::ticket_status)
       RETURNING id`,
      [
        requester,
        c.dueAt,
        c.pausedAt,
        c.firstRespondedAt,
        c.resolvedAt,
        c.deletedAt,
        c.firstResponseEscalatedAt,
        c.resolutionEscalatedAt,
      ],
    );
    return id;
  }

  async function sweepIds(kind: BreachKind, pageSize?: number): Promise<number[]> {
    const ids: number[] = [];
    for await (const page of t.app.get(TicketRepository).breachedPages(kind, pageSize)) ids.push(...page);
    return ids;
  }

  it('finds exactly the tickets breached for a kind that may still escalate for it', async () => {
    const now = new Date();
    const all = cases(now.getTime());
    const ids = await Promise.all(all.map((c) => insert(c)));
    for (const kind of BREACH_KINDS) {
      const expected = ids.filter((_, i) => shouldEscalate(all[i], kind, now)).sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(0);
      expect((await sweepIds(kind)).sort((a, b) => a - b)).toEqual(expected);
      // The escalate UPDATE's own condition agrees (tried on every case, rolled back).
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        const updated: number[] = [];
        for (const id of ids) {
          const [rows] = await runner.query(escalateSql(kind), [id, null, null, null]);
          if (rows.length) updated.push(id);
        }
        expect(updated.sort((a, b) => a - b)).toEqual(expected);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });

  it('pages through tickets with equal and microsecond-apart due times without losing or repeating one', async () => {
    await t.dataSource.query(
      `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at)
       SELECT 'Tie ' || g, 'Tie', $1,
              date_trunc('second', now()) - interval '1 hour' + (g % 4) * interval '1 microsecond',
              now() + interval '1 day'
         FROM generate_series(1, 1234) g`,
      [requester],
    );
    for (const pageSize of [1, 7, 500]) {
      const ids = await sweepIds('first_response', pageSize);
      expect(ids).toHaveLength(1234);
      expect(new Set(ids).size).toBe(1234);
    }
  });

  it('reads the partial indexes, never scanning tickets, over 50,000 tickets', async () => {
    // Most tickets are resolved or not due yet; a few hundred are breached.
    await t.dataSource.query(
      `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at,
                            resolved_at, status, first_responded_at)
       SELECT 'Seed ' || g, 'Seed', $1,
              now() + (g % 1000 - 5) * interval '1 hour', now() + (g % 1000 - 3) * interval '1 hour',
              CASE WHEN g % 2 = 0 THEN now() END,
              CASE WHEN g % 2 = 0 THEN 'resolved' ELSE 'open' END::ticket_status,
              CASE WHEN g % 3 = 0 THEN now() END
         FROM generate_series(1, 50000) g`,
      [requester],
    );
    await t.dataSource.query('ANALYZE tickets');
    for (const kind of BREACH_KINDS) {
      const [{ 'QUERY PLAN': plan }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${breachedPageSql(kind)}`, [
        '-infinity',
        0,
        500,
      ]);
      const all = nodes(plan[0].Plan as PlanNode);
      expect(all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets')).toBe(false);
      expect(all.map((n) => n['Index Name'])).toContain(
        kind === 'first_response' ? 'tickets_first_response_breach_idx' : 'tickets_resolution_breach_idx',
      );
      const [{ 'QUERY PLAN': update }] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${escalateSql(kind)}`, [
        1,
        null,
        null,
        null,
      ]);
      expect(nodes(update[0].Plan as PlanNode).some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
    }
  });
});
