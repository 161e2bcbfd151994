// The SLA sweep's cost with automations: a copy of the bench's seeded database (1M tickets by
// default), 10 active automations of the kinds desks write, and one worker process sweeping back to
// back (SLA_SWEEP_INTERVAL_SECONDS=1, one sweep at a time). Reports each sweep's wall time and what
// it did, read from the kept `sweep` jobs (BullMQ's processedOn/finishedOn and return value): first
// while the rules work through the backlog the seeded data gives them (a desk that just switched
// them on), then on a settled desk (nothing past a rule's threshold: what every sweep costs).
// Usage: npm run bench:automations [-- --tickets 1000000 --backlog 5 --steady 10 --max-seconds 900]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Args } from './lib/args';
import { BENCH_JWT_SECRET, ChildServer, repoRoot, sleep } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';
import { ensureSeeded } from './seed/seed';
import { restoreSeededState } from './run/state';

const args = new Args();
const TICKETS = Math.round(args.number('tickets', 1_000_000));
const BACKLOG_SWEEPS = Math.round(args.number('backlog', 5));
const STEADY_SWEEPS = Math.round(args.number('steady', 10));
const MAX_SECONDS = args.number('max-seconds', 900);
const SOURCE = TICKETS === 1_000_000 ? 'helpdesk_bench' : `helpdesk_bench_${TICKETS}`;
const DB = `${SOURCE}_automations`;
const PREFIX = 'bench_automations';

/** Ten rules of the kinds desks write (the two seeded ones, both active, and eight more). */
const RULES: Array<{ name: string; conditions: object; actions: object }> = [
  {
    name: 'Close resolved tickets after 72 h',
    conditions: { status: ['resolved'], hours_in_status: 72 },
    actions: { status: 'closed' },
  },
  {
    name: 'Resolve pending tickets after 7 days without a reply',
    conditions: { status: ['pending'], hours_since_update: 168 },
    actions: { status: 'resolved' },
  },
  {
    name: 'Flag stale open tickets',
    conditions: { status: ['open', 'in_progress'], hours_since_update: 336, tags_none: ['stale'] },
    actions: { add_tags: ['stale'] },
  },
  {
    name: 'Urgent and untouched for 4 h',
    conditions: { status: ['open'], priority: ['urgent'], hours_in_status: 4, tags_none: ['urgent-alert'] },
    actions: { add_tags: ['urgent-alert'] },
  },
  {
    name: 'Escalated for two days: raise the priority',
    conditions: { status: ['escalated'], priority: ['low', 'medium'], hours_in_status: 48 },
    actions: { priority: 'high' },
  },
  {
    name: 'Remind the requester after 3 days pending',
    conditions: { status: ['pending'], hours_in_status: 72, tags_none: ['reminded'] },
    actions: { add_tags: ['reminded'] },
  },
  {
    name: 'Billing follow-up',
    conditions: { status: ['open'], category_id: [1], hours_since_update: 48, tags_none: ['billing-followup'] },
    actions: { add_tags: ['billing-followup'] },
  },
  {
    name: 'Back to the queue after a week in progress',
    conditions: { status: ['in_progress'], hours_since_update: 168 },
    actions: { status: 'open' },
  },
  {
    name: 'Close resolved spam at once',
    conditions: { status: ['resolved'], tags_all: ['spam'] },
    actions: { status: 'closed' },
  },
  {
    name: 'Low priority waiting a month',
    conditions: { status: ['open'], priority: ['low'], hours_in_status: 720, tags_none: ['month-old'] },
    actions: { add_tags: ['month-old'] },
  },
];

