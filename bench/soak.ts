// Soak: one API process (workers in-process, as `npm start` runs it) under a steady, mixed load for
// a long while. Reports every error (there must be none), latency percentiles, and the process's
// memory, sampled every 10 s: resident set (VmRSS) and the V8 heap in use, read from Node's
// diagnostic report (`--report-on-signal`: nothing added to the app). Results: bench/results/soak.json.
// Its own database (helpdesk_soak, dropped at the end) and Redis key prefix (deleted at the end).
// Usage: npm run soak -- [--minutes 10] [--rate 50]
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Args } from './lib/args';
import { ChildServer, freePort, repoRoot, rssMiB, sleep } from './lib/api';
import { databaseUrl, dropDatabase, sql } from './lib/pg';
import { deleteKeys, REDIS_URL } from './lib/redis';
import { percentile } from './lib/stats';

const args = new Args();
const MINUTES = args.number('minutes', 10);
const RATE = args.number('rate', 50);
const SAMPLE_EVERY_MS = 10_000;
const MAX_IN_FLIGHT = 200;
const DB = 'helpdesk_soak';
const DB_URL = databaseUrl(DB);
const PREFIX = `soak_${randomBytes(3).toString('hex')}`;
const USERS = 10;
const AGENTS = 4;

interface Person {
  id: number;
  email: string;
  token: string;
}

interface KnownTicket {
  owner: Person;
  busy: boolean;
  step: number;
  version?: number;
  status?: string;
  assigneeId?: number | null;
}

/** What an operation answered and the status it expected; null when it had nothing to do. */
type Outcome = [Answer, number] | null;

/** The V8 heap in use, in MiB, from a diagnostic report the process writes on SIGUSR2. */
async function heapUsedMiB(child: ChildProcess, reportDir: string): Promise<number> {
  const before = new Set(readdirSync(reportDir));
  child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const file = readdirSync(reportDir).find((name) => !before.has(name) && name.endsWith('.json'));
    if (file) {
      try {
        const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8'));
        rmSync(join(reportDir, file));
        return report.javascriptHeap.usedMemory / 1024 / 1024;
      } catch {
        // still being written
      }
    }
    await sleep(50);
  }
  throw new Error('no diagnostic report within 10 s');
}

interface Answer {
  status: number;
  // The parsed JSON body: its shape is the API's, read loosely here.
  body: any;
  text: string;
  ms: number;
}

function createClient(base: string) {
  return async function request(
    method: string,
    path: string,
    { token, body }: { token?: string; body?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    try {
      const res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, body: json, text, ms };
    } catch (error) {
      const { cause, message } = error as { cause?: { code?: string }; message: string };
      return {
        status: 0,
        body: undefined,
        text: String(cause?.code ?? message),
        ms: performance.now() - started,
      };
    }
  };
}

