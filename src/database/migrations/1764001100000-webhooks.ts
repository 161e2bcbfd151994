import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (owner: `webhooks/`). `webhook_messages` is their outbox: one row per event, written in
 * the transaction of the change (a rollback leaves none), relayed after commit into one
 * `webhook_deliveries` row per subscribed hook. The delivery rows are the source of truth for
 * retries; the queue only carries them out, and a sweep re-queues what a lost queue forgot.
 */
export class Webhooks1764001100000 implements MigrationInterface {
  name = 'Webhooks1764001100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhooks (
        id serial PRIMARY KEY,
        url varchar(2000) NOT NULL,
        events text[] NOT NULL,
        description varchar(500),
        active boolean NOT NULL DEFAULT true,
        include_internal boolean NOT NULL DEFAULT false,
        secret_encrypted text NOT NULL,
        failing_since timestamptz,
        deactivated_reason varchar(200),
        created_by int REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook_messages (
        id bigserial PRIMARY KEY,
        message_id varchar(64) NOT NULL UNIQUE,
        event_type varchar(40) NOT NULL,
        ticket_id int,
        actor_id int,
        is_internal boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL DEFAULT '{}',
        payload jsonb,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_messages_unrelayed_idx ON webhook_messages (id) WHERE relayed_at IS NULL`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        webhook_id int NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        message_id bigint NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_status_code int,
        last_error varchar(500),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (webhook_id, message_id)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id DESC)`);
    await db.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_messages`);
    await db.query(`DROP TABLE webhooks`);
  }
}
