// Entry point for the TypeORM CLI (`npm run migration:*`), which needs a default-exported DataSource.
import { DataSource } from 'typeorm';
import { databaseConfigFromEnv } from './config/database.config';
import { envFromProcess } from './config/process-env';
import { buildDataSourceOptions } from './database/data-source-options';
import { entities } from './entities';

export default new DataSource(buildDataSourceOptions(databaseConfigFromEnv(envFromProcess()), entities));
