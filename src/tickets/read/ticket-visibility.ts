// The single definition of "tickets this caller may see", used by list, get, count, search,
// comments and the timeline. Ownership is part of the query, so no list or count can leak.
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth-user';
import { UserRole } from '../../common/user-role';
import { TicketEvent } from '../ticket-event.entity';
import { Ticket } from '../ticket.entity';

export const TICKET_ALIAS = 't';

export function visibleTickets(
  manager: EntityManager,
  caller: AuthUser,
  alias = TICKET_ALIAS,
): SelectQueryBuilder<Ticket> {
  const qb = manager.getRepository(Ticket).createQueryBuilder(alias);
  // Soft-deleted tickets are excluded by TypeORM's @DeleteDateColumn handling of query builders.
  if (caller.role === UserRole.USER) qb.andWhere(`${alias}.requesterId = :visibleTo`, { visibleTo: caller.id });
  return qb;
}

/**
 * The same rule on a query of `ticket_search` rows `alias` (whose `requester_id` and `deleted_at`
 * are the ticket's, kept by triggers): a plain search reads no ticket row to find its matches.
 */
export function restrictToVisible<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  caller: AuthUser,
): SelectQueryBuilder<T> {
  qb.andWhere(`${alias}.deleted_at IS NULL`);
  if (caller.role === UserRole.USER) qb.andWhere(`${alias}.requester_id = :visibleTo`, { visibleTo: caller.id });
  return qb;
}

/**
 * The same rule as a condition on the `tickets` row `alias`, for statements written as SQL (a
 * write that locks the row it changes): its placeholders start at `$first`, and `params` are
 * their values, to append to the statement's.
 */
export function visibleTicketSql(alias: string, caller: AuthUser, first: number): { sql: string; params: unknown[] } {
  const live = `${alias}.deleted_at IS NULL`;
  return caller.role === UserRole.USER
    ? { sql: `${live} AND ${alias}.requester_id = $${first}`, params: [caller.id] }
    : { sql: live, params: [] };
}

/** Whether the caller sees internal comments, internal events and the internal search vector. */
export function seesInternal(caller: AuthUser): boolean {
  return caller.role !== UserRole.USER;
}

/** The timeline events of ticket `ticketId` the caller may see (internal ones for staff only). */
export function visibleEvents(
  manager: EntityManager,
  caller: AuthUser,
  ticketId: number,
): SelectQueryBuilder<TicketEvent> {
  const qb = manager.getRepository(TicketEvent).createQueryBuilder('e').where('e.ticketId = :ticketId', { ticketId });
  if (!seesInternal(caller)) qb.andWhere('e.isInternal = false');
  return qb;
}
