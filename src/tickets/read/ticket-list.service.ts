// GET /tickets: filters, sorts, full-text search and the capped count, over the visibility query.
import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../../common/auth-user';
import { Page, toPage, TOTAL_CAP } from '../../common/pagination/pagination';
import { CappedCounter } from '../../database/capped-counts';
import { PREPARED } from '../../database/prepared-statements';
import { IS_BREACHED_SQL } from '../../sla/sla-sql';
import { ListTicketsQueryDto, TicketSort } from '../dto/ticket.dtos';
import { Ticket } from '../ticket.entity';
import { TicketJson } from './ticket.presenter';
import { TicketReader } from './ticket-reader';
import { SAVED_FILTER_SOURCE, SavedFilterSource } from './saved-filter-source';
import { seesInternal, TICKET_ALIAS as T, visibleTickets } from './ticket-visibility';

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
    if (count.knownCapped) {
      const tickets = await this.reader.loadPresented(page, caller);
      return toPage(
        tickets.map((ticket) => ticket.json),
        { total: TOTAL_CAP, capped: true },
        query,
      );
    }
    // The page and its count in one statement; an empty page past the first carries no count.
    const { items, total } =
      (query.q ?? query.search)
        ? await this.reader.loadPage(this.searchPage(filtered, query), '(SELECT count(*) FROM matches)', caller)
        : await this.reader.loadPage(page, count.subquery, caller);
    const counted = total !== null ? count.of(total) : query.offset === 0 ? count.of(0) : await count.count();
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
   * page twice. Instead `matches` reads them once, with their sort keys, up to the cap: when there
   * are at most TOTAL_CAP, the page is cut from that set; past the cap (a common word, the first
   * time: see CappedCounts), the usual walk in sort order, which stops after one page. The count
   * is `SELECT count(*) FROM matches` either way.
   */
  private searchPage(filtered: SelectQueryBuilder<Ticket>, query: ListTicketsQueryDto): SelectQueryBuilder<Ticket> {
    // Every order is one column, then the id as the tie-breaker.
    const [[column, direction], [, tieBreak]] = ORDER_BY[query.sort ?? '-created_at'];
    const matches = filtered
      .clone()
      .orderBy()
      .select(`${T}.id`, 'id')
      .addSelect(column, 'sort_key')
      .limit(TOTAL_CAP + 1);
    const capped = `(SELECT count(*) FROM matches) > ${TOTAL_CAP}`;
    const cut = `SELECT matches.id FROM matches WHERE NOT ${capped}
                  ORDER BY matches.sort_key ${direction}, matches.id ${tieBreak}
                  LIMIT ${query.limit} OFFSET ${query.offset}`;
    const walk = this.page(filtered, query).select(`${T}.id`).andWhere(capped);
    return this.tx.manager
      .getRepository(Ticket)
      .createQueryBuilder(T)
      .addCommonTableExpression(matches, 'matches', { materialized: true })
      .where(`${T}.id IN ((${cut}) UNION ALL (${walk.getQuery()}))`)
      .setParameters(filtered.getParameters())
      .orderBy(column, direction)
      .addOrderBy(`${T}.id`, tieBreak);
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
      const match = `${T}.search_vector @@ websearch_to_tsquery('english', :q)`;
      const internal = `${T}.internal_comments_tsv @@ websearch_to_tsquery('english', :q)`;
      qb.andWhere(seesInternal(caller) ? new Brackets((w) => w.where(match).orWhere(internal)) : match, { q });
    }
    return qb;
  }
}
