// GET /tickets: filters, sorts, full-text search and the capped count, over the visibility query.
import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth-user';
import { Page, toPage, TOTAL_CAP } from '../../common/pagination/pagination';
import { CappedCounter } from '../../database/capped-counts';
import { PREPARED } from '../../database/prepared-statements';
import { IS_BREACHED_SQL } from '../../sla/sla-sql';
import { ListTicketsQueryDto, TicketSort } from '../dto/ticket.dtos';
import { searchMatchSql } from '../ticket-search-sql';
import { Ticket } from '../ticket.entity';
import { TicketJson } from './ticket.presenter';
import { TicketReader } from './ticket-reader';
import { SAVED_FILTER_SOURCE, SavedFilterSource } from './saved-filter-source';
import { restrictToVisible, seesInternal, TICKET_ALIAS as T, visibleTickets } from './ticket-visibility';

/** Each sort with `id` as the tie-breaker, matching an index of the migration. */
const ORDER_BY: Record<TicketSort, Array<[string, 'ASC' | 'DESC']>> = {
  created_at: [
    [`${T}.createdAt`, 'ASC'],
    [`${T}.id`, 'ASC'],
  ],
  '-created_at': [
    [`${T}.createdAt`, 'DESC'],
    [`${T}.id`, 'DESC'],
  ],
  updated_at: [
    [`${T}.updatedAt`, 'ASC'],
    [`${T}.id`, 'ASC'],
  ],
  '-updated_at': [
    [`${T}.updatedAt`, 'DESC'],
    [`${T}.id`, 'DESC'],
  ],
  priority: [
    [`${T}.priority_rank`, 'ASC'],
    [`${T}.id`, 'ASC'],
  ],
  '-priority': [
    [`${T}.priority_rank`, 'DESC'],
    [`${T}.id`, 'DESC'],
  ],
  resolution_due_at: [
    [`${T}.resolutionDueAt`, 'ASC'],
    [`${T}.id`, 'ASC'],
  ],
};