async function main() {
  await dropDatabase(DB);
  const reportDir = mkdtempSync(join(tmpdir(), 'helpdesk-soak-'));
  const server = ChildServer.start({
    port: await freePort(),
    nodeArgs: ['--report-on-signal', '--report-signal=SIGUSR2', '--report-compact', `--report-directory=${reportDir}`],
    cleanEnv: true,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: DB_URL,
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      WORKER_IN_PROCESS: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: 'soak-secret-soak-secret-soak-secret-0123456789',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const api = server.child;
  const request = createClient(server.base);
  // The API's warnings and errors reach us; Node's "Writing Node.js report" lines do not.
  let partial = '';
  api.stderr!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    const kept = lines.filter((line) => line.trim() && !/Node\.js report/.test(line));
    if (kept.length) process.stderr.write(kept.join('\n') + '\n');
  });
  let exitCode: number | null;
  try {
    await server.waitForHealth('/api/health', 30_000);

    // People: requesters register themselves; agents and an admin are promoted in SQL, then log in.
    const password = 'soak-password-1';
    const people = async (role: string, count: number) => {
      const list: Person[] = [];
      for (let i = 0; i < count; i++) {
        const email = `${role}${i}@soak.test`;
        const reg = await request('POST', '/api/v1/auth/register', {
          body: { email, password, name: `Soak ${role} ${i}` },
        });
        if (reg.status !== 201) throw new Error(`register ${email}: ${reg.status} ${reg.text}`);
        if (role !== 'user') await sql(DB_URL, `UPDATE users SET role = $2 WHERE email = $1`, [email, role]);
        const login = await request('POST', '/api/v1/auth/login', { body: { email, password } });
        if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${login.text}`);
        list.push({ id: reg.body.id, email, token: login.body.access_token });
      }
      return list;
    };
    const users = await people('user', USERS);
    const agents = await people('agent', AGENTS);
    await people('admin', 1);
    // Access tokens live 15 minutes by default: refresh them all every 5.
    const refreshTokens = async () => {
      for (const person of [...users, ...agents]) {
        const login = await request('POST', '/api/v1/auth/login', { body: { email: person.email, password } });
        if (login.status === 200) person.token = login.body.access_token;
      }
    };

    /** Tickets the load knows: id → {owner, version, status, claimedBy, busy}. */
    const tickets = new Map<number, KnownTicket>();
    const remember = (ticket: any, owner: Person) => {
      const known = tickets.get(ticket.id) ?? { owner, busy: false, step: 0 };
      Object.assign(known, { version: ticket.version, status: ticket.status, assigneeId: ticket.assignee?.id ?? null });
      tickets.set(ticket.id, known);
    };
    const pick = <T>(array: T[]): T => array[Math.floor(Math.random() * array.length)];
    const ids = () => [...tickets.keys()];
    let counter = 0;

    const createTicket = async (): Promise<Outcome> => {
      const owner = pick(users);
      const res = await request('POST', '/api/v1/tickets', {
        token: owner.token,
        body: {
          title: `Soak ticket ${++counter}`,
          description: `Printer ${counter} jams on page ${counter % 7}`,
          priority: pick(['low', 'medium', 'high']),
          tags: [pick(['printer', 'login', 'billing', 'vpn'])],
        },
      });
      if (res.status === 201) remember(res.body, owner);
      return [res, 201];
    };
    for (let i = 0; i < 50; i++) await createTicket();

    // Status changes walk a cycle of allowed transitions, on tickets an agent claimed (nobody else edits them).
    const CYCLE = ['in_progress', 'pending', 'in_progress', 'resolved', 'open'];
    const operations: Array<{ name: string; weight: number; run: () => Promise<Outcome> }> = [
      {
        name: 'list',
        weight: 25,
        run: async () => {
          if (Math.random() < 0.5)
            return [await request('GET', '/api/v1/tickets?limit=20', { token: pick(users).token }), 200];
          const query = pick([
            'status=open,in_progress',
            'sort=-updated_at',
            'tag=printer',
            'q=printer',
            'assignee_id=none',
          ]);
          return [await request('GET', `/api/v1/tickets?${query}`, { token: pick(agents).token }), 200];
        },
      },
      {
        name: 'get',
        weight: 20,
        run: async () => [await request('GET', `/api/v1/tickets/${pick(ids())}`, { token: pick(agents).token }), 200],
      },
      { name: 'create', weight: 15, run: createTicket },
      {
        name: 'comment',
        weight: 15,
        run: async () => {
          const id = pick(ids());
          const known = tickets.get(id)!;
          const asOwner = Math.random() < 0.4;
          const body = asOwner
            ? { body: `Any news on ${id}?` }
            : { body: `Looking into ${id}`, is_internal: Math.random() < 0.3 };
          const token = asOwner ? known.owner.token : pick(agents).token;
          return [await request('POST', `/api/v1/tickets/${id}/comments`, { token, body }), 201];
        },
      },
      {
        name: 'patch',
        weight: 10,
        run: async () => {
          const candidates = [...tickets.entries()].filter(([, t]) => t.assigneeId !== null && !t.busy);
          if (!candidates.length) return null;
          const [id, known] = pick(candidates);
          const agent = agents.find((a) => a.id === known.assigneeId)!;
          known.busy = true;
          try {
            const status = CYCLE[known.step % CYCLE.length];
            const res = await request('PATCH', `/api/v1/tickets/${id}`, {
              token: agent.token,
              body: { version: known.version, status },
            });
            if (res.status === 200) {
              known.step++;
              remember(res.body, known.owner);
            }
            return [res, 200];
          } finally {
            known.busy = false;
          }
        },
      },
      {
        name: 'claim',
        weight: 8,
        run: async () => {
          const agent = pick(agents);
          const res = await request('POST', '/api/v1/tickets/claim', { token: agent.token, body: { limit: 2 } });
          if (res.status === 200) {
            for (const ticket of res.body.items) {
              const known = tickets.get(ticket.id);
              if (known && !known.busy) remember(ticket, known.owner);
            }
          }
          return [res, 200];
        },
      },
      {
        name: 'reports',
        weight: 7,
        run: async () => {
          const path = pick([
            '/api/v1/reports/summary?days=7',
            '/api/v1/reports/stats',
            '/api/v1/reports/timeseries?days=30',
          ]);
          return [await request('GET', path, { token: pick(agents).token }), 200];
        },
      },
    ];
    const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0);
    const chooseOperation = () => {
      let roll = Math.random() * totalWeight;
      for (const op of operations) if ((roll -= op.weight) < 0) return op;
      return operations[0];
    };

    // The load: one request every 1000/RATE ms whatever the answers take (an open loop).
    const latencies: Record<string, number[]> = Object.fromEntries(operations.map((op) => [op.name, []]));
    const all: number[] = [];
    const errors: string[] = [];
    let skipped = 0;
    let inFlight = 0;
    const samples: Array<{ s: number; rss: number; heap: number }> = [];
    const pid = server.pid;
    const heapStart = await heapUsedMiB(api, reportDir);
    const rssStart = rssMiB(pid);
    samples.push({ s: 0, rss: rssStart, heap: heapStart });
    console.log(
      `soak: ${MINUTES} min at ${RATE} req/s against pid ${pid}; RSS ${rssStart.toFixed(1)} MiB, heap ${heapStart.toFixed(1)} MiB at start`,
    );

    const started = Date.now();
    const endAt = started + MINUTES * 60_000;
    const interval = 1000 / RATE;
    let nextAt = started;
    let nextSample = started + SAMPLE_EVERY_MS;
    let nextRefresh = started + 5 * 60_000;
    const running = new Set<Promise<unknown>>();
    while (Date.now() < endAt) {
      const now = Date.now();
      if (now >= nextSample) {
        nextSample += SAMPLE_EVERY_MS;
        const s = Math.round((now - started) / 1000);
        const rss = rssMiB(pid);
        // Not awaited here: the load keeps its pace while the report is written.
        const sample = heapUsedMiB(api, reportDir)
          .then((heap) => samples.push({ s, rss, heap }))
          .catch((error: Error) => errors.push(`heap sample at ${s} s: ${error.message}`))
          .finally(() => running.delete(sample));
        running.add(sample);
      }
      if (now >= nextRefresh) {
        nextRefresh += 5 * 60_000;
        running.add(refreshTokens());
      }
      while (nextAt <= now) {
        nextAt += interval;
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        const op = chooseOperation();
        inFlight++;
        const task = op
          .run()
          .then((result) => {
            if (!result) return;
            const [res, expected] = result;
            latencies[op.name].push(res.ms);
            all.push(res.ms);
            if (res.status !== expected) errors.push(`${op.name}: ${res.status} ${res.text.slice(0, 300)}`);
          })
          .catch((error: Error) => errors.push(`${op.name}: threw ${error.stack}`))
          .finally(() => {
            inFlight--;
            running.delete(task);
          });
        running.add(task);
      }
      await sleep(Math.max(1, Math.min(nextAt, nextSample) - Date.now()));
    }
    await Promise.all(running);
    const elapsed = (Date.now() - started) / 1000;
    const rssEnd = rssMiB(pid);
    const heapEnd = await heapUsedMiB(api, reportDir);
    samples.push({ s: Math.round(elapsed), rss: rssEnd, heap: heapEnd });

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const sorted = [...all].sort((a, b) => a - b);
    const perOp = Object.fromEntries(
      Object.entries(latencies).map(([name, values]) => {
        const s = [...values].sort((a, b) => a - b);
        return [name, { n: s.length, p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1) }];
      }),
    );
    const rssMax = Math.max(...samples.map((sample) => sample.rss));
    // The heap in use swings with garbage not yet collected: its lowest sample in the first and in
    // the last minute is the better measure of what the process really holds.
    const floor = (from: number, to: number) =>
      Math.min(...samples.filter((sample) => sample.s >= from && sample.s <= to).map((sample) => sample.heap));
    const heapFloorFirst = floor(0, 60);
    const heapFloorLast = floor(elapsed - 60, elapsed + 1);
    const result = {
      minutes: MINUTES,
      rate: RATE,
      requests: all.length,
      achieved_rate: +(all.length / elapsed).toFixed(1),
      errors: errors.length,
      skipped_over_in_flight_cap: skipped,
      p50_ms: +percentile(sorted, 50).toFixed(1),
      p99_ms: +percentile(sorted, 99).toFixed(1),
      max_ms: +sorted[sorted.length - 1].toFixed(1),
      per_operation: perOp,
      rss_mib: { start: +rssStart.toFixed(1), end: +rssEnd.toFixed(1), max: +rssMax.toFixed(1) },
      heap_used_mib: {
        start: +heapStart.toFixed(1),
        end: +heapEnd.toFixed(1),
        lowest_first_minute: +heapFloorFirst.toFixed(1),
        lowest_last_minute: +heapFloorLast.toFixed(1),
      },
      samples: samples.map((sample) => ({ s: sample.s, rss: +sample.rss.toFixed(1), heap: +sample.heap.toFixed(1) })),
      tickets_known: tickets.size,
    };
    for (const error of errors.slice(0, 50)) console.log(`  error: ${error}`);
    if (errors.length > 50) console.log(`  ... and ${errors.length - 50} more errors`);
    console.log(
      `${result.requests} requests in ${elapsed.toFixed(0)} s (${result.achieved_rate} req/s), ${errors.length} errors; ` +
        `p50 ${ms(result.p50_ms)}, p99 ${ms(result.p99_ms)}, max ${ms(result.max_ms)}`,
    );
    for (const [name, stats] of Object.entries(perOp)) {
      console.log(
        `  ${name.padEnd(8)} ${String(stats.n).padStart(6)} requests  p50 ${ms(stats.p50)}  p99 ${ms(stats.p99)}`,
      );
    }
    console.log(
      `API memory: RSS ${rssStart.toFixed(1)} → ${rssEnd.toFixed(1)} MiB (max ${rssMax.toFixed(1)}), ` +
        `heap used ${heapStart.toFixed(1)} → ${heapEnd.toFixed(1)} MiB ` +
        `(lowest sample ${heapFloorFirst.toFixed(1)} MiB in the first minute, ${heapFloorLast.toFixed(1)} MiB in the last)`,
    );
    const resultsDir = join(repoRoot(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'soak.json'), JSON.stringify(result, null, 2) + '\n');
    if (errors.length) process.exitCode = 1;
  } finally {
    exitCode = await server.stop();
    rmSync(reportDir, { recursive: true, force: true });
    await dropDatabase(DB);
    await deleteKeys(PREFIX);
  }
  console.log(`API exited with ${exitCode} after SIGTERM`);
  if (exitCode !== 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
