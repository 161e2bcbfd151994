import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily webhook purge deletes old messages, and their deliveries with them (ON DELETE
 * CASCADE): each cascade looks deliveries up by message, which this index serves.
 */
export class WebhookRetention1764001200000 implements MigrationInterface {
  name = 'WebhookRetention1764001200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_deliveries_message_idx ON webhook_deliveries (message_id)`);
    await db.query(
      `CREATE INDEX webhook_messages_relayed_idx ON webhook_messages (relayed_at) WHERE relayed_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_messages_relayed_idx`);
    await db.query(`DROP INDEX webhook_deliveries_message_idx`);
  }
}
