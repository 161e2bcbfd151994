// npm run bench: seeds (or reuses) a database of a million tickets, starts the production build
// and the bare baseline (bench/baseline.ts), drives each scenario with autocannon from this process
// (warm-up, then the measured run), and prints the table the issue's budget is read from; the
// numbers also go to bench/results/latest.json. Exits 1 only when the harness saw errors (any
// answer but the expected one, a broken invariant, a crash), never for a missed budget.
//
//   npm run bench                                   1,000,000 tickets, 10 s per scenario
//   npm run bench -- --quick                        100,000 tickets, 5 s per scenario
//   npm run bench -- --tickets 5000 --duration 2    what CI runs
//   other flags: --warmup S, --connections N, --reseed, --only get,list, --profile (API CPU profile)
import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Args } from './lib/args';
import { BENCH_JWT_SECRET, benchApiEnv, ChildServer, freePort, repoRoot, sleep } from './lib/api';
import { databaseUrl, sql } from './lib/pg';
import { deleteKeys } from './lib/redis';
import { round } from './lib/stats';
import { loadWords, TextMaker } from './seed/plan';
import { CpuAccount } from './run/cpu';
import { drive, RssSampler } from './run/drive';
import { gitCommit, markdownTable, missedTargets, ScenarioResult, table, writeResults } from './run/report';
import { Context, SCENARIOS } from './run/scenarios';
import { logInPeople, restoreSeededState } from './run/state';
import { FULL_SIZE, prepareRun } from './run/prepare';

const FLAGS = ['tickets', 'quick', 'duration', 'warmup', 'connections', 'reseed', 'only', 'profile'];
/** The issue's memory budget for the API process under load. */
const RSS_BUDGET_MIB = 256;

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Waits until no query of the API or the baseline runs in the database (autocannon stops at its
 * deadline, but the server finishes what it was given). Returns the seconds it took.
 */
