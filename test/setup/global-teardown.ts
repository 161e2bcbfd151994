// Drops every database and Redis key this run created, whatever the tests left behind.
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { PG_ADMIN_URL, REDIS_URL, runId } from '../support/test-env';

export default async function globalTeardown(): Promise<void> {
  const id = runId();
  const pg = new Client({ connectionString: PG_ADMIN_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'helpdesk\\_test\\_' || $1 || '%'",
      [id],
    );
    for (const { datname } of rows) {
      await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await pg.end();
  }
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `test_${id}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
