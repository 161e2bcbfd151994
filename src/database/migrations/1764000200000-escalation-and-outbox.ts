import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escalation worker's indexes and the outbox.
 *
 * The sweep asks, per breach kind, for the tickets that missed that target and were not escalated
 * for it yet, oldest due first. Each partial index holds exactly the tickets that may still escalate
 * for its kind: not deleted, not resolved (nor answered, for the first response), not escalated for
 * that kind, and whose clock runs or was stopped only after the due time (a ticket paused in
 * `pending` before its due time cannot breach until it leaves `pending`, and then both due dates
 * move later). Tickets leave the index as soon as they escalate, so it stays as small as the
 * backlog of live tickets, and the sweep's range scan `due < now()` reads only breached ones.
 * The predicates must stay in step with `src/escalation/escalation-sql.ts`.
 *
 * The outbox holds the emails a transaction decided to send, written in that transaction; a relay
 * moves them to the `mail` queue after commit (see `src/outbox/outbox.service.ts`).
 */
export class EscalationAndOutbox1764000200000 implements MigrationInterface {
  name = 'EscalationAndOutbox1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX tickets_first_response_breach_idx ON tickets (first_response_due_at, id)
        WHERE deleted_at IS NULL AND first_response_escalated_at IS NULL
          AND first_responded_at IS NULL AND resolved_at IS NULL
          AND (paused_at IS NULL OR paused_at > first_response_due_at)`);
    await db.query(`
      CREATE INDEX tickets_resolution_breach_idx ON tickets (resolution_due_at, id)
        WHERE deleted_at IS NULL AND resolution_escalated_at IS NULL
          AND resolved_at IS NULL
          AND (paused_at IS NULL OR paused_at > resolution_due_at)`);

    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        kind varchar(40) NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key varchar(200) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX outbox_dedupe_key ON outbox (dedupe_key)`);
    // The relay's work list: only rows still to relay, in order.
    await db.query(`CREATE INDEX outbox_unrelayed_idx ON outbox (id) WHERE relayed_at IS NULL`);
    // Housekeeping deletes relayed rows after a while.
    await db.query(`CREATE INDEX outbox_relayed_at_idx ON outbox (relayed_at) WHERE relayed_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP INDEX tickets_resolution_breach_idx`);
    await db.query(`DROP INDEX tickets_first_response_breach_idx`);
  }
}
