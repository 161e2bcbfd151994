// Who gets a new ticket of a category (auto-assignment), in the ticket's creating transaction.
// `categories` is read and its round-robin cursor moved here; the tickets' side (counting open
// tickets, setting the assignee) is the caller's, handed in, since categories sit below tickets.
import { Injectable } from '@nestjs/common';
import { markPrepared } from '../database/prepared-statements';
import { TransactionContext } from '../database/transaction-context';
import { UserDirectory } from '../users/user-directory';
import { CategoryAssignment } from './category.entity';

/** How many unresolved tickets each of `agentIds` holds (absent = none). */
export type UnresolvedCounter = (agentIds: number[]) => Promise<Map<number, number>>;

export interface AutoAssignment {
  assigneeId: number;
  rule: CategoryAssignment.ROUND_ROBIN | CategoryAssignment.LEAST_OPEN;
}

/** The first key of least_open's `pg_advisory_xact_lock(class, 0)`: 'cata'. */
const LEAST_OPEN_LOCK_CLASS = 0x63617461;

@Injectable()
export class CategoryAssigner {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UserDirectory,
  ) {}

  /**
   * The assignee for a new ticket of `categoryId`, or null (assignment `none`, no active listed
   * agent, no such category). Call it inside the creating transaction: round robin's cursor and
   * least open's lock are held until it commits. A category with `none` costs one primary-key read.
   */
  async pick(categoryId: number, countUnresolved: UnresolvedCounter): Promise<AutoAssignment | null> {
    const manager = this.tx.manager;
    const rows: Array<{ assignment: CategoryAssignment }> = await manager.query(
      markPrepared(`SELECT assignment FROM categories WHERE id = $1`),
      [categoryId],
    );
    const assignment = rows[0]?.assignment;
    if (assignment === CategoryAssignment.ROUND_ROBIN) return this.roundRobin(categoryId);
    if (assignment === CategoryAssignment.LEAST_OPEN) return this.leastOpen(categoryId, countUnresolved);
    return null;
  }

  /**
   * The cursor moves by one per ticket under the row lock of the UPDATE, so concurrent creates
   * each get their own position; the pick is (cursor − 1) mod the active listed agents by id.
   */
  private async roundRobin(categoryId: number): Promise<AutoAssignment | null> {
    const [moved]: [Array<{ assignment_cursor: string; agent_ids: number[] }>, number] = await this.tx.manager.query(
      markPrepared(`UPDATE categories SET assignment_cursor = assignment_cursor + 1
        WHERE id = $1 AND assignment = 'round_robin' RETURNING assignment_cursor, agent_ids`),
      [categoryId],
    );
    // Changed away from round robin between the two statements: assign no one rather than guess.
    if (!moved.length) return null;
    const agents = await this.activeAgents(moved[0].agent_ids);
    if (!agents.length) return null;
    const position = (BigInt(moved[0].assignment_cursor) - 1n) % BigInt(agents.length);
    return { assigneeId: agents[Number(position)], rule: CategoryAssignment.ROUND_ROBIN };
  }

  /**
   * The active listed agent with the fewest unresolved tickets, ties by lowest id. The lock makes
   * concurrent creates count one after another: each sees the assignments committed
   * before it (READ COMMITTED: every statement after the lock takes a fresh snapshot).
   */
  private async leastOpen(categoryId: number, countUnresolved: UnresolvedCounter): Promise<AutoAssignment | null> {
    const manager = this.tx.manager;
    // One lock for every least_open pick, not one per category: categories may share agents, and
    // two picks counting the same agents at once would both choose the least loaded one.
    await manager.query(`SELECT pg_advisory_xact_lock($1, 0)`, [LEAST_OPEN_LOCK_CLASS]);
    // Read after the lock, so a list changed by an admin meanwhile is the one used.
    const rows: Array<{ agent_ids: number[] }> = await manager.query(
      `SELECT agent_ids FROM categories WHERE id = $1 AND assignment = 'least_open'`,
      [categoryId],
    );
    if (!rows.length) return null;
    const agents = await this.activeAgents(rows[0].agent_ids);
    if (!agents.length) return null;
    const counts = await countUnresolved(agents);
    let best = agents[0];
    for (const id of agents) {
      if ((counts.get(id) ?? 0) < (counts.get(best) ?? 0)) best = id;
    }
    return { assigneeId: best, rule: CategoryAssignment.LEAST_OPEN };
  }

  /** The listed agents tickets may be assigned to now (active agents and admins), by id ascending. */
  private async activeAgents(agentIds: number[]): Promise<number[]> {
    const agents = await this.users.agentsAmong(agentIds);
    return agents.filter((agent) => agent.isActive).map((agent) => agent.id);
  }
}
