// Loads what presenting tickets needs (category, requester, assignee, tags, actors): folded into the
// ticket query itself on the read paths (one round trip), or in a few batched queries per page for
// tickets already loaded; never one query per ticket.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth-user';
import { Ticket } from '../ticket.entity';
import { TicketEvent } from '../ticket-event.entity';
import { TicketEventJson, TicketJson, TicketRelations, toEventJson, toTicketJson } from './ticket.presenter';
import { seesInternal } from './ticket-visibility';

type UserRow = { id: number; name: string; email: string };

/** The relations as columns of the ticket row (see `load`), named so they cannot clash with entity columns. */
interface RelationColumns {
  rel_category: TicketRelations['category'];
  rel_requester: TicketRelations['requester'];
  rel_assignee: TicketRelations['assignee'];
  rel_tags: string[];
  rel_timeline?: TimelineEventColumn[];
  /** The page's capped count, when selected (`loadPage`); a bigint, so a string. */
  rel_total?: string;
  /** A caller's own column (GET /tickets/:id adds the ticket's attachments). */
  rel_attachments?: unknown;
}

/** An event of `rel_timeline`. Its time in epoch milliseconds, truncated as pg's Date parsing does. */
interface TimelineEventColumn {
  id: number;
  type: string;
  actor_id: number | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_ms: number;
}

/** The latest `:timelineLimit` events of the ticket row, oldest first, as a JSON array. */
function timelineSelect(alias: string, withInternal: boolean): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'actor_id', e.actor_id,
            'actor_name', a.name, 'data', e.data, 'created_ms', floor(extract(epoch FROM e.created_at) * 1000))
            ORDER BY e.id), '[]'::json)
     FROM (SELECT * FROM ticket_events WHERE ticket_id = ${alias}.id ${withInternal ? '' : 'AND NOT is_internal'}
            ORDER BY id DESC LIMIT :timelineLimit) e
     LEFT JOIN users a ON a.id = e.actor_id)`;
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
    return (await this.load(qb, viewer)).map(({ ticket, json }) => ({ ticket, json }));
  }

  /**
   * A page with its capped count selected beside it (`CappedCountOf.subquery`): one round trip.
   * `total` is null when the page is empty (no row to carry it).
   */
  async loadPage(
    page: SelectQueryBuilder<Ticket>,
    countSubquery: string,
    viewer: AuthUser,
  ): Promise<{ items: TicketJson[]; total: number | null }> {
    page.addSelect(countSubquery, 'rel_total');
    const rows = await this.load(page, viewer);
    return { items: rows.map(({ json }) => json), total: rows.length ? Number(rows[0].row.rel_total) : null };
  }

  /**
   * `loadPresented` plus each ticket's latest `limit` events (those the viewer may see), oldest
   * first, with actor names: still one round trip (GET /tickets/:id).
   */
  async loadPresentedWithTimeline(
    qb: SelectQueryBuilder<Ticket>,
    viewer: AuthUser,
    limit: number,
  ): Promise<Array<{ ticket: Ticket; json: TicketJson; timeline: TicketEventJson[]; row: RelationColumns }>> {
    qb.addSelect(timelineSelect(qb.alias, seesInternal(viewer)), 'rel_timeline').setParameter('timelineLimit', limit);
    return (await this.load(qb, viewer)).map(({ ticket, json, row }) => ({
      ticket,
      json,
      row,
      // Through the one presenter of events, as /timeline does.
      timeline: (row.rel_timeline ?? []).map((event) =>
        toEventJson(
          Object.assign(new TicketEvent(), {
            id: String(event.id),
            type: event.type,
            actorId: event.actor_id,
            data: event.data,
            createdAt: new Date(event.created_ms),
          }),
          event.actor_name ?? undefined,
        ),
      ),
    }));
  }

  /**
   * Tickets `ids` as `viewer` would read them, soft-deleted ones included: for messages about a
   * ticket (webhooks), where `ticket.deleted` still describes the ticket it removed. Missing ids
   * are absent from the map.
   */
  async presentByIdsWithDeleted(ids: number[], viewer: AuthUser): Promise<Map<number, TicketJson>> {
    if (!ids.length) return new Map();
    const qb = this.tx.manager
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .withDeleted()
      .where('t.id IN (:...ids)', { ids: [...new Set(ids)] });
    return new Map((await this.load(qb, viewer)).map(({ ticket, json }) => [ticket.id, json]));
  }

  private async load(
    qb: SelectQueryBuilder<Ticket>,
    viewer: AuthUser,
  ): Promise<Array<{ ticket: Ticket; json: TicketJson; row: RelationColumns }>> {
    const alias = qb.alias;
    for (const [sql, name] of relationSelects(alias)) qb.addSelect(sql, name);
    const { entities, raw } = await qb.getRawAndEntities<RelationColumns>();
    // No joins: one raw row per entity, in the same order. A join added to such a query would
    // break that pairing; fail loudly rather than present one ticket with another's relations.
    if (raw.length !== entities.length) throw new Error('TicketReader.load needs one row per ticket (no joins)');
    const now = new Date();
    return entities.map((ticket, i) => {
      const row = raw[i];
      const relations: TicketRelations = {
        category: row.rel_category,
        requester: row.rel_requester,
        assignee: row.rel_assignee,
        tags: row.rel_tags,
      };
      return { ticket, json: toTicketJson(ticket, relations, viewer.role, now), row };
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
