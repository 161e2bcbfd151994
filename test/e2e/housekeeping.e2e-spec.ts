// The daily housekeeping: what it deletes, and what it must keep (account tokens of the last hour
// are what the account-email limits count).
import { HousekeepingService } from '../../src/housekeeping/housekeeping.service';
import { makeUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('housekeeping', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
  });
  afterAll(() => t.close());

  /** An account token issued `ago` ago that expired `lifetime` after that (states no client can reach). */
  async function accountToken(userId: number, ago: string, lifetime: string): Promise<number> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at)
       VALUES ($1, 'email_verification', repeat('0', 64), now() - $2::interval, now() - $2::interval + $3::interval)
       RETURNING id`,
      [userId, ago, lifetime],
    );
    return Number(id);
  }

  async function codeFailure(userId: number, ago: string): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO verification_code_failures (user_id, failed_at) VALUES ($1, now() - $2::interval)`,
      [userId, ago],
    );
  }

  it('purges account tokens expired a day ago and wrong-code records past their hour, and keeps the rest', async () => {
    const { user } = await makeUser(t);
    const old = await accountToken(user.id, '3 days', '15 minutes');
    const expiredToday = await accountToken(user.id, '3 hours', '15 minutes');
    const fresh = await accountToken(user.id, '1 minute', '1 hour');
    await codeFailure(user.id, '2 hours');
    await codeFailure(user.id, '10 minutes');

    await t.app.get(HousekeepingService).purgeExpired();

    const tokens: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM account_tokens WHERE user_id = $1 ORDER BY id`,
      [user.id],
    );
    expect(tokens.map((row) => Number(row.id))).toEqual([expiredToday, fresh]);
    expect(old).toBeLessThan(expiredToday);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM verification_code_failures WHERE user_id = $1`,
      [user.id],
    );
    expect(n).toBe(1);
  });

  it('purges audit-log entries past AUDIT_RETENTION_DAYS (365 by default), and keeps the rest', async () => {
    const insert = async (ago: string): Promise<string> =>
      (
        await t.dataSource.query(
          `INSERT INTO audit_log (at, action) VALUES (now() - $1::interval, 'auth.login') RETURNING id`,
          [ago],
        )
      )[0].id;
    const old = await insert('366 days');
    const kept = await insert('364 days');

    await t.app.get(HousekeepingService).purgeExpired();

    const left: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM audit_log WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[old, kept]],
    );
    expect(left.map((row) => row.id)).toEqual([kept]);
  });
});
