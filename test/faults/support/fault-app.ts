// The built API (dist/main.js) as a child process wired to the private services, and a steady
// client load that records every response (status, error code, shape, how long it took).
import { randomBytes } from 'node:crypto';
import { waitFor } from '../../support/assertions';
import { HttpClient } from '../../support/http-client';
import { freePort, Spawned, spawnEntry } from '../../support/processes';
import { testEnv } from '../../support/test-app';

export interface FaultApp {
  proc: Spawned;
  http: HttpClient;
  redisKeyPrefix: string;
  /** SIGTERM, then the exit code (SIGKILL after 15 s, so a hung process cannot outlive the test). */
  stop(): Promise<number | null>;
}

export interface FaultAppOptions {
  databaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}

/** Boots dist/main.js (API only unless `env` says otherwise) and waits until it listens. */
export async function startFaultApp(options: FaultAppOptions): Promise<FaultApp> {
  const port = await freePort();
  const redisKeyPrefix = `faults_${randomBytes(3).toString('hex')}`;
  const env = testEnv({
    databaseUrl: options.databaseUrl,
    redisKeyPrefix,
    env: {
      REDIS_URL: options.redisUrl,
      PORT: String(port),
      WORKER_IN_PROCESS: 'false',
      // Warnings and errors stay in proc.stdout, for a failing test's message.
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  const proc = spawnEntry('main', env);
  const http = new HttpClient(`http://127.0.0.1:${port}`);
  try {
    await waitFor(
      async () => {
        if (proc.child.exitCode !== null)
          throw new Error(`exited with ${proc.child.exitCode}: ${proc.stderr.join('\n')}`);
        return (await http.get('/api/health')).status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  } catch (error) {
    proc.child.kill('SIGKILL');
    throw error;
  }
  return {
    proc,
    http,
    redisKeyPrefix,
    async stop() {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.child.exitCode;
      const killer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
      proc.child.kill('SIGTERM');
      const code = await proc.exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** Registers a user over HTTP (optionally promoted by SQL first) and logs in: its access token. */
export async function userToken(
  http: HttpClient,
  promote?: (email: string) => Promise<void>,
): Promise<{ email: string; token: string }> {
  const email = `faults-${randomBytes(4).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const registered = await http.post('/api/v1/auth/register', { email, password, name: 'Fault tester' });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  await promote?.(email);
  const login = await http.post('/api/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { email, token: login.body.access_token };
}

export interface Outcome {
  op: 'create' | 'list' | 'get';
  started: number;
  ended: number;
  /** HTTP status, or 0 when there was no HTTP answer (see `network`). */
  status: number;
  code?: string;
  /** The contract's error body: exactly `{error: {code, message, details, request_id}}`, request id echoed. */
  errorShapeOk?: boolean;
  /** Why there was no answer: ECONNRESET, ECONNREFUSED, a client timeout... */
  network?: string;
  title?: string;
}

const CLIENT_TIMEOUT_MS = 30_000;

/**
 * `loops` clients, each creating a ticket with a title of its own and listing, a few ms apart,
 * until `stop()`. Every response is kept in `outcomes`; the titles of the 201s in `acknowledged`.
 */
export class SteadyLoad {
  readonly outcomes: Outcome[] = [];
  readonly acknowledged = new Set<string>();
  private readonly pending = new Set<{ started: number }>();
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly token: string,
    private readonly prefix: string,
    private readonly options: { loops?: number; pauseMs?: number } = {},
  ) {}

  start(): this {
    this.running = true;
    this.loops = Array.from({ length: this.options.loops ?? 4 }, (_, loop) => this.loop(loop));
    return this;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  count(predicate: (outcome: Outcome) => boolean): number {
    return this.outcomes.filter(predicate).length;
  }

  private async loop(loop: number): Promise<void> {
    for (let i = 0; this.running; i++) {
      if (i % 2 === 0) {
        const title = `${this.prefix}-${loop}-${i}`;
        const outcome = await this.send('create', 'POST', '/api/v1/tickets', {
          title,
          description: 'Created under fault injection',
        });
        outcome.title = title;
        if (outcome.status === 201) this.acknowledged.add(title);
      } else {
        await this.send('list', 'GET', '/api/v1/tickets?limit=5');
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs ?? 10));
    }
  }

  /** Requests sent at least `ms` ago and not answered yet. */
  inFlightFor(ms: number): number {
    const before = Date.now() - ms;
    return [...this.pending].filter((request) => request.started <= before).length;
  }

  private async send(op: Outcome['op'], method: string, path: string, body?: unknown): Promise<Outcome> {
    const pending = { started: Date.now() };
    this.pending.add(pending);
    try {
      const outcome = await timedRequest(this.http, op, method, path, body, { authorization: `Bearer ${this.token}` });
      this.outcomes.push(outcome);
      return outcome;
    } finally {
      this.pending.delete(pending);
    }
  }
}

/** One request with its timing; never throws (a missing answer is recorded in `network`). */
export async function timedRequest(
  http: HttpClient,
  op: Outcome['op'],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const started = Date.now();
  const requestId = `faults-${randomBytes(6).toString('hex')}`;
  try {
    const response = await fetch(http.baseUrl + path, {
      method,
      headers: { ...headers, 'x-request-id': requestId, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    const outcome: Outcome = { op, started, ended: Date.now(), status: response.status };
    if (response.status >= 400) {
      const parsed = safeJson(text);
      outcome.code = parsed?.error?.code;
      outcome.errorShapeOk = hasErrorShape(parsed, requestId);
    }
    return outcome;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { op, started, ended: Date.now(), status: 0, network: cause?.code ?? (error as Error).name };
  }
}

function hasErrorShape(body: any, requestId: string): boolean {
  if (!body || Object.keys(body).join() !== 'error') return false;
  const keys = Object.keys(body.error).sort().join();
  return (
    keys === 'code,details,message,request_id' &&
    typeof body.error.message === 'string' &&
    body.error.request_id === requestId
  );
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Outcomes counted by kind ("create 503 UNAVAILABLE": 12): what a failed assertion shows. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const what = o.status ? `${o.status}${o.code ? ` ${o.code}` : ''}` : `no answer (${o.network})`;
    const key = `${o.op} ${what}${o.errorShapeOk === false ? ' (not the error shape)' : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
