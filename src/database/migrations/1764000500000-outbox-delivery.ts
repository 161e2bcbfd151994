import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox learns whether an email was delivered, not only queued.
 *
 * Until now a row was done once its mail job was in Redis; a Redis that then lost its data (no
 * persistence, a failover to a stale replica, a FLUSHALL) lost the email with it. Now the mail
 * worker stamps `delivered_at` after the SMTP server accepted the message, and the relay queues
 * again the rows that were relayed a while ago and are still undelivered (same job id, so a job
 * still in Redis is not duplicated). The partial index holds only those rows: a few at most.
 *
 * Rows relayed before this migration have no body left to send again: they count as delivered.
 */
export class OutboxDelivery1764000500000 implements MigrationInterface {
  name = 'OutboxDelivery1764000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN delivered_at timestamptz`);
    await db.query(`UPDATE outbox SET delivered_at = relayed_at WHERE relayed_at IS NOT NULL`);
    await db.query(
      `CREATE INDEX outbox_undelivered_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL AND delivered_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbox_undelivered_idx`);
    await db.query(`ALTER TABLE outbox DROP COLUMN delivered_at`);
  }
}
