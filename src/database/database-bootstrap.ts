// Start-up chores for Postgres: create the database on a fresh server, then migrate under a lock
// so any number of API instances may boot at the same time.
import { Client } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { DatabaseConfig } from '../config';
import { redactUrl } from '../config/env';
import { buildDataSourceOptions, EntityList } from './data-source-options';
import { StartupError } from '../common/errors/startup.error';

/** Arbitrary but fixed: every instance must ask for the same advisory lock. */
const MIGRATION_LOCK_KEY = 724_311_001;

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new StartupError(`DATABASE_URL names no database: ${redactUrl(databaseUrl)}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(`Postgres unreachable at ${redactUrl(databaseUrl)}: ${describe(error)}`);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (error) {
    // Another instance created it between our check and our CREATE: that is fine.
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) {
      throw new StartupError(`Could not create database "${name}": ${describe(error)}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs pending migrations while holding a Postgres advisory lock; returns the names applied. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Start with MIGRATE_ON_START=false: migrating is a deployment step of its own, so a schema behind
 * the code is refused with one line instead of being served (or migrated by surprise).
 */
export async function requireNoPendingMigrations(dataSource: DataSource): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length) {
    throw new StartupError(
      `${pending.length} migration${pending.length === 1 ? '' : 's'} pending (MIGRATE_ON_START=false); ` +
        'run `node dist/cli.js migrate` first',
    );
  }
}

/**
 * What API start does before serving, alone (`node dist/cli.js migrate`, a deployment's migration
 * step): creates the database if missing and runs the pending migrations under the same lock.
 */
export async function migrateDatabase(config: DatabaseConfig, entities: EntityList): Promise<string[]> {
  await ensureDatabaseExists(config.url);
  const dataSource = new DataSource(buildDataSourceOptions({ ...config, poolSize: 2 }, entities));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new StartupError(`Postgres unreachable at ${redactUrl(config.url)}: ${describe(error)}`);
  }
  try {
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describe(error.errors[0]);
  const { code, message } = error as { code?: string; message?: string };
  return [code, message].filter(Boolean).join(' ') || String(error);
}
