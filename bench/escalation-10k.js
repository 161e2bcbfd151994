// Escalation throughput: N breached tickets (seeded with SQL) escalated by one API process with its
// in-process worker, from a cold start. Reports when every ticket was escalated, when every alert
// left the outbox, and when the mail queue had delivered them all (SMTP_URL unset: logged).
// Usage: npm run build && node bench/escalation-10k.js [--tickets 10000] [--concurrency 5,20] [--pool 10]
const { spawn } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Client } = require('pg');
const { Redis } = require('ioredis');
const { Queue } = require('bullmq');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const TICKETS = Number(arg('tickets', 10_000));
const CONCURRENCIES = String(arg('concurrency', '5,20')).split(',').map(Number);
const POOL = Number(arg('pool', 10));
const PORT = 3998;
const DB = 'helpdesk_bench_escalation';
const ADMIN_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const DB_URL = `postgres://postgres:postgres@127.0.0.1:5432/${DB}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = 'bench_escalation';

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function until(check, timeoutMs = 600_000, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error('timed out');
}

const BASE_ENV = {
  ...process.env,
  PORT: String(PORT),
  DATABASE_URL: DB_URL,
  DATABASE_POOL_SIZE: String(POOL),
  REDIS_KEY_PREFIX: PREFIX,
  SEED_DEMO: 'false',
  SMTP_URL: '',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
};

function startApi(env) {
  return spawn(process.execPath, ['dist/main.js'], {
    env: { ...BASE_ENV, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const healthy = async () => (await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.ok;

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function flushRedis() {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

async function prepare() {
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await flushRedis();
  // A first start creates the database and runs the migrations; no workers yet.
  const api = startApi({ WORKER_IN_PROCESS: 'false' });
  await until(healthy, 60_000, 200);
  await stop(api);
  const [{ id: requester }] = await sql(
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

async function run(concurrency) {
  await prepare();
  const db = new Client({ connectionString: DB_URL });
  await db.connect();
  const mail = new Queue('mail', { connection: { url: REDIS_URL }, prefix: `${PREFIX}:bull` });
  const started = Date.now();
  const api = startApi({
    WORKER_IN_PROCESS: 'true',
    ESCALATION_CONCURRENCY: String(concurrency),
    SLA_SWEEP_INTERVAL_SECONDS: '5',
  });
  try {
    const count = async (text) => (await db.query(text)).rows[0].n;
    await until(healthy, 60_000, 50);
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
    await stop(api);
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
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'escalation-10k.json'), JSON.stringify(results, null, 2));
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await flushRedis();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
