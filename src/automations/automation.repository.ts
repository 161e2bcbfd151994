// Every statement on `automations` and `automation_runs`. Statements run in the ambient
// transaction (TransactionContext), so a caller's `tx.run` / `tx.begin` makes them one unit.
import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { TransactionContext } from '../database/transaction-context';
import { Automation, AutomationActions, AutomationConditions } from './automation.entity';

/** An active rule as the worker reads it: `stamp` is its `updated_at` to the microsecond, as text. */
export interface ActiveRule {
  id: number;
  conditions: AutomationConditions;
  actions: AutomationActions;
  authorId: number | null;
  stamp: string;
}

export type AutomationFields = Pick<Automation, 'name' | 'active' | 'conditions' | 'actions' | 'authorId'>;

@Injectable()
export class AutomationRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get automations(): Repository<Automation> {
    return this.tx.manager.getRepository(Automation);
  }

  list(): Promise<Automation[]> {
    return this.automations.find({ order: { id: 'ASC' } });
  }

  /** Rule `id` (locked FOR UPDATE when `lock`, so concurrent PATCHes of one rule take turns), or null. */
  findById(id: number, lock = false): Promise<Automation | null> {
    const qb = this.automations.createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async insert(fields: AutomationFields): Promise<number> {
    const inserted = await this.automations.insert(fields);
    return inserted.identifiers[0].id as number;
  }

  async update(id: number, fields: Partial<AutomationFields>): Promise<void> {
    await this.automations.update({ id }, fields);
  }

  /** False when there was no rule `id`. Its run records go with it (ON DELETE CASCADE). */
  async delete(id: number): Promise<boolean> {
    const result = await this.automations.delete({ id });
    return Boolean(result.affected);
  }

  async activeRules(): Promise<ActiveRule[]> {
    return this.tx.manager.query(
      `SELECT id, conditions, actions, author_id AS "authorId", updated_at::text AS stamp
         FROM automations WHERE active ORDER BY id`,
    );
  }

  /** Of `candidates` (ticket id and version), those rule `automationId` was not applied to at that version. */
  async notRunYet(
    automationId: number,
    candidates: Array<{ id: number; version: number }>,
  ): Promise<Array<{ id: number; version: number }>> {
    if (!candidates.length) return [];
    const done: Array<{ ticket_id: number; ticket_version: number }> = await this.tx.manager.query(
      `SELECT r.ticket_id, r.ticket_version FROM automation_runs r
         JOIN unnest($2::int[], $3::int[]) AS c(id, version) ON r.ticket_id = c.id AND r.ticket_version = c.version
        WHERE r.automation_id = $1`,
      [automationId, candidates.map((c) => c.id), candidates.map((c) => c.version)],
    );
    const seen = new Set(done.map((row) => `${row.ticket_id}:${row.ticket_version}`));
    return candidates.filter((c) => !seen.has(`${c.id}:${c.version}`));
  }

  /**
   * Claims the application of `rule` to ticket `ticketId` at `version`: true for exactly one of any
   * number of concurrent or repeated claims (the primary key decides), and only while the rule is
   * still active and unchanged since the worker read it (`stamp`). Older run records of the ticket
   * go: it will never be at those versions again.
   */
  async claimRun(rule: Pick<ActiveRule, 'id' | 'stamp'>, ticketId: number, version: number): Promise<boolean> {
    const claimed: unknown[] = await this.tx.manager.query(
      `INSERT INTO automation_runs (automation_id, ticket_id, ticket_version)
       SELECT id, $2, $3 FROM automations WHERE id = $1 AND active AND updated_at::text = $4
       ON CONFLICT DO NOTHING RETURNING ticket_id`,
      [rule.id, ticketId, version, rule.stamp],
    );
    if (!claimed.length) return false;
    await this.tx.manager.query(`DELETE FROM automation_runs WHERE ticket_id = $1 AND ticket_version < $2`, [
      ticketId,
      version,
    ]);
    return true;
  }

  /** Records that rule `automationId` is done with ticket `ticketId` at `version` (a refused application). */
  async markRun(automationId: number, ticketId: number, version: number): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO automation_runs (automation_id, ticket_id, ticket_version) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [automationId, ticketId, version],
    );
  }
}
