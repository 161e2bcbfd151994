import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files on tickets and comments (owner: `attachments/`). The bytes live in object storage under
 * their SHA-256, so rows with the same `sha256` share one object; the `sha256` index answers "does
 * any other row still use these bytes" when one is deleted, and the orphan sweep's batches.
 */
export class Attachments1764001000000 implements MigrationInterface {
  name = 'Attachments1764001000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE attachments (
        id serial PRIMARY KEY,
        ticket_id int NOT NULL REFERENCES tickets (id),
        comment_id int REFERENCES comments (id),
        uploader_id int NOT NULL REFERENCES users (id),
        filename text NOT NULL CHECK (octet_length(filename) BETWEEN 1 AND 255),
        content_type varchar(255) NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        is_internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX attachments_ticket_idx ON attachments (ticket_id, id)`);
    await db.query(`CREATE INDEX attachments_comment_idx ON attachments (comment_id) WHERE comment_id IS NOT NULL`);
    await db.query(`CREATE INDEX attachments_sha256_idx ON attachments (sha256)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE attachments`);
  }
}
