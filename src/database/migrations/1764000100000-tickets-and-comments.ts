import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk: categories, SLA policies, tickets (optimistic locking, soft delete, SLA columns,
 * full-text search), tags, comments and the timeline. Every list filter and sort of the contract
 * has an index; all ticket indexes skip soft-deleted rows.
 */
export class TicketsAndComments1764000100000 implements MigrationInterface {
  name = 'TicketsAndComments1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE categories (
        id serial PRIMARY KEY,
        name varchar(100) NOT NULL,
        description varchar(1000) NOT NULL DEFAULT '',
        color char(7) NOT NULL DEFAULT '#6c757d',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX categories_name_lower_key ON categories (lower(name))`);

    await db.query(`CREATE TYPE ticket_priority AS ENUM ('low', 'medium', 'high', 'urgent')`);
    await db.query(
      `CREATE TYPE ticket_status AS ENUM ('open', 'in_progress', 'pending', 'escalated', 'resolved', 'closed')`,
    );

    await db.query(`
      CREATE TABLE sla_policies (
        priority ticket_priority PRIMARY KEY,
        first_response_minutes int NOT NULL CHECK (first_response_minutes >= 1),
        resolution_minutes int NOT NULL CHECK (resolution_minutes >= 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO sla_policies (priority, first_response_minutes, resolution_minutes) VALUES
        ('urgent', 60, 240), ('high', 120, 1440), ('medium', 480, 2880), ('low', 1440, 4320)`);

    await db.query(`
      CREATE TABLE tickets (
        id serial PRIMARY KEY,
        title varchar(200) NOT NULL,
        description text NOT NULL,
        status ticket_status NOT NULL DEFAULT 'open',
        priority ticket_priority NOT NULL DEFAULT 'medium',
        priority_rank smallint GENERATED ALWAYS AS (
          CASE priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END
        ) STORED,
        category_id int REFERENCES categories (id) ON DELETE SET NULL,
        requester_id int NOT NULL REFERENCES users (id),
        assignee_id int REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        comment_count int NOT NULL DEFAULT 0,
        public_comment_count int NOT NULL DEFAULT 0,
        first_response_due_at timestamptz NOT NULL,
        resolution_due_at timestamptz NOT NULL,
        first_responded_at timestamptz,
        paused_at timestamptz,
        paused_seconds int NOT NULL DEFAULT 0,
        escalation_level smallint NOT NULL DEFAULT 0,
        escalated_at timestamptz,
        first_response_escalated_at timestamptz,
        resolution_escalated_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        public_comments_tsv tsvector NOT NULL DEFAULT ''::tsvector,
        internal_comments_tsv tsvector NOT NULL DEFAULT ''::tsvector,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', description), 'B') ||
          public_comments_tsv
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    const live = 'WHERE deleted_at IS NULL';
    await db.query(`CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_updated_idx ON tickets (updated_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_priority_idx ON tickets (priority_rank DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_resolution_due_idx ON tickets (resolution_due_at, id) ${live}`);
    await db.query(`CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, created_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_status_idx ON tickets (status, priority, created_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_category_idx ON tickets (category_id, created_at DESC, id DESC) ${live}`);
    await db.query(`CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector) ${live}`);
    await db.query(`CREATE INDEX tickets_internal_search_idx ON tickets USING gin (internal_comments_tsv) ${live}`);
    // The agents' work queue (claim): unassigned, open or escalated, oldest first.
    await db.query(`
      CREATE INDEX tickets_claimable_idx ON tickets (created_at, id)
        WHERE assignee_id IS NULL AND status IN ('open', 'escalated') AND deleted_at IS NULL`);

    await db.query(`CREATE TABLE tags (id serial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE)`);
    await db.query(`
      CREATE TABLE ticket_tags (
        ticket_id int NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        tag_id int NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (ticket_id, tag_id)
      )`);
    await db.query(`CREATE INDEX ticket_tags_tag_idx ON ticket_tags (tag_id, ticket_id)`);

    await db.query(`
      CREATE TABLE comments (
        id serial PRIMARY KEY,
        ticket_id int NOT NULL REFERENCES tickets (id),
        parent_id int REFERENCES comments (id),
        author_id int NOT NULL REFERENCES users (id),
        body text NOT NULL,
        is_internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz
      )`);
    await db.query(`CREATE INDEX comments_ticket_idx ON comments (ticket_id, id)`);

    await db.query(`
      CREATE TABLE ticket_events (
        id bigserial PRIMARY KEY,
        ticket_id int NOT NULL REFERENCES tickets (id),
        type varchar(40) NOT NULL,
        actor_id int REFERENCES users (id),
        is_internal boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['ticket_events', 'comments', 'ticket_tags', 'tags', 'tickets', 'sla_policies', 'categories']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`DROP TYPE ticket_status`);
    await db.query(`DROP TYPE ticket_priority`);
  }
}
