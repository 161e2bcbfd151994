import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_log`: admin and security actions (role changes, deactivations, SLA, business-hours,
 * automation, webhook and category edits, logins and failed logins, refresh-token reuse), written
 * by `audit/` in the change's own transaction, read by `GET /audit-log` newest first.
 *
 * - `actor_id` has no foreign key: the log outlives what it talks about, and an insert must not
 *   lock the actor's `users` row (a failed login names no user at all). The list joins `users`
 *   for the actor's current email.
 * - `action` is one of a fixed list of dotted names (the code's `AUDIT_ACTIONS`): a CHECK would
 *   need a migration per new action, so the list is checked where rows are written and read.
 * - `details` holds what changed (non-secret fields only), bounded to 4 KB of JSON by the writer.
 * - Indexes for the list: by time, and by action, actor or target then time. `at` leads none
 *   besides the first, so the housekeeping purge (`at < now() - retention`) walks that one.
 */
export class AuditLog1764001500000 implements MigrationInterface {
  name = 'AuditLog1764001500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id int,
        actor_ip varchar(64),
        action varchar(64) NOT NULL,
        target_type varchar(32),
        target_id int,
        request_id varchar(128),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (at, id)`);
    await db.query(`CREATE INDEX audit_log_action_at_idx ON audit_log (action, at)`);
    await db.query(`CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at)`);
    await db.query(`CREATE INDEX audit_log_target_at_idx ON audit_log (target_type, target_id, at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
  }
}
