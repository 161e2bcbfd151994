// Postgres stopped (immediate: every backend killed, like a crash) under a steady create/list load,
// then started again: during the outage every request is a quick 503 UNAVAILABLE in the error
// shape, the app recovers by itself, and no ticket whose create was answered 201 is missing.
import { waitFor } from '../support/assertions';
import { FaultApp, Outcome, startFaultApp, SteadyLoad, tally, timedRequest, userToken } from './support/fault-app';
import { FAULTS_DATABASE, PrivatePostgres, PrivateRedis } from './support/private-services';

const OUTAGE_MS = 5_000;
/** "Answer fast; never hang": the pool gives up connecting after 3 s, so 5 s is a generous bound. */
const MAX_ANSWER_MS = 5_000;

describe('Postgres restarted under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let app: FaultApp | undefined;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  });

  afterAll(async () => {
    await app?.stop();
    await Promise.all([pg?.stop(), redis?.stop()]);
  });

  it('answers 503 UNAVAILABLE quickly during the outage, recovers by itself, and loses no acknowledged create', async () => {
    app = await startFaultApp({ databaseUrl: pg.url(FAULTS_DATABASE), redisUrl: redis.url });
    const { token } = await userToken(app.http);
    const load = new SteadyLoad(app.http, token, 'pg-restart').start();
    const healthDuringOutage: Outcome[] = [];
    let downAt = 0;
    let upAt = 0;
    let recoveredAt = 0;
    try {
      await waitFor(() => load.acknowledged.size >= 30, { timeoutMs: 30_000 });

      const stopCalledAt = Date.now();
      await pg.stopServer();
      downAt = Date.now();
      // The outage itself: a fixed length is the point here, not a wait for a condition.
      const outage = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      while (Date.now() - downAt < OUTAGE_MS - 1_000) {
        healthDuringOutage.push(await timedRequest(app.http, 'get', 'GET', '/api/health'));
      }
      await outage;
      upAt = Date.now();
      await pg.startServer();
      await waitFor(async () => (await app!.http.get('/api/health')).status === 200, { timeoutMs: 30_000 });
      recoveredAt = Date.now();
      const acknowledgedAtRecovery = load.acknowledged.size;
      await waitFor(() => load.acknowledged.size >= acknowledgedAtRecovery + 30, { timeoutMs: 30_000 });
      await load.stop();

      const during = load.outcomes.filter((o) => o.started >= downAt && o.ended <= upAt);
      const overlapping = load.outcomes.filter((o) => o.ended >= stopCalledAt && o.started <= recoveredAt);
      const refused = (o: Outcome) => o.status === 503 && o.code === 'UNAVAILABLE' && o.errorShapeOk === true;
      const slow = overlapping.filter((o) => o.ended - o.started >= MAX_ANSWER_MS);

      // Refused while Postgres was away: each one a contract 503, answered in well under the bound.
      expect(during.length).toBeGreaterThan(20);
      expect(tally(during.filter((o) => !refused(o)))).toEqual({});
      expect(tally(slow)).toEqual({});
      // Never anything else: no 401 (the user lookup failed, not the token), no 500, no reset connection.
      expect(tally(load.outcomes.filter((o) => !refused(o) && o.status !== 200 && o.status !== 201))).toEqual({});
      expect(healthDuringOutage.length).toBeGreaterThan(0);
      expect(tally(healthDuringOutage.filter((o) => !refused(o)))).toEqual({});
      expect(app.proc.child.exitCode).toBeNull();

      // Every create answered 201 is in the database (a 503'd create may or may not have committed).
      const rows = await pg.query<{ title: string }>(`SELECT title FROM tickets WHERE title LIKE 'pg-restart-%'`);
      const stored = new Set(rows.map((row) => row.title));
      const lost = [...load.acknowledged].filter((title) => !stored.has(title));
      expect(lost).toEqual([]);
      expect(rows.length).toBe(stored.size);

      console.log(
        `Postgres outage: ${upAt - downAt} ms down, healthy again ${recoveredAt - upAt} ms after the restart began; ` +
          `${load.outcomes.length} requests, ${load.count((o) => o.status === 503)} refused with 503 ` +
          `(slowest answer during the outage ${Math.max(...overlapping.map((o) => o.ended - o.started))} ms); ` +
          `${load.acknowledged.size} creates acknowledged, ${lost.length} lost, ` +
          `${stored.size - load.acknowledged.size} committed although answered 503`,
      );
    } finally {
      await load.stop();
    }
  });
});
