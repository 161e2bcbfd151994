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

  it('says how fresh the numbers are: as_of, Age and Cache-Control', async () => {
    const boss = await makeAdmin(t);
    const first = await t.http.get('/api/v1/reports/stats', { token: boss.token });
    const second = await t.http.get('/api/v1/reports/stats', { token: boss.token });
    const after = Date.now();
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      const asOf = Date.parse(res.body.as_of);
      expect(new Date(asOf).toISOString()).toBe(res.body.as_of);
      expect(asOf).toBeLessThanOrEqual(after);
      const age = Number(res.headers.get('age'));
      expect(Number.isInteger(age)).toBe(true);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(3600);
      // Age counts whole seconds from as_of, up to the moment the answer was made.
      expect(age).toBeLessThanOrEqual(Math.floor((after - asOf) / 1000));
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(cacheControl).toMatch(/^private, max-age=\d+$/);
      // max-age is the whole lifetime counted from as_of: a cache adds Age itself (RFC 9111 §4.2.3).
      expect(Number(cacheControl.split('=')[1])).toBe(3600);
    }
    // Within the TTL, the same numbers as of the same instant (computed by an earlier test or by the first call).
    expect(second.body.as_of).toBe(first.body.as_of);
    expect(second.body).toEqual(first.body);
  });
});

describe('reports stats without a cache', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(); // REPORTS_STATS_CACHE_SECONDS=0
  });
  afterAll(async () => {
    await t.close();
  });

  it("computes for each request: as_of is this request's, Age 0, max-age 0", async () => {
    const boss = await makeAdmin(t);
    const before = Date.now();
    const res = await t.http.get('/api/v1/reports/stats', { token: boss.token });
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.as_of)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(res.body.as_of)).toBeLessThanOrEqual(after);
    expect(Number(res.headers.get('age'))).toBeLessThanOrEqual(Math.floor((after - before) / 1000));
    expect(res.headers.get('cache-control')).toBe('private, max-age=0');
  });
});
