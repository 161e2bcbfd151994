// Loads what presenting tickets needs (category, requester, assignee, tags, actors) in a few
// batched queries per page, never one per ticket.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Ticket } from './ticket.entity';
import { TicketEvent } from './ticket-event.entity';
import { TicketEventJson, TicketJson, TicketRelations, toEventJson, toTicketJson } from './ticket.presenter';

type UserRow = { id: number; name: string; email: string };

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

  async presentEvents(events: TicketEvent[], manager: EntityManager = this.tx.manager): Promise<TicketEventJson[]> {
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null))];
    const actors: Array<{ id: number; name: string }> = actorIds.length
      ? await manager.query(`SELECT id, name FROM users WHERE id = ANY($1)`, [actorIds])
      : [];
    const nameById = new Map(actors.map((a) => [a.id, a.name]));
    return events.map((event) => toEventJson(event, event.actorId === null ? undefined : nameById.get(event.actorId)));
  }
}
