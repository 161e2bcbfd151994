// GET /reports/stats scans every live ticket: with REPORTS_STATS_CACHE_SECONDS on (the default
// outside tests) a burst of callers costs one query and later ones are served from memory.
import { makeTicket } from '../factories/tickets';
import { makeAdmin, makeUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('reports stats cache', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { REPORTS_STATS_CACHE_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers callers arriving together with one query, and later ones from memory', async () => {
    const boss = await makeAdmin(t);
    const stats = () => t.http.get('/api/v1/reports/stats', { token: boss.token });
    const queries = jest.spyOn(t.dataSource.manager, 'query');
    try {
      const statsQueries = () => queries.mock.calls.filter(([sql]) => String(sql).includes('per_category')).length;
      const together = await Promise.all(Array.from({ length: 10 }, stats));
      expect(together.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(new Set(together.map((r) => r.text)).size).toBe(1);
      expect(statsQueries()).toBe(1);

      await makeTicket(t, await makeUser(t));
      const later = await stats();
      expect(later.body.total_tickets).toBe(together[0].body.total_tickets);
      expect(statsQueries()).toBe(1);
    } finally {
      queries.mockRestore();
    }
  });
});
