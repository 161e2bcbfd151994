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
 * `send_before`: an email not sent by then is not sent at all (a reset link or a code that has
 * expired is worse than no email); the writer sets it from what it mails, a day by default.
 *
 * Rows relayed before this migration have no body left to send again: they count as delivered.
 */
export class OutboxDelivery1764000500000 implements MigrationInterface {
  name = 'OutboxDelivery1764000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN delivered_at timestamptz`);
    await db.query(`ALTER TABLE outbox ADD COLUMN send_before timestamptz`);
    await db.query(`UPDATE outbox SET send_before = created_at + interval '1 day',
                                      delivered_at = CASE WHEN relayed_at IS NOT NULL THEN relayed_at END`);
    await db.query(`ALTER TABLE outbox ALTER COLUMN send_before SET DEFAULT now() + interval '1 day',
                                        ALTER COLUMN send_before SET NOT NULL`);
    await db.query(
      `CREATE INDEX outbox_undelivered_idx ON outbox (id) WHERE relayed_at IS NOT NULL AND delivered_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX outbox_undelivered_idx`);
    await db.query(`ALTER TABLE outbox DROP COLUMN send_before`);
    await db.query(`ALTER TABLE outbox DROP COLUMN delivered_at`);
  }
}
