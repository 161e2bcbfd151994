// Webhook fan-out: deliveries per second through the whole webhook pipeline of the production build
// (`dist/main.js` with its workers, as `npm start` runs): the outbox row written in the change's
// transaction, the relay that turns it into one delivery per hook, and the BullMQ worker that POSTs
// each one signed (Standard Webhooks) to an in-process node:http receiver on 127.0.0.1. N active
// hooks subscribe to every event; an agent makes ticket events through the API (creates and public
// comments, alternating) over a few connections. The receiver verifies every signature, answers
// 204 and counts unique (hook, webhook-id) pairs. The run ends when every delivery the outbox asked
// for (messages × hooks) has arrived, and fails if one is missing, a signature is wrong or the
// API refused a request. Delivery is at least once: a pair seen twice is reported, not failed.
// Latency: receipt minus the payload's `timestamp` (the message's occurred_at, Postgres now() in the
// change's transaction: its start, so a little before the commit).
// Its own database (helpdesk_bench_webhooks) and Redis key prefix, both removed at the end.
// WEBHOOK_* and DATABASE_POOL_SIZE in the environment reach the API (defaults otherwise).
// Results: bench/results/webhooks-latest.json.
// Usage: npm run bench:webhooks -- [--hooks 5] [--events 2000] [--concurrency 4]
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Args } from './lib/args';
import { benchApiEnv, callApi, callApiOk, ChildServer, freePort, repoRoot, sleep, startFlags } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';
import { percentile, round } from './lib/stats';
import { gitCommit } from './run/report';

const FLAGS = ['hooks', 'events', 'concurrency'];
/**
 * No new delivery for this long ends the wait as a failure. Longer than the sweep's re-queue of a
 * lost job (WEBHOOK_REQUEUE_AFTER_SECONDS, 60 s by default) plus a sweep interval: a delivery that
 * needs the at-least-once machinery still counts.
 */
const STALL_MS = 90_000;
/** After the last delivery arrived, how long the worker may take to record the outcomes. */
const RECORD_TIMEOUT_MS = 30_000;

const args = new Args();
const unknown = args.unknown(FLAGS);
if (unknown.length) throw new Error(`unknown flags: ${unknown.join(' ')} (known: --${FLAGS.join(', --')})`);
const HOOKS = Math.round(args.number('hooks', 5));
const EVENTS = Math.round(args.number('events', 2000));
const CONCURRENCY = Math.round(args.number('concurrency', 4));
const DB = 'helpdesk_bench_webhooks';
const DB_URL = databaseUrl(DB);
const RUN = randomBytes(3).toString('hex');
const PREFIX = `bench_webhooks_${RUN}`;

/** The settings that shape delivery, as the API gets them from this environment (absent: its default). */
const PASSED_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      (entry[0].startsWith('WEBHOOK_') || entry[0] === 'DATABASE_POOL_SIZE') && entry[1] !== undefined,
  ),
);

interface Hook {
  id: number;
  secret: string;
  verifier: StandardWebhook;
}

/**
 * The receiver: POST /hook/<index>, verified with that hook's secret. Unique deliveries are
 * (hook, webhook-id) pairs; `done` resolves once `expect(n)` pairs arrived, and rejects when none
 * arrived for STALL_MS.
 */
