// The SLA's SQL twins (src/sla/sla-sql.ts) mean what its TypeScript rules (src/sla/sla.ts) mean:
// both are evaluated over the same generated tickets, in real Postgres, at the same instant.
import fc from 'fast-check';
import { Client } from 'pg';
import { BREACH_KINDS, breaches, SlaState } from '../../src/sla/sla';
import { IS_BREACHED_SQL, MISSED_TARGET_SQL } from '../../src/sla/sla-sql';
import { PG_ADMIN_URL } from '../support/test-env';

const MINUTE = 60_000;

describe('SLA SQL twins against sla.ts', () => {
  let pg: Client;

  beforeAll(async () => {
    pg = new Client({ connectionString: PG_ADMIN_URL });
    await pg.connect();
  });
  afterAll(() => pg.end());

  /** Each state's [is_breached, first_response missed, resolution missed] by SQL, and the `now()` used. */
  async function evaluate(states: SlaState[]): Promise<{ now: Date; rows: boolean[][] }> {
    await pg.query('BEGIN');
    try {
      // now() is the transaction's start: the same instant for every row and for the TypeScript side.
      const [{ now }] = (await pg.query<{ now: Date }>('SELECT now() AS now')).rows;
      const { rows } = await pg.query<{ breached: boolean; first: boolean; resolution: boolean }>(
        `SELECT ${IS_BREACHED_SQL('t')} AS breached,
                ${MISSED_TARGET_SQL('t', 'first_response')} AS first,
                ${MISSED_TARGET_SQL('t', 'resolution')} AS resolution
           FROM jsonb_to_recordset($1::jsonb) AS t(
                  first_response_due_at timestamptz, resolution_due_at timestamptz,
                  first_responded_at timestamptz, resolved_at timestamptz, paused_at timestamptz, n int)
          ORDER BY t.n`,
        [
          JSON.stringify(
            states.map((s, n) => ({
              n,
              first_response_due_at: s.firstResponseDueAt,
              resolution_due_at: s.resolutionDueAt,
              first_responded_at: s.firstRespondedAt,
              resolved_at: s.resolvedAt,
              paused_at: s.pausedAt,
            })),
          ),
        ],
      );
      return { now, rows: rows.map((r) => [r.breached, r.first, r.resolution]) };
    } finally {
      await pg.query('ROLLBACK');
    }
  }

  it('IS_BREACHED_SQL and MISSED_TARGET_SQL agree with breaches() on every generated ticket', async () => {
    // Times within ±3 days of now, on whole milliseconds (what both sides can represent), and
    // ties with `now` and with each other included on purpose (the rules are strict `>`).
    const base = Date.now();
    const instant = fc.oneof(
      fc.integer({ min: -3 * 1440, max: 3 * 1440 }).map((m) => m * MINUTE),
      fc.integer({ min: -259_200_000, max: 259_200_000 }),
    );
    const state = fc.record({
      firstResponseDueAt: instant,
      resolutionDueAt: instant,
      firstRespondedAt: fc.option(instant),
      resolvedAt: fc.option(instant),
      pausedAt: fc.option(instant),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(state, { minLength: 1, maxLength: 50 }), async (generated) => {
        const states: SlaState[] = generated.map((g) => {
          const at = (offset: number | null) => (offset === null ? null : new Date(base + offset));
          return {
            firstResponseDueAt: at(g.firstResponseDueAt)!,
            resolutionDueAt: at(g.resolutionDueAt)!,
            firstRespondedAt: at(g.firstRespondedAt),
            resolvedAt: at(g.resolvedAt),
            pausedAt: at(g.pausedAt),
          };
        });
        const { now, rows } = await evaluate(states);
        states.forEach((state, i) => {
          const kinds = breaches(state, now);
          expect([kinds.length > 0, kinds.includes('first_response'), kinds.includes('resolution')]).toEqual(rows[i]);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('agrees on ties: answered or paused exactly at the due time is no breach', async () => {
    const [{ now }] = (await pg.query<{ now: Date }>('SELECT now() AS now')).rows;
    const at = (ms: number) => new Date(now.getTime() + ms);
    // `now()` differs per statement outside a transaction: use times far from it, and ties among columns.
    const states: SlaState[] = [
      {
        firstResponseDueAt: at(-MINUTE),
        resolutionDueAt: at(MINUTE),
        firstRespondedAt: at(-MINUTE),
        resolvedAt: null,
        pausedAt: null,
      },
      {
        firstResponseDueAt: at(-MINUTE),
        resolutionDueAt: at(-MINUTE),
        firstRespondedAt: null,
        resolvedAt: null,
        pausedAt: at(-MINUTE),
      },
      {
        firstResponseDueAt: at(-2 * MINUTE),
        resolutionDueAt: at(-2 * MINUTE),
        firstRespondedAt: null,
        resolvedAt: at(-MINUTE),
        pausedAt: null,
      },
    ];
    const { now: sqlNow, rows } = await evaluate(states);
    const expected = states.map((s) => {
      const kinds = breaches(s, sqlNow);
      return [kinds.length > 0, ...BREACH_KINDS.map((k) => kinds.includes(k))];
    });
    expect(rows).toEqual(expected);
    expect(expected).toEqual([
      [false, false, false],
      [false, false, false],
      [true, true, true],
    ]);
  });
});