interface Sweep {
  ms: number;
  automated: number;
  found: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? 0;

async function copyDatabase(): Promise<void> {
  await dropDatabase(DB);
  await sql(databaseUrl('postgres'), `CREATE DATABASE ${DB} TEMPLATE ${SOURCE}`);
}

/**
 * The seeded data holds live tickets whose targets passed since it was seeded; their escalation
 * (hundreds of thousands of jobs and emails) would drown what this bench measures. They are marked
 * escalated in the copy, so the sweep's escalation part is what it is on a settled desk.
 */
async function settleEscalations(): Promise<number> {
  const url = databaseUrl(DB);
  let settled = 0;
  for (const kind of ['first_response', 'resolution']) {
    const rows = await sql<{ n: number }>(
      url,
      `WITH s AS (UPDATE tickets SET ${kind}_escalated_at = now()
                   WHERE ${kind}_escalated_at IS NULL AND ${kind}_due_at < now() + interval '1 hour'
                     AND resolved_at IS NULL AND deleted_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM s`,
    );
    settled += rows[0].n;
  }
  await sql(url, 'VACUUM ANALYZE tickets');
  return settled;
}

async function installRules(): Promise<void> {
  const url = databaseUrl(DB);
  const [admin] = await sql<{ id: number }>(url, `SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`);
  await sql(url, `DELETE FROM automations`);
  for (const rule of RULES) {
    await sql(
      url,
      `INSERT INTO automations (name, active, conditions, actions, author_id) VALUES ($1, true, $2, $3, $4)`,
      [rule.name, JSON.stringify(rule.conditions), JSON.stringify(rule.actions), admin?.id ?? null],
    );
  }
}

/**
 * A settled desk: every rule has done what it had to (nothing in the copy is past a rule's time
 * threshold any more). Bumping the times of the live tickets is enough for that; the data's volume
 * per status, which the sweep's queries walk, stays as seeded.
 */
async function settleRules(): Promise<number> {
  const url = databaseUrl(DB);
  const [{ n }] = await sql<{ n: number }>(
    url,
    `WITH s AS (UPDATE tickets SET status_changed_at = now(), updated_at = now()
                 WHERE status NOT IN ('closed') AND deleted_at IS NULL RETURNING 1)
     SELECT count(*)::int AS n FROM s`,
  );
  await sql(url, 'VACUUM ANALYZE tickets');
  return n;
}

function startWorker(): ChildServer {
  return ChildServer.start({
    port: 0,
    script: 'dist/worker.js',
    env: {
      DATABASE_URL: databaseUrl(DB),
      REDIS_KEY_PREFIX: PREFIX,
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      SEED_DEMO: 'false',
      SMTP_URL: '',
      LOG_LEVEL: 'warn',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
      ESCALATION_CONCURRENCY: '1',
      INBOUND_SMTP_PORT: '0',
    },
  });
}

/** Runs one worker until `count` sweeps completed (or the time is up); their times and work. */
async function sweepsOf(count: number, log: (line: string) => void, label: string): Promise<Sweep[]> {
  await deleteKeys(PREFIX);
  const worker = startWorker();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('escalation', { connection, prefix: `${PREFIX}:bull` });
  const seen = new Set<string>();
  const sweeps: Sweep[] = [];
  const started = Date.now();
  try {
    while (sweeps.length < count && Date.now() - started < MAX_SECONDS * 1000) {
      await sleep(500);
      const done: Job[] = await queue.getJobs(['completed'], 0, 100, true);
      for (const job of done.filter((j) => j.name === 'sweep' && !seen.has(j.id!)).reverse()) {
        seen.add(job.id!);
        const result = (job.returnvalue ?? {}) as { automated?: number; found?: number };
        const sweep = {
          ms: job.finishedOn! - job.processedOn!,
          automated: result.automated ?? 0,
          found: result.found ?? 0,
        };
        sweeps.push(sweep);
        log(
          `${label} sweep ${sweeps.length}: ${sweep.ms} ms, ${sweep.automated} applied, ${sweep.found} escalations queued`,
        );
      }
    }
  } finally {
    await queue.close();
    connection.disconnect();
    await worker.stop();
    await deleteKeys(PREFIX);
  }
  return sweeps.slice(0, count);
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { info } = await ensureSeeded({ database: SOURCE, tickets: TICKETS, reseed: false, log });
  await restoreSeededState(SOURCE, info);
  log(`copying ${SOURCE} to ${DB}`);
  const copyStarted = Date.now();
  await copyDatabase();
  log(`copied in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`);
  log(`${await settleEscalations()} escalations settled in the copy`);
  await installRules();

  const backlog = await sweepsOf(BACKLOG_SWEEPS, log, 'backlog');
  log(`${await settleRules()} live tickets' times bumped: the rules have nothing left to do`);
  const settled = await sweepsOf(STEADY_SWEEPS, log, 'settled');

  const applied = backlog.reduce((n, s) => n + s.automated, 0);
  const backlogMs = backlog.reduce((n, s) => n + s.ms, 0);
  const report = {
    tickets: TICKETS,
    rules: RULES.length,
    backlog: {
      sweeps: backlog.length,
      applied,
      ms_per_sweep_median: median(backlog.map((s) => s.ms)),
      applications_per_second: backlogMs ? Math.round((applied / backlogMs) * 1000) : 0,
    },
    settled: {
      sweeps: settled.length,
      applied: settled.reduce((n, s) => n + s.automated, 0),
      ms_per_sweep_median: median(settled.map((s) => s.ms)),
      ms_per_sweep_p95: p95(settled.map((s) => s.ms)),
    },
  };
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'automation-sweep.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (!args.has('keep')) await dropDatabase(DB);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
