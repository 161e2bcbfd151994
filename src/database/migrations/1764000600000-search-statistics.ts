import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finer statistics on the two search vectors, so the planner knows how rare a word is.
 *
 * With the default target (100) Postgres tracks about a thousand of the most common lexemes; any
 * other word gets a flat guess, too high for a rare word. At a million tickets a search for a word
 * in 0.1% of them was then planned as a walk down `tickets_created_idx` filtering every row
 * (118 ms: 22,545 rows read to find 20) instead of the GIN bitmap and a top-20 sort (25 ms).
 * With 1000 the estimates follow the words, and a common word still walks the index (0.6 ms).
 * ANALYZE reads a sample (about 7 s at a million tickets); autovacuum keeps it current after.
 */
export class SearchStatistics1764000600000 implements MigrationInterface {
  name = 'SearchStatistics1764000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ALTER COLUMN search_vector SET STATISTICS 1000,
                                        ALTER COLUMN internal_comments_tsv SET STATISTICS 1000`);
    await db.query(`ANALYZE tickets (search_vector, internal_comments_tsv)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ALTER COLUMN search_vector SET STATISTICS -1,
                                        ALTER COLUMN internal_comments_tsv SET STATISTICS -1`);
  }
}
