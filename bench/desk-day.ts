// npm run bench:desk-day: a desk's day in one load. Agents and requesters at once (get by id,
// filtered lists, own tickets, search, comments, PATCH, create, claim, attachment downloads, in the
// MIX's proportions) against the production build on the seeded database of `npm run bench`, at a
// fixed arrival rate that is raised step by step, like a load test: from --start req/s by --step
// every --step-seconds, until a step's p99 is over 100 ms, an answer is not the expected one, or the
// answers fall more than 5% short of the rate sent. Reports the highest step that kept p99 ≤ 100 ms
// with no errors, and per step the target and achieved rate, p50/p99 overall and p99 per kind, the
// errors and the API's RSS, on the terminal and in bench/results/desk-day-latest.json.
//
// The load is open-loop (its own scheduler, not autocannon, whose `overallRate` sends each second's
// share in a burst at the start of the second): request i is due at start + i / rate whatever came
// back, and its latency counts from then, so time spent waiting for a free connection counts too.
// Exits 1 when an answer was neither the expected one nor a 429/503 of an overloaded API (the harness
// or the app is broken), on a failed claim audit, or a crash; never for the rate reached.
//
//   npm run bench:desk-day                                    1,000,000 tickets, 200 req/s + 100 every 10 s
//   node dist/bench/desk-day.js --tickets 5000 --step-seconds 2 --max-rate 300     what CI runs
//   flags: --tickets N, --start R, --step R, --step-seconds S, --max-rate R, --warmup S, --connections N, --reseed
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import { Args } from './lib/args';
import { benchApiEnv, ChildServer, freePort, repoRoot } from './lib/api';
import { databaseUrl } from './lib/pg';
import { deleteKeys } from './lib/redis';
import { percentile, round } from './lib/stats';
import { loadWords, TextMaker } from './seed/plan';
import { CpuAccount, CpuShare } from './run/cpu';
import { RssSampler } from './run/drive';
import { gitCommit, writeResults } from './run/report';
import {
  auditClaims,
  ClaimAudit,
  claimRequest,
  commentRequest,
  Context,
  createTicketRequest,
  filteredListRequest,
  getTicketRequest,
  loadPatchQueue,
  ownTicketsRequest,
  patchRequest,
  rareWords,
  RequestKind,
  searchRequest,
} from './run/scenarios';
import { logInPeople, restoreSeededState } from './run/state';
import { FULL_SIZE, prepareRun } from './run/prepare';

const FLAGS = ['tickets', 'start', 'step', 'step-seconds', 'max-rate', 'warmup', 'connections', 'reseed'];
const P99_LIMIT_MS = 100;
/** A step whose answers per second fall further below its rate than this has saturated the API. */
const SHORTFALL = 0.05;
/** Longer than any step's backlog takes to drain: a request that waits this long is an error. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Files uploaded before the run, downloaded by the attachment kind in turn. */
const ATTACHMENTS = 8;
/** Statuses of an API refusing work because it has too much: they end the stepping, not the run. */
const OVERLOAD = new Set([429, 503]);

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Kind {
  key: KindKey;
  /** Requests of this kind in every 100. */
  weight: number;
  expect: number;
  request: RequestKind;
}

/** The mix: weights out of 100 (search 10: nine in ten of a rare word, one of the word in most tickets). */
const MIX = {
  get: 35,
  list: 20,
  own: 10,
  search: 9,
  'search-common': 1,
  comment: 10,
  patch: 5,
  create: 5,
  claim: 3,
  download: 2,
} as const;
type KindKey = keyof typeof MIX;

