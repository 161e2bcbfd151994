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
