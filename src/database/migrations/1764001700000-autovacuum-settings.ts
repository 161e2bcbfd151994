import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Autovacuum per table, by how each is written.
 *
 * The default starts a vacuum after 20% of a table's rows are dead: 200,000 row versions of
 * `tickets` at a million tickets, while every claim, status change and comment leaves one. Until
 * then indexes and heap carry the dead versions, and the visibility map, which the reports'
 * index-only scans need, goes stale.
 *
 * - `tickets`, `ticket_search`: vacuum after 2% dead (plus 1,000), analyze after 2% changed.
 * - `ticket_events`, `comments`: insert-only in practice; vacuum after 5% new rows (instead of
 *   20%), so their visibility map keeps up with the timeline's and the thread's index-only scans.
 */
export class AutovacuumSettings1764001700000 implements MigrationInterface {
  name = 'AutovacuumSettings1764001700000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['tickets', 'ticket_search']) {
      await db.query(`ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0.02,
        autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02)`);
    }
    for (const table of ['ticket_events', 'comments']) {
      await db.query(`ALTER TABLE ${table} SET (autovacuum_vacuum_insert_scale_factor = 0.05)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['tickets', 'ticket_search']) {
      await db.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
        autovacuum_analyze_scale_factor)`);
    }
    for (const table of ['ticket_events', 'comments']) {
      await db.query(`ALTER TABLE ${table} RESET (autovacuum_vacuum_insert_scale_factor)`);
    }
  }
}
