import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency records live in Postgres, committed with the resource they created (API.md → Cross-cutting). */
export class IdempotencyKeys1764000300000 implements MigrationInterface {
  name = 'IdempotencyKeys1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        id bigserial PRIMARY KEY,
        user_id int NOT NULL,
        method varchar(10) NOT NULL,
        route varchar(300) NOT NULL,
        key varchar(255) NOT NULL,
        fingerprint char(64) NOT NULL,
        response_status smallint,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX idempotency_keys_scope_key ON idempotency_keys (user_id, method, route, key)`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
