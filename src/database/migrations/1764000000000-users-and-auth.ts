import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersAndAuth1764000000000 implements MigrationInterface {
  name = 'UsersAndAuth1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE user_role AS ENUM ('user', 'agent', 'admin')`);
    await db.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        email varchar(254) NOT NULL,
        name varchar(100) NOT NULL,
        role user_role NOT NULL DEFAULT 'user',
        password_hash varchar(255) NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        email_verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);
    await db.query(`CREATE INDEX users_role_id_idx ON users (role, id)`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id bigserial PRIMARY KEY,
        user_id int NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash)`);
    await db.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX refresh_tokens_user_live_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await db.query(`CREATE TYPE account_token_purpose AS ENUM ('password_reset', 'email_verification')`);
    await db.query(`
      CREATE TABLE account_tokens (
        id bigserial PRIMARY KEY,
        user_id int NOT NULL REFERENCES users (id),
        purpose account_token_purpose NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        failed_attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX account_tokens_lookup_idx ON account_tokens (purpose, token_hash)`);
    await db.query(
      `CREATE INDEX account_tokens_user_open_idx ON account_tokens (user_id, purpose) WHERE used_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_tokens`);
    await db.query(`DROP TYPE account_token_purpose`);
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TYPE user_role`);
  }
}
