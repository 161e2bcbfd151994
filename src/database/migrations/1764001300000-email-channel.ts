import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The email channel: where tickets and comments came from (`source`), and every message of every
 * email thread, received or sent. The unique Message-ID is what makes a message arriving twice
 * (by SMTP and by HTTP, or retried by a sender) create nothing the second time: it is inserted in
 * the transaction of the ticket or comment the message made.
 */
export class EmailChannel1764001300000 implements MigrationInterface {
  name = 'EmailChannel1764001300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE message_source AS ENUM ('web', 'email', 'api')`);
    // A constant default: Postgres stores it in the catalogue, no table rewrite at 1M rows.
    await db.query(`ALTER TABLE tickets ADD COLUMN source message_source NOT NULL DEFAULT 'web'`);
    await db.query(`ALTER TABLE comments ADD COLUMN source message_source NOT NULL DEFAULT 'web'`);
    await db.query(`
      CREATE TABLE email_messages (
        id bigserial PRIMARY KEY,
        message_id varchar(998) NOT NULL,
        direction varchar(3) NOT NULL CHECK (direction IN ('in', 'out')),
        ticket_id int REFERENCES tickets (id) ON DELETE CASCADE,
        comment_id int REFERENCES comments (id) ON DELETE SET NULL,
        sender varchar(254),
        outcome varchar(20) NOT NULL,
        reason varchar(40),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX email_messages_message_id_key ON email_messages (message_id)`);
    // A thread, oldest first: References of the next email, and the messages a reply may name.
    await db.query(
      `CREATE INDEX email_messages_ticket_idx ON email_messages (ticket_id, id) WHERE ticket_id IS NOT NULL`,
    );
    // The per-sender flood limit counts a sender's messages of the last hour.
    await db.query(
      `CREATE INDEX email_messages_sender_idx ON email_messages (sender, created_at) WHERE direction = 'in'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_messages`);
    await db.query(`ALTER TABLE comments DROP COLUMN source`);
    await db.query(`ALTER TABLE tickets DROP COLUMN source`);
    await db.query(`DROP TYPE message_source`);
  }
}