@Injectable()
export class TicketListService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: TicketReader,
    private readonly counts: CappedCounter,
    @Inject(SAVED_FILTER_SOURCE) private readonly savedFilters: SavedFilterSource,
  ) {}

  async list(caller: AuthUser, explicit: ListTicketsQueryDto): Promise<Page<TicketJson>> {
    const query = await this.savedFilters.applyTo(caller, explicit);
    const filtered = this.filtered(caller, query);
    const page = this.page(filtered, query);
    const count = this.counts.of(filtered);
    const walk = async () => {
      const tickets = await this.reader.loadPresented(page, caller);
      return toPage(
        tickets.map((ticket) => ticket.json),
        { total: TOTAL_CAP, capped: true },
        query,
      );
    };
    if (count.knownCapped) return walk();
    // The page and its count in one statement; an empty page past the first carries no count.
    const search = query.q ?? query.search;
    const { items, total } = search
      ? await this.reader.loadPage(this.searchPage(caller, filtered, query), '(SELECT count(*) FROM matches)', caller)
      : await this.reader.loadPage(page, count.subquery, caller);
    const counted = total !== null ? count.of(total) : query.offset === 0 ? count.of(0) : await count.count();
    // A search past the cap cut its page from the first 10,001 matches found, not the first in
    // order: that page is the walk's (and the next ones know the count is capped).
    if (counted.capped && search) return walk();
    return toPage(items, counted, query);
  }

  /** One page of a filtered query, in the requested order. */
  page(filtered: SelectQueryBuilder<Ticket>, query: ListTicketsQueryDto): SelectQueryBuilder<Ticket> {
    const page = filtered.clone();
    for (const [index, [column, direction]] of ORDER_BY[query.sort ?? '-created_at'].entries()) {
      if (index === 0) page.orderBy(column, direction);
      else page.addOrderBy(column, direction);
    }
    return page.offset(query.offset).limit(query.limit);
  }

  /**
   * The page of a search, for one scan of the full-text index. A word's matches are spread over
   * the whole table (one heap page each), so counting them and then paging them would visit every
   * page twice. Instead `matches` reads them once, with their sort keys, up to the cap, and the
   * page is cut from that set; its count is `SELECT count(*) FROM matches`. Past the cap (a common
   * word, counted once per CAPPED_COUNT_TTL_MS) the set is not the first matches in order, and
   * `list` takes the usual walk in sort order instead, which stops after one page.
   */
  searchPage(
    caller: AuthUser,
    filtered: SelectQueryBuilder<Ticket>,
    query: ListTicketsQueryDto,
  ): SelectQueryBuilder<Ticket> {
    // Every order is one column, then the id as the tie-breaker.
    const [[column, direction], [, tieBreak]] = ORDER_BY[query.sort ?? '-created_at'];
    const matches = searchOnly(query)
      ? this.matchesInSearchTable(caller, (query.q ?? query.search)!)
      : filtered.clone().orderBy().select(`${T}.id`, 'id').addSelect(column, 'sort_key');
    matches.limit(TOTAL_CAP + 1);
    const cut = `SELECT matches.id FROM matches
                  ORDER BY matches.sort_key ${direction}, matches.id ${tieBreak}
                  LIMIT ${query.limit} OFFSET ${query.offset}`;
    // From the visibility query again, though the matches were already chosen by it (or by the
    // copy of `requester_id` in ticket_search): the rule stays in one place, for one index lookup.
    return visibleTickets(this.tx.manager, caller)
      .addCommonTableExpression(matches, 'matches', { materialized: true })
      .andWhere(`${T}.id IN (${cut})`)
      .setParameters(matches.getParameters())
      .orderBy(column, direction)
      .addOrderBy(`${T}.id`, tieBreak);
  }

  /**
   * A search with no other filter, newest or oldest first (the search box): its matches and their
   * creation times, visible to `caller`, from `ticket_search` alone, whose copies of `created_at`,
   * `requester_id` and `deleted_at` say all that is needed. No ticket row is read for them.
   */
  private matchesInSearchTable(caller: AuthUser, q: string): SelectQueryBuilder<Ticket> {
    const matches = this.tx.manager
      .createQueryBuilder()
      .from('ticket_search', 's')
      .select('s.ticket_id', 'id')
      .addSelect('s.created_at', 'sort_key')
      .where(searchMatchSql('s', seesInternal(caller)), { q });
    return restrictToVisible(matches, 's', caller) as SelectQueryBuilder<Ticket>;
  }

  /** The filtered, visible tickets, unordered: shared by the page and its count. */
  filtered(caller: AuthUser, query: ListTicketsQueryDto): SelectQueryBuilder<Ticket> {
    const qb = visibleTickets(this.tx.manager, caller);
    if (query.status?.length) qb.andWhere(`${T}.status IN (:...statuses)`, { statuses: query.status });
    if (query.priority?.length) qb.andWhere(`${T}.priority IN (:...priorities)`, { priorities: query.priority });
    if (query.assignee_id === 'none') qb.andWhere(`${T}.assigneeId IS NULL`);
    else if (query.assignee_id === 'me') qb.andWhere(`${T}.assigneeId = :assignee`, { assignee: caller.id });
    else if (query.assignee_id) qb.andWhere(`${T}.assigneeId = :assignee`, { assignee: Number(query.assignee_id) });
    if (query.requester_id) qb.andWhere(`${T}.requesterId = :requester`, { requester: query.requester_id });
    if (query.category_id) qb.andWhere(`${T}.categoryId = :category`, { category: query.category_id });
    if (query.tag) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = ${T}.id AND g.name = :tag)`,
        { tag: query.tag },
      );
    }
    if (query.is_breached !== undefined) {
      qb.andWhere(query.is_breached ? IS_BREACHED_SQL(T) : `NOT ${IS_BREACHED_SQL(T)}`);
    }
    if (query.created_after) qb.andWhere(`${T}.createdAt >= :after`, { after: query.created_after });
    if (query.created_before) qb.andWhere(`${T}.createdAt < :before`, { before: query.created_before });
    const q = query.q ?? query.search;
    // The best plan of the other filters does not depend on their values; that of a search or a
    // date range does (prepared-statements.ts).
    if (!q && !query.created_after && !query.created_before) qb.comment(PREPARED);
    if (q) {
      // websearch_to_tsquery takes any text: user input is a parameter, never SQL or tsquery syntax errors.
      qb.andWhere(
        `${T}.id IN (SELECT s.ticket_id FROM ticket_search s
                      WHERE ${searchMatchSql('s', seesInternal(caller))} AND s.deleted_at IS NULL)`,
        { q },
      );
    }
    return qb;
  }
}

/** Whether a list is a search with nothing else to filter on, in creation order (see matchesInSearchTable). */
function searchOnly(query: ListTicketsQueryDto): boolean {
  const filters = [
    query.status?.length,
    query.priority?.length,
    query.assignee_id,
    query.requester_id,
    query.category_id,
    query.tag,
    query.is_breached,
    query.created_after,
    query.created_before,
  ];
  const sort = query.sort ?? '-created_at';
  return (
    filters.every((value) => value === undefined || value === 0) && (sort === 'created_at' || sort === '-created_at')
  );
}
