// Claim throughput: N agents pressing "claim 15" as fast as they can over 100k unassigned tickets.
// Usage: npm run build && npx tsc -p bench && node dist/bench/claim-throughput.js [--tickets 100000] [--seconds 10] [--agents 10,50]
import argon2 from 'argon2';
import { Args } from './lib/args';
import { BENCH_JWT_SECRET, ChildServer, freePort } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys } from './lib/redis';

const args = new Args();
const TICKETS = args.number('tickets', 100_000);
const SECONDS = args.number('seconds', 10);
const AGENT_COUNTS = args.numbers('agents', [10, 50]);
const DB = 'helpdesk_bench_claim';
const DB_URL = databaseUrl(DB);
const PREFIX = 'bench_claim';

async function main() {
  await dropDatabase(DB);
  const api = ChildServer.start({
    port: await freePort(),
    env: {
      DATABASE_URL: DB_URL,
      DATABASE_POOL_SIZE: '20',
      WORKER_IN_PROCESS: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      REDIS_KEY_PREFIX: PREFIX,
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  });
  try {
    await api.waitForHealth();
    const hash = await argon2.hash('bench-password', {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    const agents = await sql<{ email: string }>(
      DB_URL,
      `INSERT INTO users (email, name, role, password_hash)
       SELECT 'agent' || g || '@bench.test', 'Agent ' || g, 'agent', $1 FROM generate_series(1, 50) g RETURNING email`,
      [hash],
    );
    const [{ id: requester }] = await sql<{ id: number }>(
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
    const tokens: string[] = [];
    for (const { email } of agents) {
      const res = await fetch(`${api.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'bench-password' }),
      });
      tokens.push(((await res.json()) as { access_token: string }).access_token);
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
            const res = await fetch(`${api.base}/api/v1/tickets/claim`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
              body: '{}',
            });
            const body = (await res.json()) as { items: unknown[] };
            if (res.status !== 200) errors++;
            else {
              claims++;
              tickets += body.items.length;
            }
          }
        }),
      );
      const elapsed = (Date.now() - started) / 1000;
      const [{ doubles }] = await sql<{ doubles: number }>(
        DB_URL,
        `SELECT count(*)::int AS doubles FROM (SELECT ticket_id FROM ticket_events GROUP BY ticket_id HAVING count(*) > 1) d`,
      );
      console.log(
        `${n} agents: ${(claims / elapsed).toFixed(0)} claims/s, ${(tickets / elapsed).toFixed(0)} tickets/s, ` +
          `${errors} errors, ${doubles} double assignments (${claims} claims in ${elapsed.toFixed(1)} s)`,
      );
    }
  } finally {
    await api.stop();
    await dropDatabase(DB);
    await deleteKeys(PREFIX);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
