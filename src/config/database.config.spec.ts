import { databaseConfigFromEnv } from './database.config';

describe('database config', () => {
  it('migrates at start unless MIGRATE_ON_START=false (a deployment step migrates first)', () => {
    expect(databaseConfigFromEnv({}).migrateOnStart).toBe(true);
    expect(databaseConfigFromEnv({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(() => databaseConfigFromEnv({ MIGRATE_ON_START: 'sometimes' })).toThrow(/MIGRATE_ON_START/);
  });
});
