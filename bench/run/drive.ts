// Drives one server with autocannon, in this process, and measures what it answered.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { rssMiB } from '../lib/api';
import { percentile, round } from '../lib/stats';

export interface Measured {
  seconds: number;
  /** Answers with the expected status. */
  ok: number;
  /** Answers with any other status, plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  timeouts: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Runs autocannon with `options` until it stops; latencies are of the expected answers only. */
export async function drive(options: autocannon.Options, expect: number): Promise<Measured> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let requestErrors = 0;
  const started = performance.now();
  // The run ends with its last answer: autocannon itself may idle a while after a request limit.
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      lastAnswer = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === expect) latencies.push(ms);
      else failures++;
    });
    instance.on('reqError', () => requestErrors++);
  });
  const seconds = Math.max(0.001, (lastAnswer - started) / 1000);
  const sorted = Float64Array.from(latencies).sort();
  return {
    seconds: round(seconds, 2),
    ok: latencies.length,
    errors: failures + requestErrors,
    statuses,
    timeouts: result.timeouts,
    rps: round(latencies.length / seconds, 0),
    p50: round(percentile(sorted, 50), 1),
    p90: round(percentile(sorted, 90), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted.length ? sorted[sorted.length - 1] : NaN, 1),
  };
}

/** The highest resident set size of a process while it runs, sampled every 200 ms. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  max = 0;

  constructor(private readonly pid: number) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
    return this;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return round(this.max, 0);
  }

  private sample(): void {
    try {
      this.max = Math.max(this.max, rssMiB(this.pid));
    } catch {
      // the process is gone; its crash is reported elsewhere
    }
  }
}
