// The SQL twins' text; whether they mean what sla.ts means is test/e2e/sla-sql-parity.e2e-spec.ts.
import { IS_BREACHED_SQL, MISSED_TARGET_SQL } from './sla-sql';

describe('IS_BREACHED_SQL', () => {
  it('is the SQL form of breaches(), over the aliased columns', () => {
    expect(IS_BREACHED_SQL('t')).toBe(
      '(coalesce(t.first_responded_at, t.resolved_at, t.paused_at, now()) > t.first_response_due_at' +
        ' OR coalesce(t.resolved_at, t.paused_at, now()) > t.resolution_due_at)',
    );
  });

  it('uses the given alias for every column and is parenthesised, so NOT (…) negates all of it', () => {
    const sql = IS_BREACHED_SQL('ticket_1');
    expect(sql.startsWith('(') && sql.endsWith(')')).toBe(true);
    const columns = sql.match(/\b\w+\.\w+\b/g) ?? [];
    expect(columns.length).toBe(7);
    for (const column of columns) expect(column.startsWith('ticket_1.')).toBe(true);
  });

  it.each(['', 't;drop table tickets', '"t"', 't.x', '1t', 't t'])('refuses the alias %j', (alias) => {
    expect(() => IS_BREACHED_SQL(alias)).toThrow(/alias/);
  });
});

describe('MISSED_TARGET_SQL', () => {
  it('is each half of IS_BREACHED_SQL: one breach kind of breaches()', () => {
    expect(MISSED_TARGET_SQL('t', 'first_response')).toBe(
      'coalesce(t.first_responded_at, t.resolved_at, t.paused_at, now()) > t.first_response_due_at',
    );
    expect(MISSED_TARGET_SQL('t', 'resolution')).toBe(
      'coalesce(t.resolved_at, t.paused_at, now()) > t.resolution_due_at',
    );
    expect(IS_BREACHED_SQL('t')).toBe(
      `(${MISSED_TARGET_SQL('t', 'first_response')} OR ${MISSED_TARGET_SQL('t', 'resolution')})`,
    );
  });

  it.each(['', 't;drop table tickets', 't.x'])('refuses the alias %j', (alias) => {
    expect(() => MISSED_TARGET_SQL(alias, 'resolution')).toThrow(/alias/);
  });
});
