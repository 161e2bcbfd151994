import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config';
import { buildDataSourceOptions, EntityList } from './data-source-options';
import { ensureDatabaseExists, requireNoPendingMigrations, runMigrationsLocked } from './database-bootstrap';
import { CappedCounter } from './capped-counts';
import { TransactionContext } from './transaction-context';

/** Postgres for both processes. `entities` come from the composition root (src/entities.ts). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    // Set by useFactory, which TypeORM calls before dataSourceFactory.
    let migrateOnStart = true;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (config: ConfigType<typeof databaseConfig>) => {
            migrateOnStart = config.migrateOnStart;
            return {
              ...buildDataSourceOptions(config, entities),
              // Fail fast with one clear line instead of retrying for half a minute.
              toRetry: () => false,
            };
          },
          dataSourceFactory: async (options) => {
            const url = (options as { url: string }).url;
            await ensureDatabaseExists(url);
            const dataSource = new DataSource(options!);
            await dataSource.initialize();
            try {
              if (migrateOnStart) await runMigrationsLocked(dataSource);
              else await requireNoPendingMigrations(dataSource);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
      providers: [TransactionContext, CappedCounter],
      exports: [TransactionContext, CappedCounter],
    };
  }
}