/** Small text files, each uploaded by a requester to a ticket of their own, for the download kind. */
async function uploadAttachments(ctx: Context): Promise<Array<{ id: number; owner: string }>> {
  const random = Math.random;
  const files: Array<{ id: number; owner: string }> = [];
  for (let i = 0; i < ATTACHMENTS; i++) {
    const owner = ctx.requesters[i % ctx.requesters.length];
    const headers = { authorization: `Bearer ${owner}` };
    const created = await fetch(`${ctx.api}/api/v1/tickets`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: ctx.text.title(random), description: ctx.text.prose(random, 20) }),
    });
    if (created.status !== 201)
      throw new Error(`create a ticket to attach to: ${created.status} ${await created.text()}`);
    const ticket = (await created.json()) as { id: number };
    const form = new FormData();
    // 2–34 KB of prose: a log excerpt or a pasted note rather than a photo.
    const text = ctx.text.prose(random, 300 + i * 600);
    form.append('file', new Blob([text], { type: 'text/plain' }), `notes-${i + 1}.txt`);
    const uploaded = await fetch(`${ctx.api}/api/v1/tickets/${ticket.id}/attachments`, {
      method: 'POST',
      headers,
      body: form,
    });
    if (uploaded.status !== 201) throw new Error(`upload an attachment: ${uploaded.status} ${await uploaded.text()}`);
    const [item] = ((await uploaded.json()) as { items: Array<{ id: number }> }).items;
    files.push({ id: item.id, owner });
  }
  return files;
}

/** GET /attachments/:id of the uploaded files in turn, by their uploader or an agent (both may see them). */
function downloadRequest(ctx: Context, files: Array<{ id: number; owner: string }>): RequestKind {
  let n = 0;
  return {
    setupRequest: (req) => {
      const file = files[n % files.length];
      const viewer = n % 2 ? file.owner : ctx.agents[n % ctx.agents.length].token;
      n++;
      return {
        ...req,
        path: `/api/v1/attachments/${file.id}`,
        headers: { ...req.headers, authorization: `Bearer ${viewer}` },
      };
    },
  };
}

interface KindResult {
  requests: number;
  ok: number;
  p50: number;
  p99: number;
  /** Answers other than the expected one, by status (0: no answer: a connection error or a timeout). */
  errors: Record<string, number>;
}

interface StepResult {
  target_rps: number;
  seconds: number;
  sent: number;
  ok: number;
  achieved_rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  /** How late the scheduler sent its latest request: a load generator short of CPU shows here. */
  max_send_lag_ms: number;
  /** CPU this process (the load generator) used, in % of one core. */
  generator_cpu_pct: number;
  rss_max_mib: number;
  /** CPU during the step: `others_pct` is work on the machine that was not the bench's (noise). */
  cpu?: CpuShare;
  kinds: Record<string, KindResult>;
  /** The first few errors, with what was asked. */
  error_samples: string[];
  /** Why the step did not hold (empty: it did). */
  missed: string[];
  /** Every error a 429 or 503: an overloaded API, not a broken one. */
  overload_only: boolean;
}

const sorted = (values: number[]) => Float64Array.from(values).sort();

