// Loads what presenting tickets needs (category, requester, assignee, tags, actors): folded into the
// ticket query itself on the read paths (one round trip), or in a few batched queries per page for
// tickets already loaded; never one query per ticket.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Ticket } from './ticket.entity';
import { TicketEvent } from './ticket-event.entity';
import { TicketEventJson, TicketJson, TicketRelations, toEventJson, toTicketJson } from './ticket.presenter';

type UserRow = { id: number; name: string; email: string };

/** The relations as columns of the ticket row (`withRelations`), named so they cannot clash. */
interface RelationColumns {
  rel_category: TicketRelations['category'];
  rel_requester: TicketRelations['requester'];
  rel_assignee: TicketRelations['assignee'];
  rel_tags: string[];
}

/** An event row with its actor's name (`eventsWithActors`). */
interface EventRow {
  id: string;
  type: string;
  actor_id: number | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

/** Per ticket row: each subquery is one index lookup (categories, users by primary key; ticket_tags by ticket). */
function relationSelects(alias: string): Array<[string, keyof RelationColumns]> {
  const user = (column: string) =>
    `(SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email) FROM users u WHERE u.id = ${alias}.${column})`;
  return [
    [
      `(SELECT json_build_object('id', c.id, 'name', c.name, 'color', c.color) FROM categories c WHERE c.id = ${alias}.category_id)`,
      'rel_category',
    ],
    [user('requester_id'), 'rel_requester'],
    [user('assignee_id'), 'rel_assignee'],
    [
      `ARRAY(SELECT g.name FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = ${alias}.id ORDER BY g.name)`,
      'rel_tags',
    ],
  ];
}

@Injectable()
export class TicketReader {
  constructor(private readonly tx: TransactionContext) {}

  async present(tickets: Ticket[], viewer: AuthUser, manager: EntityManager = this.tx.manager): Promise<TicketJson[]> {
    if (!tickets.length) return [];
    const ids = tickets.map((t) => t.id);
    const userIds = [
      ...new Set(tickets.flatMap((t) => (t.assigneeId ? [t.requesterId, t.assigneeId] : [t.requesterId]))),
    ];
    const categoryIds = [...new Set(tickets.map((t) => t.categoryId).filter((id): id is number => id !== null))];
    const loadUsers = () =>
      manager.query(`SELECT id, name, email FROM users WHERE id = ANY($1)`, [userIds]) as Promise<UserRow[]>;
    const loadCategories = () =>
      categoryIds.length
        ? (manager.query(`SELECT id, name, color FROM categories WHERE id = ANY($1)`, [categoryIds]) as Promise<
            Array<{ id: number; name: string; color: string }>
          >)
        : Promise.resolve([]);
    const loadTags = () =>
      manager.query(
        `SELECT tt.ticket_id, g.name FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
          WHERE tt.ticket_id = ANY($1) ORDER BY g.name`,
        [ids],
      ) as Promise<Array<{ ticket_id: number; name: string }>>;
    // In parallel on the pool; one after another on a transaction's single connection (pg refuses
    // overlapping queries on one client from v9, and would only queue them anyway).
    const [users, categories, tags] = manager.queryRunner?.isTransactionActive
      ? [await loadUsers(), await loadCategories(), await loadTags()]
      : await Promise.all([loadUsers(), loadCategories(), loadTags()]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const categoryById = new Map(categories.map((c) => [c.id, c]));
    const tagsByTicket = new Map<number, string[]>();
    for (const row of tags) tagsByTicket.set(row.ticket_id, [...(tagsByTicket.get(row.ticket_id) ?? []), row.name]);
    const now = new Date();
    return tickets.map((ticket) => {
      const relations: TicketRelations = {
        category: ticket.categoryId ? (categoryById.get(ticket.categoryId) ?? null) : null,
        requester: userById.get(ticket.requesterId)!,
        assignee: ticket.assigneeId ? (userById.get(ticket.assigneeId) ?? null) : null,
        tags: tagsByTicket.get(ticket.id) ?? [],
      };
      return toTicketJson(ticket, relations, viewer.role, now);
    });
  }

  /**
   * Runs a ticket query with its relations folded in as columns and presents the result: one round
   * trip, where `present()` needs the query plus three. Same JSON as `present()`.
   */
  async loadPresented(
    qb: SelectQueryBuilder<Ticket>,
    viewer: AuthUser,
  ): Promise<Array<{ ticket: Ticket; json: TicketJson }>> {
    const alias = qb.alias;
    for (const [sql, name] of relationSelects(alias)) qb.addSelect(sql, name);
    const { entities, raw } = await qb.getRawAndEntities<RelationColumns>();
    // No joins: one raw row per entity, in the same order.
    const now = new Date();
    return entities.map((ticket, i) => {
      const row = raw[i];
      const relations: TicketRelations = {
        category: row.rel_category,
        requester: row.rel_requester,
        assignee: row.rel_assignee,
        tags: row.rel_tags,
      };
      return { ticket, json: toTicketJson(ticket, relations, viewer.role, now) };
    });
  }

  /** The latest `limit` events of a ticket the caller may see, oldest first, with actor names: one query. */
  async latestEvents(ticketId: number, withInternal: boolean, limit: number): Promise<TicketEventJson[]> {
    const rows: EventRow[] = await this.tx.manager.query(
      `SELECT e.id, e.type, e.actor_id, a.name AS actor_name, e.data, e.created_at
         FROM ticket_events e LEFT JOIN users a ON a.id = e.actor_id
        WHERE e.ticket_id = $1 ${withInternal ? '' : 'AND NOT e.is_internal'}
        ORDER BY e.id DESC LIMIT $2`,
      [ticketId, limit],
    );
    return rows.reverse().map((row) => ({
      id: Number(row.id),
      type: row.type,
      actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
      data: row.data,
      created_at: row.created_at.toISOString(),
    }));
  }

  async presentEvents(events: TicketEvent[], manager: EntityManager = this.tx.manager): Promise<TicketEventJson[]> {
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null))];
    const actors: Array<{ id: number; name: string }> = actorIds.length
      ? await manager.query(`SELECT id, name FROM users WHERE id = ANY($1)`, [actorIds])
      : [];
    const nameById = new Map(actors.map((a) => [a.id, a.name]));
    return events.map((event) => toEventJson(event, event.actorId === null ? undefined : nameById.get(event.actorId)));
  }
}