async function quiesce(database: string): Promise<number> {
  const started = Date.now();
  for (let first = true; ; first = false) {
    if (!first) await sleep(100);
    const [{ n }] = await sql<{ n: number }>(
      databaseUrl('postgres'),
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND state <> 'idle' AND application_name IN ('helpdesk', 'helpdesk-baseline')`,
      [database],
    );
    if (n === 0 || Date.now() - started > 120_000) return round((Date.now() - started) / 1000, 1);
  }
}

async function main(): Promise<number> {
  const args = new Args();
  const unknown = args.unknown(FLAGS);
  if (unknown.length) throw new Error(`unknown flag ${unknown.join(', ')} (known: ${FLAGS.join(', ')})`);
  const quick = args.has('quick');
  const tickets = Math.round(args.number('tickets', quick ? 100_000 : FULL_SIZE));
  const duration = args.number('duration', quick ? 5 : 10);
  const warmup = args.has('warmup') ? args.number('warmup', 2) : Math.min(2, Math.max(0.5, duration / 5));
  const connections = Math.round(args.number('connections', 32));
  const only = args.has('only') ? args.string('only', '').split(',') : null;
  const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.key));
  if (!scenarios.length) throw new Error(`--only matches no scenario (${SCENARIOS.map((s) => s.key).join(', ')})`);
  const root = repoRoot();
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });

  const { database, seed, reused, postgres, host } = await prepareRun({ tickets, reseed: args.has('reseed'), log });

  const runId = randomBytes(4).toString('hex');
  const redisPrefix = `bench_${runId}`;
  const apiLog = join(resultsDir, 'api.log');
  const apiLogFd = openSync(apiLog, 'w');
  const profileDir = join(resultsDir, 'profiles');
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(databaseUrl(database), redisPrefix, {
      // The production default, stated so a developer's shell cannot change it: the access log
      // line per request is part of what a request costs.
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    }),
    nodeArgs: args.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    stdio: ['ignore', apiLogFd, apiLogFd],
  });
  const baseline = ChildServer.start({
    port: await freePort(),
    script: 'dist/bench/baseline.js',
    env: { DATABASE_URL: databaseUrl(database), JWT_SECRET: BENCH_JWT_SECRET, DATABASE_POOL_SIZE: '10' },
  });
  const results: ScenarioResult[] = [];
  let failures = 0;
  try {
    await Promise.all([api.waitForHealth(), baseline.waitForHealth('/health')]);
    const people = await logInPeople(api.base);
    const ctx: Context = {
      database,
      seed,
      api: api.base,
      runId,
      text: new TextMaker(loadWords()),
      ...people,
    };
    failures += await compareWithBaseline(ctx, baseline.base);
    log(
      `${scenarios.length} scenarios, ${connections} connections, ${warmup} s warm-up + ${duration} s each` +
        ` (API pid ${api.pid}, log ${apiLog})`,
    );

    for (const scenario of scenarios) {
      const server = scenario.server === 'api' ? api : baseline;
      const sampler = new RssSampler(server.pid).start();
      const loadAverage = os.loadavg()[0];
      const common = { url: server.base, connections };
      const warm = await drive({ ...common, duration: warmup, ...(await scenario.phase(ctx, false)) }, scenario.expect);
      // Requests the warm-up left unanswered finish before the measured run starts.
      await quiesce(database);
      const options = await scenario.phase(ctx, true);
      const cpu = await new CpuAccount(database, [api.pid, baseline.pid]).begin();
      const measured = await drive({ ...common, duration, ...options }, scenario.expect);
      const cpuShare = await cpu.end();
      const rss = sampler.stop();
      // Nor may this scenario's leftovers (a report query takes seconds at a million tickets) weigh
      // on the next one: its first requests would wait for a pooled connection, or get 503.
      const drained = await quiesce(database);
      if (!api.running || !baseline.running) throw new Error(`a server exited during "${scenario.key}"; see ${apiLog}`);
      const check = scenario.check ? await scenario.check(ctx, measured) : undefined;
      const result: ScenarioResult = {
        key: scenario.key,
        title: scenario.title,
        server: scenario.server,
        measured,
        warmup: warm,
        rss_max_mib: rss,
        cpu: cpuShare,
        drain_s: drained,
        load_average: round(loadAverage, 2),
        budget: scenario.budget,
        check,
      };
      results.push(result);
      const errors = measured.errors + warm.errors;
      if (errors || check?.failure) failures++;
      log(
        `  ${scenario.title.trim().padEnd(44)} ${String(measured.rps).padStart(6)} req/s  p50 ${measured.p50} ms  p99 ${measured.p99} ms` +
          `  (CPU busy ${cpuShare.machine_busy_pct}%, others ${cpuShare.others_pct}%)` +
          `${errors ? `  ${errors} ERRORS ${JSON.stringify({ ...warm.statuses, ...measured.statuses })}` : ''}` +
          `${check?.failure ? `  FAILED: ${check.failure}` : ''}`,
      );
    }
  } finally {
    const apiExit = await api.stop();
    await baseline.stop();
    closeSync(apiLogFd);
    await restoreSeededState(database, seed);
    await deleteKeys(redisPrefix);
    if (apiExit !== 0 && apiExit !== null) log(`API exited with ${apiExit}; see ${apiLog}`);
  }

  const atScale = tickets >= FULL_SIZE;
  for (const result of results) {
    const scenario = SCENARIOS.find((s) => s.key === result.key)!;
    const base = results.find((r) => r.key === scenario.baselineKey);
    if (base) result.ratio = round(result.measured.rps / base.measured.rps, 2);
    if (result.budget) {
      result.missed = missedTargets(result);
      result.pass = atScale ? result.missed.length === 0 : null;
    }
  }
  const apiRss = Math.max(0, ...results.filter((r) => r.server === 'api').map((r) => r.rss_max_mib));
  const claim = results.find((r) => r.key === 'claim')?.check?.details;

  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: host,
    database: {
      name: database,
      tickets: seed.tickets,
      comments: seed.comments,
      events: seed.events,
      seeded_at: seed.seeded_at,
      seed_seconds: seed.seconds,
      seed_phases: seed.phases,
      reused,
      common_word: seed.common_word,
      rare_words: seed.rare_words,
    },
    settings: { duration_s: duration, warmup_s: warmup, connections, api_log_level: 'info', pool_size: 10 },
    api_rss_max_mib: apiRss,
    api_rss_budget_mib: RSS_BUDGET_MIB,
    scenarios: results,
    markdown: markdownTable(results),
  };
  const file = writeResults(report);

  process.stdout.write(
    `\n${database}: ${seed.tickets.toLocaleString('en-US')} tickets, ${seed.comments.toLocaleString('en-US')} comments` +
      ` (seeded in ${seed.seconds} s${reused ? ', reused' : ''}); ${host.cpu}, ${host.cores} cores, ${host.ram_gib} GiB, node ${host.node}, Postgres ${postgres}\n` +
      `search words: common "${seed.common_word.word}" in ${seed.common_word.tickets.toLocaleString('en-US')} tickets;` +
      ` rare ${seed.rare_words.map((w) => `"${w.word}" ${w.tickets}`).join(', ')}\n\n` +
      `${table(results, atScale)}\n\n` +
      `API RSS under load: max ${apiRss} MiB (budget ≤ ${RSS_BUDGET_MIB} MiB${atScale ? `: ${apiRss <= RSS_BUDGET_MIB ? 'ok' : 'MISS'}` : ''})\n` +
      (claim
        ? `claim: ${Object.entries(claim)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}\n`
        : '') +
      (atScale ? '' : `(budgets are for ${FULL_SIZE.toLocaleString('en-US')} tickets: not judged at this size)\n`) +
      `results: ${file}\n`,
  );
  if (failures) log(`${failures} scenario(s) had errors or a failed check: the harness or the app is broken`);
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * The ratio only means something if both servers do the same work: the baseline must answer the
 * same requests with the same JSON. Returns the number of mismatches (each counts as a failure).
 */
async function compareWithBaseline(ctx: Context, baseline: string): Promise<number> {
  const [agent] = ctx.agents;
  const ticketId = 1 + Math.floor(ctx.seed.tickets / 2);
  const paths = [
    `/api/v1/tickets/${ticketId}`,
    '/api/v1/tickets?status=open&priority=high',
    '/api/v1/tickets?status=open,in_progress&priority=urgent,high',
  ];
  let mismatches = 0;
  for (const path of paths) {
    const [ours, theirs] = await Promise.all(
      [ctx.api, baseline].map(async (base) => {
        const response = await fetch(base + path, { headers: { authorization: `Bearer ${agent.token}` } });
        return { status: response.status, body: (await response.json()) as unknown };
      }),
    );
    if (!isDeepStrictEqual(ours, theirs)) {
      mismatches++;
      log(`  the baseline answers ${path} differently from the API: its ratio would compare different work`);
    }
  }
  if (!mismatches) log(`  baseline answers ${paths.length} sample requests exactly as the API does`);
  return mismatches;
}