/** Sends the mix at a fixed arrival rate and tallies the answers. */
class Load {
  private readonly deck: Kind[] = [];
  private dealt = 0;
  private inFlight = 0;
  private drained: (() => void) | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly kinds: Kind[],
  ) {
    for (const kind of kinds) for (let i = 0; i < kind.weight; i++) this.deck.push(kind);
  }

  /** The next kind: every 100 requests hold each kind its weight's number of times, in a shuffled order. */
  private nextKind(): Kind {
    if (this.dealt % this.deck.length === 0) {
      for (let i = this.deck.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [this.deck[i], this.deck[j]] = [this.deck[j], this.deck[i]];
      }
    }
    return this.deck[this.dealt++ % this.deck.length];
  }

  async step(rate: number, seconds: number, rssOf: number): Promise<StepResult> {
    const latencies: number[] = [];
    const perKind = new Map(
      this.kinds.map((k) => [k.key, { requests: 0, latencies: [] as number[], errors: {} as Record<string, number> }]),
    );
    const samples: string[] = [];
    let errors = 0;
    let overloadOnly = true;
    let maxLag = 0;
    const sampler = new RssSampler(rssOf).start();
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    let lastAnswer = start;

    const send = async (kind: Kind, due: number) => {
      const tally = perKind.get(kind.key)!;
      tally.requests++;
      const context = {};
      let status: number;
      let body: string;
      let what: string = kind.key;
      try {
        const req = kind.request.setupRequest(
          { method: kind.request.method ?? 'GET', path: kind.request.path ?? '/', headers: {} },
          context,
        );
        what = `${req.method} ${req.path}`;
        const response = await this.pool.request({
          method: req.method ?? 'GET',
          path: req.path ?? '/',
          headers: req.headers,
          body: req.body,
          headersTimeout: REQUEST_TIMEOUT_MS,
          bodyTimeout: REQUEST_TIMEOUT_MS,
        });
        status = response.statusCode;
        body = await response.body.text();
        kind.request.onResponse?.(status, body, context);
      } catch (error) {
        // No answer (a connection error, a timeout) or one the kind could not read: counted as status 0.
        status = 0;
        body = error instanceof Error ? error.message : String(error);
      }
      const now = performance.now();
      lastAnswer = Math.max(lastAnswer, now);
      if (status === kind.expect) {
        latencies.push(now - due);
        tally.latencies.push(now - due);
        return;
      }
      errors++;
      tally.errors[status] = (tally.errors[status] ?? 0) + 1;
      if (!OVERLOAD.has(status)) overloadOnly = false;
      if (samples.length < 5) samples.push(`${kind.key}: ${what} → ${status} ${body.slice(0, 200)}`);
    };

    for (let sent = 0; sent < total;) {
      const now = performance.now();
      for (; sent < total && start + sent * interval <= now; sent++) {
        const due = start + sent * interval;
        maxLag = Math.max(maxLag, now - due);
        this.inFlight++;
        void send(this.nextKind(), due).finally(() => {
          if (--this.inFlight === 0) this.drained?.();
        });
      }
      if (sent < total) await delay(Math.max(0, start + sent * interval - performance.now()));
    }
    if (this.inFlight) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = null;
    const rss = sampler.stop();
    const cpu = process.cpuUsage(cpuBefore);

    // Answered within the step, the rate is the rate sent; a backlog stretches the time they took.
    const elapsed = Math.max(seconds, (lastAnswer - start) / 1000);
    const all = sorted(latencies);
    const achieved = latencies.length / elapsed;
    const kinds: Record<string, KindResult> = {};
    for (const [key, tally] of perKind) {
      const mine = sorted(tally.latencies);
      kinds[key] = {
        requests: tally.requests,
        ok: mine.length,
        p50: round(percentile(mine, 50), 1),
        p99: round(percentile(mine, 99), 1),
        errors: tally.errors,
      };
    }
    const p99 = percentile(all, 99);
    const missed: string[] = [];
    if (!(p99 <= P99_LIMIT_MS)) missed.push(`p99 > ${P99_LIMIT_MS} ms`);
    if (errors) missed.push(`${errors} errors`);
    if (achieved < rate * (1 - SHORTFALL)) missed.push(`achieved < ${100 - SHORTFALL * 100}% of target`);
    return {
      target_rps: rate,
      seconds: round(elapsed, 2),
      sent: total,
      ok: latencies.length,
      achieved_rps: round(achieved, 0),
      p50: round(percentile(all, 50), 1),
      p90: round(percentile(all, 90), 1),
      p99: round(p99, 1),
      max: round(all.length ? all[all.length - 1] : NaN, 1),
      errors,
      max_send_lag_ms: round(maxLag, 1),
      generator_cpu_pct: round((cpu.user + cpu.system) / 10 / (performance.now() - start), 1),
      rss_max_mib: rss,
      kinds,
      error_samples: samples,
      missed,
      overload_only: errors > 0 && overloadOnly,
    };
  }
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

/** The steps as rows: target, achieved, p50/p99 overall, p99 per kind, errors, RSS. */
function rows(steps: StepResult[], kinds: string[]): string[][] {
  const header = [
    'target/s',
    'achieved/s',
    'p50 ms',
    'p99 ms',
    ...kinds.map((k) => `${k} p99`),
    'errors',
    'RSS MiB',
    'other CPU',
    'held',
  ];
  return [
    header,
    ...steps.map((s) => [
      fmt(s.target_rps),
      fmt(s.achieved_rps),
      fmt(s.p50, 1),
      fmt(s.p99, 1),
      ...kinds.map((k) => fmt(s.kinds[k].p99, 1)),
      fmt(s.errors),
      fmt(s.rss_max_mib),
      s.cpu ? `${fmt(s.cpu.others_pct)}%` : '',
      s.missed.length ? `no: ${s.missed.join(', ')}` : 'yes',
    ]),
  ];
}

