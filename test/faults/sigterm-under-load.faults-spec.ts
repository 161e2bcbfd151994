// SIGTERM to the API (workers in-process, as `npm start` runs it) under a steady load of slow
// requests: every request already sent before the signal gets its answer (no reset connection),
// later ones are answered or refused, and the process exits 0 within its 10 s deadline.
//
// The other faults of the workers are covered in the e2e suite: a worker killed with SIGKILL in the
// middle of a batch (test/e2e/escalation-worker-process.e2e-spec.ts) and SMTP refusing deliveries
// (test/e2e/escalation.e2e-spec.ts, "delivers alerts once SMTP is back ..."); lifecycle.e2e-spec.ts
// drains one in-flight request on SIGTERM.
import { waitFor } from '../support/assertions';
import { TcpProxy, urlThroughProxy } from '../support/tcp-proxy';
import { FaultApp, Outcome, startFaultApp, SteadyLoad, tally, userToken } from './support/fault-app';
import { FAULTS_DATABASE, PrivatePostgres, PrivateRedis } from './support/private-services';

/** Every chunk to Postgres waits this long, so each request spends a while in flight. */
const QUERY_DELAY_MS = 100;
/** A request started this long before the signal has certainly been written to its socket. */
const SENT_MARGIN_MS = 50;
const SHUTDOWN_DEADLINE_MS = 10_000;

describe('SIGTERM under load', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let proxy: TcpProxy | undefined;
  let app: FaultApp | undefined;

  beforeAll(async () => {
    [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  });

  afterAll(async () => {
    app?.proc.child.kill('SIGKILL');
    await proxy?.stop();
    await Promise.all([pg?.stop(), redis?.stop()]);
  });

  it('answers every request sent before the signal and exits 0 within 10 s', async () => {
    proxy = new TcpProxy('127.0.0.1', pg.port);
    const proxyPort = await proxy.start();
    app = await startFaultApp({
      databaseUrl: urlThroughProxy(pg.url(FAULTS_DATABASE), proxyPort),
      redisUrl: redis.url,
      env: { WORKER_IN_PROCESS: 'true', SLA_SWEEP_INTERVAL_SECONDS: '1' },
    });
    const { token } = await userToken(app.http);
    proxy.delayMs = QUERY_DELAY_MS;
    const load = new SteadyLoad(app.http, token, 'sigterm', { loops: 8 }).start();
    const { signalAt, exitCode, exitedAt } = await (async () => {
      try {
        await waitFor(() => load.inFlightFor(SENT_MARGIN_MS) >= 6, { intervalMs: 5 });
        const signalled = Date.now();
        app.proc.child.kill('SIGTERM');
        const code = await app.proc.exited;
        return { signalAt: signalled, exitCode: code, exitedAt: Date.now() };
      } finally {
        await load.stop();
      }
    })();

    const sentBefore = load.outcomes.filter((o) => o.started <= signalAt - SENT_MARGIN_MS);
    const inFlightAtSignal = sentBefore.filter((o) => o.ended >= signalAt);
    const later = load.outcomes.filter((o) => o.started > signalAt - SENT_MARGIN_MS);
    // Sent before the signal: answered, and successfully (Postgres is there until the last one is done).
    expect(inFlightAtSignal.length).toBeGreaterThanOrEqual(4);
    expect(tally(sentBefore.filter((o) => o.status !== 200 && o.status !== 201))).toEqual({});
    // Sent after it: served, or refused at the door; never a 500, never the wrong error shape.
    const refusedAtTheDoor = (o: Outcome) =>
      o.status === 0 && /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/.test(o.network!);
    const shed = (o: Outcome) => o.status === 503 && o.code === 'UNAVAILABLE' && o.errorShapeOk === true;
    expect(
      tally(later.filter((o) => o.status !== 200 && o.status !== 201 && !shed(o) && !refusedAtTheDoor(o))),
    ).toEqual({});
    expect({ exitCode, withinDeadline: exitedAt - signalAt < SHUTDOWN_DEADLINE_MS }).toEqual({
      exitCode: 0,
      withinDeadline: true,
    });

    // Every acknowledged create is stored.
    const rows = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets WHERE title = ANY($1::text[])`, [
      [...load.acknowledged],
    ]);
    expect(rows[0].n).toBe(load.acknowledged.size);

    console.log(
      `SIGTERM: ${inFlightAtSignal.length} requests in flight at the signal, all answered; exit ${exitCode} after ` +
        `${exitedAt - signalAt} ms; after the signal: ${JSON.stringify(tally(later))}`,
    );
  });
});
