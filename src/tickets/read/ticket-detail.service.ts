// GET /tickets/:id (with the latest timeline events) and GET /tickets/:id/timeline.
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage, TOTAL_CAP } from '../../common/pagination/pagination';
import { PREPARED } from '../../database/prepared-statements';
import { TransactionContext } from '../../database/transaction-context';
import { Ticket } from '../ticket.entity';
import { TicketEventJson, TicketWithTimelineJson } from './ticket.presenter';
import { TICKET_ATTACHMENTS, TicketAttachmentSource } from './ticket-attachments';
import { TicketReader } from './ticket-reader';
import { TICKET_ALIAS as T, visibleEvents, visibleTickets } from './ticket-visibility';

const TIMELINE_ON_TICKET = 100;

@Injectable()
export class TicketDetailService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: TicketReader,
    @Inject(TICKET_ATTACHMENTS) private readonly attachments: TicketAttachmentSource,
  ) {}

  async get(caller: AuthUser, id: number): Promise<{ ticket: Ticket; json: TicketWithTimelineJson }> {
    const qb = visibleTickets(this.tx.manager, caller).andWhere(`${T}.id = :id`, { id }).comment(PREPARED);
    qb.addSelect(this.attachments.looseSelect(T, caller), 'rel_attachments');
    const [found] = await this.reader.loadPresentedWithTimeline(qb, caller, TIMELINE_ON_TICKET);
    if (!found) throw AppException.notFound('Ticket');
    const attachments = this.attachments.presentLoose(id, found.row.rel_attachments);
    return { ticket: found.ticket, json: { ...found.json, timeline: found.timeline, attachments } };
  }

  async timeline(caller: AuthUser, id: number, query: PaginationQueryDto): Promise<Page<TicketEventJson>> {
    const visible = await visibleTickets(this.tx.manager, caller)
      .andWhere(`${T}.id = :id`, { id })
      .comment(PREPARED)
      .getExists();
    if (!visible) throw AppException.notFound('Ticket');
    const qb = visibleEvents(this.tx.manager, caller, id);
    const [events, total] = await Promise.all([
      qb.clone().orderBy('e.id', 'ASC').offset(query.offset).limit(query.limit).getMany(),
      qb.getCount(),
    ]);
    return toPage(
      await this.reader.presentEvents(events),
      { total: Math.min(total, TOTAL_CAP), capped: total > TOTAL_CAP },
      query,
    );
  }
}
