import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A short pending list on the two search indexes (256 kB instead of Postgres's 4 MB).
 *
 * Every ticket UPDATE (a claim, a status change, a comment) writes a new row version, and with
 * GIN's fast update its ~40 lexemes go to the index's pending list, which every search then reads
 * in full before the index proper, until a vacuum or a full list merges it. At a million tickets,
 * after a burst of claims filled both lists to 4 MB, a rare-word search fell from ~260 to ~110
 * requests/s; with 256 kB it stays at ~225. The list now merges more often, in the writing
 * transaction (a few ms, once per ~256 kB of lexemes): no measurable change to claim, PATCH or
 * comment throughput (npm run bench, README "Performance").
 */
export class SearchPendingList1764000700000 implements MigrationInterface {
  name = 'SearchPendingList1764000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER INDEX tickets_search_idx SET (gin_pending_list_limit = 256)`);
    await db.query(`ALTER INDEX tickets_internal_search_idx SET (gin_pending_list_limit = 256)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER INDEX tickets_search_idx RESET (gin_pending_list_limit)`);
    await db.query(`ALTER INDEX tickets_internal_search_idx RESET (gin_pending_list_limit)`);
  }
}