function table(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const last = widths.length - 1;
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === last ? cell : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function markdown(cells: string[][]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [
    line(cells[0]),
    line(cells[0].map((_, i) => (i === cells[0].length - 1 ? '---' : '--:'))),
    ...cells.slice(1).map(line),
  ].join('\n');
}

async function main(): Promise<number> {
  const args = new Args();
  const unknown = args.unknown(FLAGS);
  if (unknown.length) throw new Error(`unknown flag ${unknown.join(', ')} (known: ${FLAGS.join(', ')})`);
  const tickets = Math.round(args.number('tickets', FULL_SIZE));
  const startRate = args.number('start', 200);
  const stepRate = args.number('step', 100);
  const stepSeconds = args.number('step-seconds', 10);
  const maxRate = args.has('max-rate') ? args.number('max-rate', Infinity) : Infinity;
  const warmup = args.number('warmup', Math.min(2, stepSeconds));
  const connections = Math.round(args.number('connections', 64));
  if (startRate > maxRate) throw new Error(`--start ${startRate} is above --max-rate ${maxRate}`);

  const { database, seed, reused, postgres, host } = await prepareRun({ tickets, reseed: args.has('reseed'), log });

  const runId = randomBytes(4).toString('hex');
  const redisPrefix = `bench_${runId}`;
  const resultsDir = join(repoRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const apiLog = join(resultsDir, 'desk-day-api.log');
  const apiLogFd = openSync(apiLog, 'w');
  // The uploads of this run only; removed with it (their rows go with the tickets they are on).
  const storageDir = mkdtempSync(join(tmpdir(), 'helpdesk-desk-day-'));
  const api = ChildServer.start({
    port: await freePort(),
    env: benchApiEnv(databaseUrl(database), redisPrefix, {
      // As bench/main.ts runs it: production logging, the limiter counting but never refusing.
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    }),
    stdio: ['ignore', apiLogFd, apiLogFd],
  });
  const pool = new Pool(api.base, { connections, pipelining: 1 });
  const steps: StepResult[] = [];
  let warm: StepResult | undefined;
  let stopped = '';
  let broken = false;
  let claims: ClaimAudit | undefined;
  /** Claims answered with no ticket: the queue ran dry (it does at small sizes). */
  let emptyClaims = 0;
  try {
    await api.waitForHealth();
    const ctx: Context = {
      database,
      seed,
      api: api.base,
      runId,
      text: new TextMaker(loadWords()),
      ...(await logInPeople(api.base)),
    };
    const files = await uploadAttachments(ctx);
    const patchQueue = await loadPatchQueue(ctx);
    // At most one request per ticket: the queue must outlast every PATCH in flight at once.
    if (patchQueue.length < 256) throw new Error(`only ${patchQueue.length} tickets in progress or pending to PATCH`);
    const requests: Record<KindKey, RequestKind> = {
      get: getTicketRequest(ctx),
      list: filteredListRequest(ctx),
      own: ownTicketsRequest(ctx),
      search: searchRequest(ctx, rareWords(ctx)),
      'search-common': searchRequest(ctx, [ctx.seed.common_word.word]),
      comment: commentRequest(ctx),
      patch: patchRequest(ctx, patchQueue),
      create: createTicketRequest(ctx, `desk-${runId}`),
      claim: claimRequest(ctx, (tickets) => (emptyClaims += tickets ? 0 : 1)),
      download: downloadRequest(ctx, files),
    };
    const created = new Set<KindKey>(['comment', 'create']);
    const kinds: Kind[] = (Object.keys(MIX) as KindKey[]).map((key) => ({
      key,
      weight: MIX[key],
      expect: created.has(key) ? 201 : 200,
      request: requests[key],
    }));
    const load = new Load(pool, kinds);
    log(
      `${database}: ${connections} connections, ${warmup} s warm-up at ${startRate} req/s, then ${stepSeconds} s steps` +
        ` from ${startRate} req/s by ${stepRate}${Number.isFinite(maxRate) ? ` up to ${maxRate}` : ''} (API pid ${api.pid}, log ${apiLog})`,
    );

    const judge = (step: StepResult, label: string): boolean => {
      if (!step.errors) return true;
      log(`  ${label}: ${step.errors} errors\n    ${step.error_samples.join('\n    ')}`);
      if (!step.overload_only) broken = true;
      return false;
    };
    const measure = async (rate: number, seconds: number): Promise<StepResult> => {
      const cpu = await new CpuAccount(database, [api.pid]).begin();
      const step = await load.step(rate, seconds, api.pid);
      return { ...step, cpu: await cpu.end() };
    };
    warm = await measure(startRate, warmup);
    if (!judge(warm, 'warm-up')) stopped = `errors in the warm-up`;
    for (let rate = startRate; !stopped && rate <= maxRate; rate += stepRate) {
      const step = await measure(rate, stepSeconds);
      steps.push(step);
      log(
        `  ${String(rate).padStart(5)} req/s: achieved ${step.achieved_rps}, p50 ${step.p50} ms, p99 ${step.p99} ms,` +
          ` RSS ${step.rss_max_mib} MiB, other CPU ${step.cpu?.others_pct}%${step.missed.length ? `  (${step.missed.join(', ')})` : ''}`,
      );
      judge(step, `${rate} req/s`);
      if (!api.running) throw new Error(`the API exited during the ${rate} req/s step; see ${apiLog}`);
      if (step.missed.length) stopped = `${rate} req/s: ${step.missed.join(', ')}`;
    }
    if (!stopped) stopped = `--max-rate ${maxRate} reached`;
    claims = await auditClaims(ctx);
    if (claims.doubles || claims.mismatched) {
      log(`claim audit: ${claims.doubles} tickets claimed twice, ${claims.mismatched} assigned to another agent`);
      broken = true;
    }
  } finally {
    await pool.close();
    const apiExit = await api.stop();
    closeSync(apiLogFd);
    await restoreSeededState(database, seed);
    await deleteKeys(redisPrefix);
    rmSync(storageDir, { recursive: true, force: true });
    if (apiExit !== 0 && apiExit !== null) log(`API exited with ${apiExit}; see ${apiLog}`);
  }

  const held = steps.filter((s) => !s.missed.length);
  // The highest step of an unbroken run of held steps from the first: one that held after one that
  // did not is not counted (the stepping ends at the first anyway).
  const highest = steps.findIndex((s) => s.missed.length);
  const best = (highest < 0 ? steps : steps.slice(0, highest)).at(-1)?.target_rps ?? null;
  const kindKeys = Object.keys(MIX);
  const cells = rows(steps, kindKeys);
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: host,
    database: { name: database, tickets: seed.tickets, comments: seed.comments, seeded_at: seed.seeded_at, reused },
    settings: {
      start_rps: startRate,
      step_rps: stepRate,
      step_seconds: stepSeconds,
      max_rps: Number.isFinite(maxRate) ? maxRate : null,
      warmup_s: warmup,
      connections,
      p99_limit_ms: P99_LIMIT_MS,
      shortfall_limit: SHORTFALL,
      mix: MIX,
      attachments: ATTACHMENTS,
      api_log_level: 'info',
    },
    highest_held_rps: best,
    steps_held: held.length,
    stopped_because: stopped,
    api_rss_max_mib: Math.max(0, ...steps.map((s) => s.rss_max_mib)),
    claims: claims && { ...claims, empty_claim_answers: emptyClaims },
    warmup: warm,
    steps,
    markdown: markdown(cells),
  };
  const file = writeResults(report, 'desk-day-latest.json');
  const verdict =
    best !== null ? `${best} req/s` : steps.length ? 'none (the first step did not hold)' : 'none (no step ran)';
  process.stdout.write(
    `\n${database}: ${seed.tickets.toLocaleString('en-US')} tickets; ${host.cpu}, ${host.cores} cores, node ${host.node}, Postgres ${postgres}\n` +
      `mix per 100: ${Object.entries(MIX)
        .map(([k, w]) => `${k} ${w}`)
        .join(', ')}\n\n${table(cells)}\n\n` +
      `highest rate with p99 ≤ ${P99_LIMIT_MS} ms and no errors: ${verdict}` +
      ` (stopped: ${stopped})\n` +
      (claims
        ? `claims: ${claims.tickets} tickets claimed, ${claims.doubles} twice, ${claims.mismatched} mismatched;` +
          ` ${emptyClaims} answers found the queue empty\n`
        : '') +
      `results: ${file}\n`,
  );
  if (broken)
    log('answers other than the expected one (not 429/503), or a failed claim audit: the harness or the app is broken');
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