class Receiver {
  readonly hooks: Hook[] = [];
  readonly seen = new Set<string>();
  /** Milliseconds from the payload's timestamp to receipt, unique deliveries only. */
  readonly latencies: number[] = [];
  duplicates = 0;
  invalid = 0;
  lastUniqueAt = 0;
  private expected = Infinity;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  private stall?: NodeJS.Timeout;
  private readonly server = createServer((req, res) => this.handle(req, res));

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook/`;
  }

  /** The number of unique deliveries to wait for; the stall clock starts now. */
  expect(count: number): void {
    this.expected = count;
    this.armStall();
    this.check();
  }

  private armStall(): void {
    if (this.expected === Infinity) return;
    clearTimeout(this.stall);
    this.stall = setTimeout(
      () => this.settle.reject(new Error(`no new delivery for ${STALL_MS / 1000} s`)),
      STALL_MS,
    ).unref();
  }

  private check(): void {
    if (this.seen.size >= this.expected) {
      clearTimeout(this.stall);
      this.settle.resolve();
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const receivedAt = Date.now();
      const hook = this.hooks[Number(req.url?.slice('/hook/'.length))];
      let payload: { timestamp?: string };
      try {
        if (!hook) throw new Error(`no hook at ${req.url}`);
        payload = hook.verifier.verify(Buffer.concat(chunks).toString('utf8'), {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        }) as { timestamp?: string };
      } catch {
        // Refused like a real receiver would; the delivery is then missing and the run fails.
        this.invalid++;
        res.writeHead(400).end();
        return;
      }
      res.writeHead(204).end();
      const key = `${hook.id}:${String(req.headers['webhook-id'])}`;
      if (this.seen.has(key)) {
        this.duplicates++;
        return;
      }
      this.seen.add(key);
      this.lastUniqueAt = performance.now();
      this.latencies.push(receivedAt - Date.parse(payload.timestamp ?? ''));
      this.armStall();
      this.check();
    });
  }

  close(): Promise<void> {
    clearTimeout(this.stall);
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Sent {
  kind: 'create' | 'comment';
  status: number;
  error?: string;
}

async function main() {
  await dropDatabase(DB);
  const receiver = new Receiver();
  const receiverUrl = await receiver.listen();
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(DB_URL, PREFIX, {
      REDIS_URL,
      LOG_LEVEL: 'warn',
      // The webhook worker runs in this process, as with `npm start`.
      WORKER_IN_PROCESS: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // The receiver is on 127.0.0.1, which the SSRF guard refuses otherwise.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      // No SMTP_URL: notification emails are logged, not sent (below LOG_LEVEL warn: not printed).
      SMTP_URL: '',
    }),
  });
  let failed = false;
  try {
    await api.waitForHealth();
    const call = (method: string, path: string, body: unknown, token?: string) =>
      callApi(api.base, method, path, body, token);
    const json = (method: string, path: string, body: unknown, token?: string) =>
      callApiOk(api.base, method, path, body, token);
    // Register, promote in SQL (as bench/soak.ts does), then log in: the role is read at login.
    const person = async (role: 'admin' | 'agent') => {
      const credentials = { email: `${role}-${RUN}@bench.test`, password: 'bench-password-1' };
      await json('POST', '/api/v1/auth/register', { ...credentials, name: `Bench ${role}` });
      await sql(DB_URL, `UPDATE users SET role = $2 WHERE email = $1`, [credentials.email, role]);
      return (await json('POST', '/api/v1/auth/login', credentials)).access_token as string;
    };
    const admin = await person('admin');
    const agent = await person('agent');
    for (let i = 0; i < HOOKS; i++) {
      const created = await json(
        'POST',
        '/api/v1/webhooks',
        { url: `${receiverUrl}${i}`, events: ['*'], description: `bench hook ${i}` },
        admin,
      );
      const secret = created.secret as string;
      receiver.hooks.push({ id: created.id as number, secret, verifier: new StandardWebhook(secret) });
    }

    console.log(
      `${EVENTS} ticket events (creates and comments, alternating) over ${CONCURRENCY} connections, ` +
        `${HOOKS} hooks on ${receiverUrl}*; API pid ${api.pid}`,
    );
    // Each connection creates a ticket, then comments on it, then creates the next one.
    const results: Sent[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        let ticketId: number | null = null;
        let last: Sent['kind'] = 'comment';
        while (next < EVENTS) {
          const i = next++;
          const kind: Sent['kind'] = ticketId === null || last === 'comment' ? 'create' : 'comment';
          last = kind;
          const res: { status: number; text: string } =
            kind === 'create'
              ? await call(
                  'POST',
                  '/api/v1/tickets',
                  { title: `Bench ${i}`, description: `Webhook fan-out bench, connection ${worker}` },
                  agent,
                )
              : await call('POST', `/api/v1/tickets/${ticketId}/comments`, { body: `Looking into it (${i})` }, agent);
          const ok = res.status === 201;
          results.push({ kind, status: res.status, ...(ok ? {} : { error: res.text.slice(0, 300) }) });
          if (ok && kind === 'create') ticketId = (JSON.parse(res.text) as { id: number }).id;
        }
      }),
    );
    const eventsDone = performance.now();

    // Every outbox row is written in its change's transaction: once the last request was answered,
    // the messages (and so the deliveries to expect) are all there.
    const messages = await sql<{ message_id: string }>(
      DB_URL,
      `SELECT message_id FROM webhook_messages WHERE event_type <> 'webhook.ping'`,
    );
    const expectedKeys = new Set(receiver.hooks.flatMap((hook) => messages.map((m) => `${hook.id}:${m.message_id}`)));
    receiver.expect(expectedKeys.size);
    let stalled: string | null = null;
    await receiver.done.catch((error: Error) => {
      stalled = error.message;
    });
    // None at all (a stall from the start): the window ends now.
    const lastDelivery = receiver.lastUniqueAt || performance.now();

    // The worker records each outcome after the receiver answered: wait until none is pending.
    const recordDeadline = Date.now() + RECORD_TIMEOUT_MS;
    let pending = -1;
    while (Date.now() < recordDeadline) {
      [{ pending }] = await sql<{ pending: number }>(
        DB_URL,
        `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'pending'`,
      );
      if (pending === 0) break;
      await sleep(100);
    }
    const deliveries = await sql<{ status: string; count: number; attempts: number }>(
      DB_URL,
      `SELECT status, count(*)::int AS count, sum(attempts)::int AS attempts FROM webhook_deliveries GROUP BY status`,
    );
    const types = await sql<{ event_type: string; count: number }>(
      DB_URL,
      `SELECT event_type, count(*)::int AS count FROM webhook_messages GROUP BY 1 ORDER BY 1`,
    );

    const missing = [...expectedKeys].filter((key) => !receiver.seen.has(key));
    const unexpected = [...receiver.seen].filter((key) => !expectedKeys.has(key));
    const errors = results.filter((sent) => sent.error);
    const okEvents = results.length - errors.length;
    const deliveryRows = deliveries.reduce((sum, row) => sum + row.count, 0);
    const attempts = deliveries.reduce((sum, row) => sum + row.attempts, 0);
    const delivered = deliveries.find((row) => row.status === 'delivered')?.count ?? 0;
    const checks = {
      // Each create and each public comment is one webhook event, so one message.
      oneMessagePerEvent: messages.length === okEvents,
      // Every hook got every message, and nothing else arrived.
      allArrived: missing.length === 0 && unexpected.length === 0 && !stalled,
      signaturesValid: receiver.invalid === 0,
      // One delivery row per hook and message, each recorded as delivered.
      allRecorded: deliveryRows === expectedKeys.size && delivered === deliveryRows,
      noApiErrors: errors.length === 0,
    };

    const seconds = (lastDelivery - started) / 1000;
    const latencies = Float64Array.from(receiver.latencies).sort();
    const result = {
      bench: 'webhook-fanout',
      at: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      apiNodeFlags: startFlags(),
      cpus: cpus().length,
      hooks: HOOKS,
      events: EVENTS,
      concurrency: CONCURRENCY,
      webhookEnv: PASSED_ENV,
      messages: messages.length,
      messageTypes: Object.fromEntries(types.map((row) => [row.event_type, row.count])),
      expectedDeliveries: expectedKeys.size,
      received: receiver.seen.size,
      duplicates: receiver.duplicates,
      invalidSignatures: receiver.invalid,
      missing: missing.length,
      // Attempts beyond the first, over all deliveries: retries after a failure or a lost answer.
      retries: attempts - deliveryRows,
      deliveryRows: Object.fromEntries(deliveries.map((row) => [row.status, row.count])),
      seconds: round(seconds, 2),
      eventSeconds: round((eventsDone - started) / 1000, 2),
      drainSeconds: round((lastDelivery - eventsDone) / 1000, 2),
      eventsPerSecond: round(okEvents / ((eventsDone - started) / 1000)),
      deliveriesPerSecond: round(receiver.seen.size / seconds),
      // What the API's events asked of the pipeline: near deliveriesPerSecond, it kept up with them.
      offeredPerSecond: round((expectedKeys.size / (eventsDone - started)) * 1000),
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p90: round(percentile(latencies, 90)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? NaN),
      },
      checks,
      stalled,
      errors: errors.slice(0, 20),
      notes:
        'One process (dist/main.js, workers in process, NODE_ENV=production), receiver in the bench process. ' +
        'deliveriesPerSecond: unique (hook, webhook-id) pairs received, from the first API request to the last ' +
        'of them; offeredPerSecond: expected deliveries per second of the API phase (the pipeline kept up when ' +
        'the two are close). latencyMs: receipt minus the payload timestamp (occurred_at, the start of the change’s ' +
        'transaction), same clock.',
    };

    const row = (cells: (string | number)[]) =>
      cells.map((cell, i) => (i === 0 ? String(cell).padEnd(24) : String(cell).padStart(12))).join(' ');
    console.log(row(['', 'value']));
    console.log(row(['events (API)', `${okEvents} in ${result.eventSeconds} s`]));
    console.log(row(['events/s', result.eventsPerSecond]));
    console.log(row(['deliveries', `${receiver.seen.size}/${expectedKeys.size}`]));
    console.log(row(['first event → last', `${result.seconds} s`]));
    console.log(row(['  after last event', `${result.drainSeconds} s`]));
    console.log(row(['deliveries/s', result.deliveriesPerSecond]));
    console.log(row(['  offered (events×hooks)', result.offeredPerSecond]));
    console.log(row(['latency p50 ms', result.latencyMs.p50]));
    console.log(row(['latency p90 ms', result.latencyMs.p90]));
    console.log(row(['latency p99 ms', result.latencyMs.p99]));
    console.log(row(['latency max ms', result.latencyMs.max]));
    console.log(row(['duplicates', receiver.duplicates]));
    console.log(row(['retries (attempts-1)', result.retries]));
    for (const [name, passed] of Object.entries(checks)) console.log(`${passed ? 'ok  ' : 'FAIL'} ${name}`);
    if (stalled) console.log(`  ${stalled}; ${missing.length} missing, e.g. ${missing.slice(0, 3).join(' ')}`);
    if (pending > 0) console.log(`  ${pending} deliveries still pending ${RECORD_TIMEOUT_MS / 1000} s later`);
    for (const error of errors.slice(0, 5)) console.log(`  ${error.kind}: ${error.status} ${error.error}`);
    if (!Object.values(checks).every(Boolean)) failed = true;

    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'webhooks-latest.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await api.stop();
    await receiver.close();
    await dropDatabase(DB);
    await deleteKeys(PREFIX);
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
