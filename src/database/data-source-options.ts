import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config';
import { entities } from './entities';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The one definition of our DataSource, shared by the app, the TypeORM CLI and the tests. */
export function buildDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url,
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
    },
  };
}
