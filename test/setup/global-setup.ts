// Creates this run's template database (helpdesk_test_<run id>) and migrates it once; each test
// file then clones it, so files can run in parallel without seeing each other's rows.
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { entities } from '../../src/entities';
import { ensureDatabaseExists, runMigrationsLocked } from '../../src/database/database-bootstrap';
import { databaseUrl, randomSuffix, templateDatabaseName } from '../support/test-env';

export default async function globalSetup(): Promise<void> {
  process.env.HELPDESK_TEST_RUN_ID = `${Date.now().toString(36)}_${randomSuffix()}`;
  const url = databaseUrl(templateDatabaseName());
  await ensureDatabaseExists(url);
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }, entities));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
