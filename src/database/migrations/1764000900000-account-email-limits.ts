import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Limits on account emails and verification codes, counted in Postgres (owner: `auth/`).
 *
 * Each reset or verification email writes one `account_tokens` row, so "emails to this address in
 * the last hour" is a count of its rows: the index makes it an index range. Wrong verification
 * codes must be counted per address across re-issued codes and for exactly one hour each, so each
 * one is a row of `verification_code_failures` (at most the limit per user per hour are kept).
 */
export class AccountEmailLimits1764000900000 implements MigrationInterface {
  name = 'AccountEmailLimits1764000900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX account_tokens_user_created_idx ON account_tokens (user_id, created_at)`);
    await db.query(`
      CREATE TABLE verification_code_failures (
        id bigserial PRIMARY KEY,
        user_id int NOT NULL REFERENCES users (id),
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX verification_code_failures_user_idx ON verification_code_failures (user_id, failed_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE verification_code_failures`);
    await db.query(`DROP INDEX account_tokens_user_created_idx`);
  }
}
