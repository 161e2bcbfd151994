import * as pg from 'pg';
import { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { DatabaseConfig } from '../config';
import { UnavailableAwarePool } from './database-errors';
import { migrations } from './migrations';
import { PreparingClient } from './prepared-statements';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Sent with each connection (bench/baseline.ts sends the same value, so both run the same plans). */
export const RANDOM_PAGE_COST = 1.1;

/** Every entity class (src/entities.ts, at the composition root: it imports every feature). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own type for the list
export type EntityList = MixedList<Function | string | EntitySchema<any>>;

/** The one definition of our DataSource, shared by the app, the TypeORM CLI and the tests. */
export function buildDataSourceOptions(
  config: Pick<DatabaseConfig, 'url' | 'poolSize'>,
  entities: EntityList,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
    // pg itself, with a pool whose failed checkouts are typed as outages (database-errors.ts).
    driver: { ...pg, Pool: UnavailableAwarePool },
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Off: TypeORM would print failing SQL with its parameters (password hashes, tokens) to stdout.
    // Failures reach the exception filter, which logs them without parameters.
    logging: false,
    extra: {
      max: config.poolSize,
      // Fail fast when Postgres is down or the pool is exhausted: clients get a quick 503, never a hang.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'helpdesk',
      // Named prepared statements for queries marked PREPARED (see prepared-statements.ts).
      Client: PreparingClient,
      // The planner's default (4.0) prices a random page read as if it came from a spinning disk;
      // our working set is in memory (or on SSD). At 4.0 a search for a rare word (0.1% of tickets)
      // walked the created_at index filtering 20k rows (12–28 ms) instead of a GIN bitmap (7 ms).
      options: `-c random_page_cost=${RANDOM_PAGE_COST}`,
    },
  };
}
