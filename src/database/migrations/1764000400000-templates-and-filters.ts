import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Response templates, saved ticket filters, and the ticket indexes the reports need.
 *
 * Templates and filters: an agent lists their own rows (`owner_id`) and everyone's public ones
 * (the partial index on `is_public` stays as small as the shared set). Users are deactivated,
 * never deleted, so the owner foreign keys need no ON DELETE rule.
 *
 * Reports (src/reports/) count tickets whose timestamp falls in a range of days, with index-only
 * scans: `created_at` is served by `tickets_created_idx`; these add `resolved_at`, `escalated_at`
 * and the two due dates. The partial ones hold only tickets that have the timestamp, so they cost
 * nothing when a ticket is created.
 */
export class TemplatesAndFilters1764000400000 implements MigrationInterface {
  name = 'TemplatesAndFilters1764000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE response_templates (
        id serial PRIMARY KEY,
        title varchar(200) NOT NULL,
        content text NOT NULL CHECK (char_length(content) <= 10000),
        category varchar(100),
        is_public boolean NOT NULL DEFAULT false,
        owner_id int NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX response_templates_owner_idx ON response_templates (owner_id)`);
    await db.query(`CREATE INDEX response_templates_public_idx ON response_templates (id) WHERE is_public`);

    await db.query(`
      CREATE TABLE saved_filters (
        id serial PRIMARY KEY,
        name varchar(100) NOT NULL,
        filter_params jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(filter_params) = 'object'),
        is_public boolean NOT NULL DEFAULT false,
        owner_id int NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX saved_filters_owner_idx ON saved_filters (owner_id)`);
    await db.query(`CREATE INDEX saved_filters_public_idx ON saved_filters (id) WHERE is_public`);

    const live = 'deleted_at IS NULL';
    await db.query(
      `CREATE INDEX tickets_resolved_idx ON tickets (resolved_at) WHERE resolved_at IS NOT NULL AND ${live}`,
    );
    await db.query(
      `CREATE INDEX tickets_escalated_idx ON tickets (escalated_at) WHERE escalated_at IS NOT NULL AND ${live}`,
    );
    // Breaches by due date, index-only: each due-date index carries what decides whether its
    // target was missed (MISSED_TARGET_SQL in src/escalation/sla.ts).
    await db.query(
      `CREATE INDEX tickets_first_response_due_idx ON tickets (first_response_due_at)
         INCLUDE (first_responded_at, resolved_at, paused_at) WHERE ${live}`,
    );
    // Same key as before (the list's `sort=resolution_due_at` still uses it), now covering; it
    // also carries the first-response columns so a ticket that missed both targets is counted once.
    await db.query(`DROP INDEX tickets_resolution_due_idx`);
    await db.query(
      `CREATE INDEX tickets_resolution_due_idx ON tickets (resolution_due_at, id)
         INCLUDE (resolved_at, paused_at, first_response_due_at, first_responded_at) WHERE ${live}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tickets_resolution_due_idx`);
    await db.query(
      `CREATE INDEX tickets_resolution_due_idx ON tickets (resolution_due_at, id) WHERE deleted_at IS NULL`,
    );
    for (const index of ['tickets_first_response_due_idx', 'tickets_escalated_idx', 'tickets_resolved_idx']) {
      await db.query(`DROP INDEX ${index}`);
    }
    await db.query(`DROP TABLE saved_filters`);
    await db.query(`DROP TABLE response_templates`);
  }
}
