import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk runs itself between shifts: a business-hours calendar the SLA clock can count in,
 * warnings before a target falls due, automations the worker applies, and auto-assignment per
 * category.
 *
 * - `business_hours`: one row (the desk's calendar), 24/7 in UTC until an admin sets hours.
 * - `sla_policies.calendar`, `warn_before_minutes`: which clock a priority's targets count on, and
 *   how long before a due time the desk is warned (0 = never).
 * - `tickets.first_response_warned_at`, `resolution_warned_at`: the warning's exactly-once marks,
 *   like the `*_escalated_at` ones. The sweep finds warning candidates through the escalation
 *   partial indexes (a range scan `due BETWEEN now() AND now() + window`), so no new index.
 * - `tickets.status_changed_at`: when the status last changed (`hours_in_status`). A stable
 *   default (evaluated once, stored in the catalogue: no table rewrite), then existing tickets get
 *   the best time their columns tell: when they were resolved, closed, paused or escalated.
 * - `categories.assignment`, `agent_ids`, `assignment_cursor`: who gets a new ticket of the
 *   category, and where round robin stands (the cursor only ever grows; the pick is
 *   `cursor mod active agents`).
 * - `automations`, `automation_runs`: the rules, and one row per (rule, ticket, version) the rule
 *   was applied at; the primary key is what makes a rule apply once to a ticket in a given state.
 */
export class BusinessHoursAutomations1764001400000 implements MigrationInterface {
  name = 'BusinessHoursAutomations1764001400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE business_hours (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        timezone varchar(64) NOT NULL,
        week jsonb NOT NULL,
        holidays jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const fullDay = JSON.stringify([['00:00', '24:00']]);
    const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, '__DAY__']));
    await db.query(`INSERT INTO business_hours (id, timezone, week) VALUES (1, 'UTC', $1::jsonb)`, [
      JSON.stringify(week).replaceAll('"__DAY__"', fullDay),
    ]);

    await db.query(`
      ALTER TABLE sla_policies
        ADD COLUMN calendar varchar(14) NOT NULL DEFAULT '24x7' CHECK (calendar IN ('24x7', 'business_hours')),
        ADD COLUMN warn_before_minutes int NOT NULL DEFAULT 0 CHECK (warn_before_minutes >= 0)`);

    await db.query(`
      ALTER TABLE tickets
        ADD COLUMN first_response_warned_at timestamptz,
        ADD COLUMN resolution_warned_at timestamptz,
        ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      UPDATE tickets SET status_changed_at = CASE status
          WHEN 'open' THEN created_at
          WHEN 'resolved' THEN coalesce(resolved_at, updated_at)
          WHEN 'closed' THEN coalesce(closed_at, updated_at)
          WHEN 'pending' THEN coalesce(paused_at, updated_at)
          WHEN 'escalated' THEN coalesce(escalated_at, updated_at)
          ELSE updated_at END`);
    // Time-based automations ("resolved for 72 h") walk one status's oldest changes first, by
    // keyset on (status_changed_at, id).
    await db.query(
      `CREATE INDEX tickets_status_changed_idx ON tickets (status, status_changed_at, id) WHERE deleted_at IS NULL`,
    );

    // least_open counts each listed agent's unresolved tickets at every create in the category:
    // without it, that count reads every ticket an agent ever had (seconds at 1M tickets).
    await db.query(
      `CREATE INDEX tickets_unresolved_assignee_idx ON tickets (assignee_id)
         WHERE resolved_at IS NULL AND deleted_at IS NULL AND assignee_id IS NOT NULL`,
    );

    await db.query(`
      ALTER TABLE categories
        ADD COLUMN assignment varchar(11) NOT NULL DEFAULT 'none'
          CHECK (assignment IN ('none', 'round_robin', 'least_open')),
        ADD COLUMN agent_ids int[] NOT NULL DEFAULT '{}',
        ADD COLUMN assignment_cursor bigint NOT NULL DEFAULT 0`);

    await db.query(`
      CREATE TABLE automations (
        id serial PRIMARY KEY,
        name varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL,
        actions jsonb NOT NULL,
        author_id int REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE automation_runs (
        automation_id int NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
        ticket_id int NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        ticket_version int NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (automation_id, ticket_id, ticket_version)
      )`);
    await db.query(`CREATE INDEX automation_runs_ticket_idx ON automation_runs (ticket_id)`);
    await db.query(
      `INSERT INTO automations (name, active, conditions, actions) VALUES
         ('Close resolved tickets after 72 h', true, $1::jsonb, $2::jsonb),
         ('Resolve pending tickets after 7 days without a reply', false, $3::jsonb, $4::jsonb)`,
      [
        JSON.stringify({ status: ['resolved'], hours_in_status: 72 }),
        JSON.stringify({ status: 'closed' }),
        JSON.stringify({ status: ['pending'], hours_since_update: 168 }),
        JSON.stringify({ status: 'resolved' }),
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE automation_runs`);
    await db.query(`DROP TABLE automations`);
    await db.query(
      `ALTER TABLE categories DROP COLUMN assignment_cursor, DROP COLUMN agent_ids, DROP COLUMN assignment`,
    );
    await db.query(`DROP INDEX tickets_unresolved_assignee_idx`);
    await db.query(`DROP INDEX tickets_status_changed_idx`);
    await db.query(
      `ALTER TABLE tickets DROP COLUMN status_changed_at, DROP COLUMN resolution_warned_at,
         DROP COLUMN first_response_warned_at`,
    );
    await db.query(`ALTER TABLE sla_policies DROP COLUMN warn_before_minutes, DROP COLUMN calendar`);
    await db.query(`DROP TABLE business_hours`);
  }
}
