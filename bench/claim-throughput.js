// Claim throughput: N agents pressing "claim 15" as fast as they can over 100k unassigned tickets.
// Usage: npm run build && node bench/claim-throughput.js [--tickets 100000] [--seconds 10] [--agents 10,50]
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const argon2 = require('argon2');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const TICKETS = Number(arg('tickets', 100_000));
const SECONDS = Number(arg('seconds', 10));
const AGENT_COUNTS = String(arg('agents', '10,50')).split(',').map(Number);
const PORT = 3999;
const DB = 'helpdesk_bench_claim';
const ADMIN_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const DB_URL = `postgres://postgres:postgres@127.0.0.1:5432/${DB}`;
const BASE = `http://127.0.0.1:${PORT}`;

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function waitForHealth() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not come up');
}

async function main() {
  await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  const api = spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: DB_URL,
      DATABASE_POOL_SIZE: '20',
      WORKER_IN_PROCESS: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
      REDIS_KEY_PREFIX: 'bench_claim',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth();
    const hash = await argon2.hash('bench-password', { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const agents = await sql(
      DB_URL,
      `INSERT INTO users (email, name, role, password_hash)
       SELECT 'agent' || g || '@bench.test', 'Agent ' || g, 'agent', $1 FROM generate_series(1, 50) g RETURNING email`,
      [hash],
    );
    const [{ id: requester }] = await sql(
      DB_URL,
      `INSERT INTO users (email, name, role, password_hash) VALUES ('req@bench.test', 'Req', 'user', $1) RETURNING id`,
      [hash],
    );
    await sql(
      DB_URL,
      `INSERT INTO tickets (title, description, requester_id, first_response_due_at, resolution_due_at, created_at, updated_at)
       SELECT 'Bench ' || g, 'queued', $1, now() + interval '1 day', now() + interval '2 days',
              now() - interval '30 days' + g * interval '1 second', now()
         FROM generate_series(1, $2) g`,
      [requester, TICKETS],
    );
    await sql(DB_URL, 'ANALYZE tickets');
    const tokens = [];
    for (const { email } of agents) {
      const res = await fetch(`${BASE}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'bench-password' }),
      });
      tokens.push((await res.json()).access_token);
    }

    for (const n of AGENT_COUNTS) {
      await sql(DB_URL, `UPDATE tickets SET assignee_id = NULL`);
      await sql(DB_URL, `DELETE FROM ticket_events`);
      let claims = 0;
      let tickets = 0;
      let errors = 0;
      const deadline = Date.now() + SECONDS * 1000;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          while (Date.now() < deadline) {
            const res = await fetch(`${BASE}/api/v1/tickets/claim`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
              body: '{}',
            });
            const body = await res.json();
            if (res.status !== 200) errors++;
            else {
              claims++;
              tickets += body.items.length;
            }
          }
        }),
      );
      const elapsed = (Date.now() - started) / 1000;
      const [{ doubles }] = await sql(
        DB_URL,
        `SELECT count(*)::int AS doubles FROM (SELECT ticket_id FROM ticket_events GROUP BY ticket_id HAVING count(*) > 1) d`,
      );
      console.log(
        `${n} agents: ${(claims / elapsed).toFixed(0)} claims/s, ${(tickets / elapsed).toFixed(0)} tickets/s, ` +
          `${errors} errors, ${doubles} double assignments (${claims} claims in ${elapsed.toFixed(1)} s)`,
      );
    }
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.on('exit', r));
    await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
