// Boots the real application (createApp, as main.ts does) on a random port, against a private
// clone of the run's migrated database and a private Redis key prefix.
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { HttpClient } from './http-client';
import {
  PG_ADMIN_URL,
  REDIS_URL,
  TEST_JWT_SECRET,
  databaseUrl,
  randomSuffix,
  runId,
  templateDatabaseName,
} from './test-env';

/** A fresh database for one test file, cloned from the migrated template (fast: a file copy). */
export async function createTestDatabase(): Promise<string> {
  const name = `${templateDatabaseName()}_${randomSuffix()}`;
  const pg = new Client({ connectionString: PG_ADMIN_URL });
  await pg.connect();
  try {
    await pg.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
  } finally {
    await pg.end();
  }
  return databaseUrl(name);
}

export interface TestAppOptions {
  /** Share a database between instances; a new clone by default. */
  databaseUrl?: string;
  /** Share a Redis namespace between instances; a new prefix by default. */
  redisKeyPrefix?: string;
  workers?: boolean;
  /** Variables over `testEnv()`'s; the app is configured from these alone, never from process.env. */
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  http: HttpClient;
  dataSource: DataSource;
  databaseUrl: string;
  redisKeyPrefix: string;
  close(): Promise<void>;
}

/** A test app's variables: what `startTestApp` configures the app from, and what child processes get. */
export function testEnv(options: {
  databaseUrl: string;
  redisKeyPrefix: string;
  env?: Record<string, string>;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL,
    REDIS_KEY_PREFIX: options.redisKeyPrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    // Limits far away, so tests that are not about rate limiting never meet them.
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_FAILURES_PER_IP_PER_MINUTE: '1000000',
    LOGIN_FAILURES_PER_ACCOUNT: '1000000',
    ACCOUNT_EMAIL_INTERVAL_SECONDS: '0',
    ACCOUNT_EMAILS_PER_HOUR: '1000000',
    VERIFICATION_CODE_FAILURES_PER_HOUR: '1000000',
    // Reports checked right after the writes that change them.
    REPORTS_STATS_CACHE_SECONDS: '0',
    // Attachments of instances that share a Redis namespace share a directory too; nothing in ./data.
    STORAGE_DIR: join(tmpdir(), 'helpdesk-test-storage', options.redisKeyPrefix),
    // Apps with workers listen for mail on a free port each (tests run side by side).
    INBOUND_SMTP_PORT: '0',
    ...options.env,
  };
}

export function newRedisKeyPrefix(): string {
  return `test_${runId()}_${randomSuffix()}`;
}

/**
 * Several apps may run in one jest process (instances of one deployment). Passport keeps its
 * strategies in a process-wide registry, so the JWT strategy of the app booted last serves them
 * all: close that one last.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const url = options.databaseUrl ?? (await createTestDatabase());
  const redisKeyPrefix = options.redisKeyPrefix ?? newRedisKeyPrefix();
  const app = await createApp({
    workers: options.workers ?? false,
    env: testEnv({ databaseUrl: url, redisKeyPrefix, env: options.env }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    http: new HttpClient(baseUrl),
    dataSource: app.get(DataSource),
    databaseUrl: url,
    redisKeyPrefix,
    close: () => app.close(),
  };
}
