// Statements per request: how many statements the API sends to Postgres (BEGIN and COMMIT
// included) for each kind of request the bench drives, and the statements of one of each. The API
// is the production build with bench/lib/count-statements.js preloaded (it patches the pg driver in
// that process only). Requests are sent one at a time, so every statement counted is theirs; a
// quiet second before them shows what the process sends on its own (should be 0).
// Usage: npm run bench:statements -- [--tickets 5000] [--requests 20] [--show]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Args } from './lib/args';
import { benchApiEnv, ChildServer, freePort, repoRoot, sleep } from './lib/api';
import { databaseUrl, sql } from './lib/pg';
import { deleteKeys } from './lib/redis';
import { round } from './lib/stats';
import { CATEGORY_COUNT, isDeletedTicket, TAGS } from './seed/plan';
import { ensureSeeded, SeedInfo } from './seed/seed';
import { gitCommit } from './run/report';
import { logInPeople, People, restoreSeededState } from './run/state';

const args = new Args();
const unknown = args.unknown(['tickets', 'requests', 'show']);
if (unknown.length) throw new Error(`unknown flags: ${unknown.join(' ')} (known: --tickets, --requests, --show)`);
const TICKETS = Math.round(args.number('tickets', 5000));
const REQUESTS = Math.round(args.number('requests', 20));
const DATABASE = TICKETS === 1_000_000 ? 'helpdesk_bench' : `helpdesk_bench_${TICKETS}`;
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Counter {
  count: number;
  recent: string[];
}

interface Kind {
  key: string;
  title: string;
  expect: number;
  /** The i-th request of this kind. */
  send(i: number): Promise<Response>;
}

function liveTicket(seed: SeedInfo, i: number): number {
  for (let id = 1 + ((i * 7919) % seed.max_ticket_id); ; id = (id % seed.max_ticket_id) + 1) {
    if (!isDeletedTicket(id)) return id;
  }
}

function kinds(
  api: string,
  seed: SeedInfo,
  people: People,
  patchable: Array<{ id: number; version: number; status: string }>,
): Kind[] {
  const agent = (i: number) => ({ authorization: `Bearer ${people.agents[i % people.agents.length].token}` });
  const json = { 'content-type': 'application/json' };
  const run = Date.now().toString(36);
  return [
    {
      key: 'get',
      title: 'GET /tickets/:id (agent)',
      expect: 200,
      send: (i) => fetch(`${api}/api/v1/tickets/${liveTicket(seed, i)}`, { headers: agent(i) }),
    },
    {
      key: 'list',
      title: 'GET /tickets?status&priority (agent)',
      expect: 200,
      send: (i) => fetch(`${api}/api/v1/tickets?status=open&priority=high&offset=${i % 3}`, { headers: agent(i) }),
    },
    {
      key: 'search-rare',
      title: 'GET /tickets?q=<rare word> (agent)',
      expect: 200,
      send: (i) =>
        fetch(`${api}/api/v1/tickets?q=${seed.rare_words[i % seed.rare_words.length].word}`, { headers: agent(i) }),
    },
    {
      key: 'create',
      title: 'POST /tickets (user, 2 tags, category, Idempotency-Key)',
      expect: 201,
      send: (i) =>
        fetch(`${api}/api/v1/tickets`, {
          method: 'POST',
          headers: {
            ...json,
            authorization: `Bearer ${people.requesters[i % people.requesters.length]}`,
            'idempotency-key': `statements-${run}-${i}`,
          },
          body: JSON.stringify({
            title: `Printer on floor ${i} is jammed`,
            description: 'It prints half a page and stops. Restarting it did not help.',
            priority: 'high',
            category_id: 1 + (i % CATEGORY_COUNT),
            tags: [TAGS[i % 50], TAGS[50 + (i % 50)]],
          }),
        }),
    },
    {
      key: 'comment',
      title: 'POST /tickets/:id/comments (agent, public)',
      expect: 201,
      send: (i) =>
        fetch(`${api}/api/v1/tickets/${liveTicket(seed, i + 1000)}/comments`, {
          method: 'POST',
          headers: { ...json, ...agent(i) },
          body: JSON.stringify({ body: 'Thanks, we are looking into it and will get back to you today.' }),
        }),
    },
    {
      key: 'patch',
      title: 'PATCH /tickets/:id status + version (agent)',
      expect: 200,
      send: (i) => {
        const ticket = patchable[i];
        return fetch(`${api}/api/v1/tickets/${ticket.id}`, {
          method: 'PATCH',
          headers: { ...json, ...agent(i) },
          body: JSON.stringify({
            version: ticket.version,
            status: ticket.status === 'pending' ? 'in_progress' : 'pending',
          }),
        });
      },
    },
  ];
}

async function main(): Promise<void> {
  const { info: seed } = await ensureSeeded({ database: DATABASE, tickets: TICKETS, reseed: false, log });
  await restoreSeededState(DATABASE, seed);
  const counterPort = await freePort();
  const prefix = `bench_statements_${Date.now().toString(36)}`;
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(databaseUrl(DATABASE), prefix, {
      BENCH_STATEMENTS_PORT: String(counterPort),
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    }),
    nodeArgs: ['--require', join(repoRoot(), 'dist/bench/lib/count-statements.js')],
  });
  const counter = async (reset = false): Promise<Counter> =>
    (await fetch(`http://127.0.0.1:${counterPort}/${reset ? 'reset' : ''}`)).json() as Promise<Counter>;
  const rows: Array<{ key: string; title: string; per_request: number; statements: string[] }> = [];
  try {
    await api.waitForHealth();
    const people = await logInPeople(api.base);
    const patchable = await sql<{ id: number; version: number; status: string }>(
      databaseUrl(DATABASE),
      `SELECT id, version, status::text FROM tickets WHERE status IN ('in_progress', 'pending') AND deleted_at IS NULL
        ORDER BY id LIMIT $1`,
      [REQUESTS + 1],
    );
    const before = await counter();
    await sleep(1000);
    const idle = (await counter()).count - before.count;
    for (const kind of kinds(api.base, seed, people, patchable)) {
      // One warm-up request (caches, prepared statements), not counted.
      await expectStatus(kind, await kind.send(REQUESTS), kind.expect);
      const start = (await counter(true)).count;
      for (let i = 0; i < REQUESTS; i++) {
        await expectStatus(kind, await kind.send(i), kind.expect);
        if (i === 0) {
          const first = await counter();
          rows.push({ key: kind.key, title: kind.title, per_request: 0, statements: first.recent });
        }
      }
      const end = await counter();
      rows.at(-1)!.per_request = round((end.count - start) / REQUESTS, 1);
    }
    log(`idle: ${idle} statements in 1 s with no request`);
  } finally {
    await api.stop();
    await restoreSeededState(DATABASE, seed);
    await deleteKeys(prefix);
  }
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    database: DATABASE,
    requests: REQUESTS,
    kinds: rows,
  };
  const file = join(repoRoot(), 'bench', 'results', 'statements-latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  for (const row of rows) {
    process.stdout.write(`${row.title.padEnd(56)} ${String(row.per_request).padStart(5)} statements\n`);
    if (args.has('show')) for (const s of row.statements) process.stdout.write(`    ${s.slice(0, 160)}\n`);
  }
  process.stdout.write(`results: ${file}\n`);
}

async function expectStatus(kind: Kind, response: Response, expect: number): Promise<void> {
  const body = await response.text();
  if (response.status !== expect) throw new Error(`${kind.key}: ${response.status} ${body.slice(0, 300)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
