// Where the test run's shared services are, and the names global setup chose for this run.
import { randomBytes } from 'node:crypto';

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export function runId(): string {
  const id = process.env.HELPDESK_TEST_RUN_ID;
  if (!id) throw new Error('HELPDESK_TEST_RUN_ID is not set: run the e2e tests through jest (global setup sets it)');
  return id;
}

export function templateDatabaseName(): string {
  return `helpdesk_test_${runId()}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

export interface FuzzSettings {
  /** The base seed; each route derives its own from it. `FUZZ_SEED` replays a run. */
  seed: number;
  /** Cases per route (`FUZZ_RUNS`). */
  runs: number;
  /** Only the routes whose operationId is listed (`FUZZ_ONLY=createTicket,getTicket`), for a replay. */
  only: string[];
}

export function fuzzSettings(defaultRuns: number): FuzzSettings {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : defaultRuns;
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${process.env.FUZZ_SEED}`);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`);
  const only = (process.env.FUZZ_ONLY ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return { seed, runs, only };
}
