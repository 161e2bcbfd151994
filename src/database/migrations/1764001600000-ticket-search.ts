import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search vectors move from `tickets` to `ticket_search`, one row per ticket.
 *
 * They were three quarters of a ticket row (about 950 of 1,300 bytes at a million tickets), and
 * every update of a ticket (a claim, a status change, an escalation, a comment's counters) is a
 * new row version that no HOT update can spare: `updated_at` and `status` are indexed. Each such
 * version copied the vectors and put every lexeme of the ticket (~40) into both GIN indexes
 * again. Here, 2,000 random updates took 1.2–2.4 s with the GIN indexes and 0.8–1.2 s without.
 * Now a ticket update writes a row a quarter the size and no GIN entry; only what changes the
 * text (a comment, an edit of the title or description) writes `ticket_search`.
 *
 * - `content` is the title (weight A) and description (B); `public_comments` and
 *   `internal_comments` (C) grow with each comment (TicketRepository). What a requester's search
 *   matches is `content || public_comments`, as the old generated `search_vector` was; its GIN
 *   index is on that expression, so the sum is not stored twice.
 * - `created_at`, `requester_id` and `deleted_at` are copies of the ticket's, so the commonest
 *   search (newest first, no other filter) reads only this table. Triggers on `tickets` write the
 *   row when a ticket is inserted, keep the text and the copies current when they change, and
 *   remove it with the ticket: no writer of tickets, the tests' own INSERTs included, can forget
 *   it. Insert and delete are statement triggers over the transition table (one INSERT for a
 *   50,000-row seed, not 50,000), and there is no foreign key: a row-by-row key check of a
 *   table without statistics yet (a fresh database) seq-scans it, quadratic in a bulk insert.
 * - The old columns are dropped; their space comes back as rows are rewritten (at once with
 *   `VACUUM FULL tickets` in a maintenance window).
 *
 * Upgrading (CHANGELOG): the previous version's comments and searches use the dropped columns, so
 * stop its API and workers before this migration runs (`MIGRATE_ON_START`, or the migrate Job
 * first) rather than rolling over: a pod of the previous version answers comments and searches
 * with 500 once it has run. Ticket writes wait for the migration's lock (about a minute at a
 * million tickets: the backfill computes every ticket's title and description vector).
 */
export class TicketSearch1764001600000 implements MigrationInterface {
  name = 'TicketSearch1764001600000';

  async up(db: QueryRunner): Promise<void> {
    // No ticket is written while the table, the triggers and the backfill come into being (reads
    // go on): the backfill and the triggers see the same tickets, none is missed in between.
    await db.query(`LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE`);
    await db.query(`
      CREATE TABLE ticket_search (
        ticket_id int PRIMARY KEY,
        created_at timestamptz NOT NULL,
        requester_id int NOT NULL,
        deleted_at timestamptz,
        content tsvector NOT NULL,
        public_comments tsvector NOT NULL DEFAULT ''::tsvector,
        internal_comments tsvector NOT NULL DEFAULT ''::tsvector
      )`);
    await db.query(`
      CREATE FUNCTION ticket_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_search (ticket_id, created_at, requester_id, deleted_at, content)
        SELECT id, created_at, requester_id, deleted_at,
               setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
          FROM inserted;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION ticket_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ticket_search WHERE ticket_id IN (SELECT id FROM deleted);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION ticket_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE ticket_search;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION ticket_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ticket_search
           SET created_at = NEW.created_at, requester_id = NEW.requester_id, deleted_at = NEW.deleted_at,
               content = CASE WHEN OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
                              THEN setweight(to_tsvector('english', NEW.title), 'A') ||
                                   setweight(to_tsvector('english', NEW.description), 'B')
                              ELSE content END
         WHERE ticket_id = NEW.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS inserted
         FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_insert()`);
    await db.query(`
      CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS deleted
         FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_delete()`);
    await db.query(`
      CREATE TRIGGER tickets_search_truncate AFTER TRUNCATE ON tickets
         FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_truncate()`);
    await db.query(`
      CREATE TRIGGER tickets_search_update AFTER UPDATE OF title, description, created_at, requester_id, deleted_at
          ON tickets FOR EACH ROW
        WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
              OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.requester_id IS DISTINCT FROM NEW.requester_id
              OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
        EXECUTE FUNCTION ticket_search_update()`);

    // Rows the triggers wrote since the lock was taken are this transaction's own: none to skip,
    // but ON CONFLICT keeps the backfill right whatever the order.
    await db.query(`
      INSERT INTO ticket_search (ticket_id, created_at, requester_id, deleted_at, content, public_comments, internal_comments)
      SELECT id, created_at, requester_id, deleted_at,
             setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B'),
             public_comments_tsv, internal_comments_tsv
        FROM tickets
      ON CONFLICT (ticket_id) DO NOTHING`);
    const live = `WITH (gin_pending_list_limit = 256) WHERE deleted_at IS NULL`;
    await db.query(
      `CREATE INDEX ticket_search_document_idx ON ticket_search USING gin ((content || public_comments)) ${live}`,
    );
    await db.query(`CREATE INDEX ticket_search_internal_idx ON ticket_search USING gin (internal_comments) ${live}`);
    // As SearchStatistics1764000600000 did for the old columns: estimates that follow rare words.
    await db.query(`ALTER INDEX ticket_search_document_idx ALTER COLUMN 1 SET STATISTICS 1000`);
    await db.query(`ALTER TABLE ticket_search ALTER COLUMN internal_comments SET STATISTICS 1000`);

    await db.query(`DROP INDEX tickets_search_idx`);
    await db.query(`DROP INDEX tickets_internal_search_idx`);
    await db.query(`ALTER TABLE tickets DROP COLUMN search_vector`);
    await db.query(`ALTER TABLE tickets DROP COLUMN public_comments_tsv, DROP COLUMN internal_comments_tsv`);
    await db.query(`ANALYZE ticket_search`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE tickets ADD COLUMN public_comments_tsv tsvector NOT NULL DEFAULT ''::tsvector,
                          ADD COLUMN internal_comments_tsv tsvector NOT NULL DEFAULT ''::tsvector`);
    await db.query(`
      UPDATE tickets t SET public_comments_tsv = s.public_comments, internal_comments_tsv = s.internal_comments
        FROM ticket_search s WHERE s.ticket_id = t.id`);
    await db.query(`
      ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', description), 'B') ||
        public_comments_tsv) STORED`);
    const live = `WITH (gin_pending_list_limit = 256) WHERE deleted_at IS NULL`;
    await db.query(`CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector) ${live}`);
    await db.query(`CREATE INDEX tickets_internal_search_idx ON tickets USING gin (internal_comments_tsv) ${live}`);
    await db.query(`ALTER TABLE tickets ALTER COLUMN search_vector SET STATISTICS 1000,
                                        ALTER COLUMN internal_comments_tsv SET STATISTICS 1000`);
    for (const trigger of ['insert', 'update', 'delete', 'truncate']) {
      await db.query(`DROP TRIGGER tickets_search_${trigger} ON tickets`);
      await db.query(`DROP FUNCTION ticket_search_${trigger}()`);
    }
    await db.query(`DROP TABLE ticket_search`);
  }
}
