// Escalation throughput: N breached tickets (seeded with SQL) escalated by one API process with its
// in-process worker, from a cold start. Reports when every ticket was escalated, when every alert
// left the outbox, and when the mail queue had delivered them all (SMTP_URL unset: logged).
// Usage: npm run build && npx tsc -p bench && node dist/bench/escalation-10k.js [--tickets 10000] [--concurrency 5,20] [--pool 10]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { Args } from './lib/args';
import { BENCH_JWT_SECRET, ChildServer, freePort, repoRoot, sleep } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';

const args = new Args();
const TICKETS = args.number('tickets', 10_000);
const CONCURRENCIES = args.numbers('concurrency', [5, 20]);
const POOL = args.number('pool', 10);
const DB = 'helpdesk_bench_escalation';
const DB_URL = databaseUrl(DB);
const PREFIX = 'bench_escalation';

async function until(check: () => Promise<boolean>, timeoutMs = 600_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(intervalMs);
  }
  throw new Error('timed out');
}

function startApi(port: number, env: Record<string, string>): ChildServer {
  return ChildServer.start({
    port,
    env: {
      DATABASE_URL: DB_URL,
      DATABASE_POOL_SIZE: String(POOL),
      REDIS_KEY_PREFIX: PREFIX,
      SEED_DEMO: 'false',
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      ...env,
    },
  });
}

const healthy = async (api: ChildServer) => (await fetch(`${api.base}/api/health`).catch(() => null))?.ok ?? false;

async function prepare(port: number) {
  await dropDatabase(DB);
  await deleteKeys(PREFIX);
  // A first start creates the database and runs the migrations; no workers yet.
  const api = startApi(port, { WORKER_IN_PROCESS: 'false' });
  await api.waitForHealth();
  await api.stop();
  const [{ id: requester }] = await sql<{ id: number }>(
    DB_URL,
    `INSERT INTO users (email, name, role, password_hash) VALUES ('requester@bench.test', 'Requester', 'user', 'x'),
       ('admin@bench.test', 'Admin', 'admin', 'x') RETURNING id`,
  );
  await sql(
    DB_URL,
    `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, created_at, updated_at)
     SELECT 'Bench ticket ' || g, 'Seeded', $1, now() - interval '1 hour' - g * interval '1 millisecond',
            now() + interval '1 day', now() - interval '2 hours', now() - interval '2 hours'
       FROM generate_series(1, $2::int) g`,
    [requester, TICKETS],
  );
  await sql(DB_URL, 'ANALYZE');
}

async function run(concurrency: number) {
  const port = await freePort();
  await prepare(port);
  const db = new Client({ connectionString: DB_URL });
  await db.connect();
  const mail = new Queue('mail', { connection: { url: REDIS_URL }, prefix: `${PREFIX}:bull` });
  const started = Date.now();
  const api = startApi(port, {
    WORKER_IN_PROCESS: 'true',
    ESCALATION_CONCURRENCY: String(concurrency),
    SLA_SWEEP_INTERVAL_SECONDS: '5',
  });
  try {
    const count = async (text: string) => (await db.query<{ n: number }>(text)).rows[0].n;
    await until(() => healthy(api), 60_000, 50);
    const ready = Date.now() - started;
    await until(
      async () => (await count(`SELECT count(*)::int AS n FROM tickets WHERE escalation_level = 1`)) === TICKETS,
    );
    const escalated = Date.now() - started;
    await until(async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0);
    const relayed = Date.now() - started;
    await until(async () => {
      const counts = await mail.getJobCounts('waiting', 'active', 'delayed');
      return counts.waiting + counts.active + counts.delayed === 0;
    });
    const mailed = Date.now() - started;
    const [check] = (
      await db.query(`SELECT count(*) FILTER (WHERE escalation_level = 1)::int AS once,
                             (SELECT count(*)::int FROM ticket_events WHERE type = 'ticket.escalated') AS events,
                             (SELECT count(*)::int FROM outbox) AS alerts FROM tickets`)
    ).rows;
    return {
      tickets: TICKETS,
      concurrency,
      pool: POOL,
      ready_ms: ready,
      escalated_ms: escalated,
      relayed_ms: relayed,
      mail_drained_ms: mailed,
      escalations_per_s: Math.round(TICKETS / ((escalated - ready) / 1000)),
      check,
    };
  } finally {
    await api.stop();
    await mail.close();
    await db.end();
  }
}

async function main() {
  const results = [];
  for (const concurrency of CONCURRENCIES) {
    const result = await run(concurrency);
    console.log(JSON.stringify(result));
    results.push(result);
  }
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'escalation-10k.json'), JSON.stringify(results, null, 2));
  await dropDatabase(DB);
  await deleteKeys(PREFIX);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
