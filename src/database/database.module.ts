import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config';
import { buildDataSourceOptions } from './data-source-options';
import { ensureDatabaseExists, runMigrationsLocked } from './database-bootstrap';
import { CappedCounter } from './capped-counts';
import { TransactionContext } from './transaction-context';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(config),
        // Fail fast with one clear line instead of retrying for half a minute.
        toRetry: () => false,
      }),
      dataSourceFactory: async (options) => {
        const url = (options as { url: string }).url;
        await ensureDatabaseExists(url);
        const dataSource = new DataSource(options!);
        await dataSource.initialize();
        await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [TransactionContext, CappedCounter],
  exports: [TransactionContext, CappedCounter],
})
export class DatabaseModule {}
