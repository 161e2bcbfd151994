import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { Page, PaginationQueryDto, toPage } from '../../common/pagination/pagination';
import { dueDates } from '../../sla/sla';
import { SlaPoliciesService } from '../../sla/sla-policies.service';
import { RealtimePublisher } from '../../realtime/realtime-publisher';
import { ticketCreatedEvent, TicketSnapshot, ticketUpdatedEvent } from '../ticket-notifications';
import { CreateTicketDto } from '../dto/ticket.dtos';
import { PREPARED } from '../../database/prepared-statements';
import { TicketPriority } from '../../common/ticket-enums';
import { Ticket } from '../ticket.entity';
import { TicketEvent } from '../ticket-event.entity';
import { TicketEventJson, TicketJson, TicketWithTimelineJson } from '../read/ticket.presenter';
import { TicketReader } from '../read/ticket-reader';
import { addTicketTags, normaliseTagNames } from '../ticket-tags';
import { seesInternal, TICKET_ALIAS as T, visibleTickets } from '../read/ticket-visibility';
import { recordEvents } from '../timeline';

const TIMELINE_ON_TICKET = 100;
const PG_FOREIGN_KEY_VIOLATION = '23503';

const noSuchCategory = () => AppException.unprocessable('No such category', { category_id: ['does not exist'] });

/** Whether `error` is Postgres refusing a row for the foreign key `constraint`. */
function violates(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === PG_FOREIGN_KEY_VIOLATION && driverError.constraint === constraint;
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: TicketReader,
    private readonly notifications: RealtimePublisher,
    private readonly sla: SlaPoliciesService,
  ) {}

  async create(caller: AuthUser, input: CreateTicketDto): Promise<TicketJson> {
    return this.tx.run(async (manager) => {
      const priority = input.priority ?? TicketPriority.MEDIUM;
      const policy = await this.sla.policyFor(priority);
      const createdAt = new Date();
      const tags = normaliseTagNames(input.tags ?? []);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Ticket)
        .values({
          title: input.title,
          description: input.description,
          priority,
          categoryId: input.category_id ?? null,
          requesterId: caller.id,
          createdAt,
          updatedAt: createdAt,
          ...dueDates(createdAt, policy),
        })
        .comment(PREPARED)
        .execute()
        // The foreign key checks the category (and locks it against a concurrent delete): no
        // separate lookup before the insert.
        .catch((error: unknown) => {
          throw violates(error, 'tickets_category_id_fkey') ? noSuchCategory() : error;
        });
      const id = inserted.identifiers[0].id as number;
      await addTicketTags(manager, id, tags);
      await recordEvents(manager, id, caller.id, [
        {
          type: 'ticket.created',
          data: { title: input.title, priority, category_id: input.category_id ?? null, tags },
        },
      ]);
      const [created] = await this.reader.loadPresented(
        manager.getRepository(Ticket).createQueryBuilder(T).where(`${T}.id = :id`, { id }).comment(PREPARED),
        caller,
      );
      this.tx.afterCommit(() => this.notifications.publish(ticketCreatedEvent(created.ticket)));
      return created.json;
    });
  }

  async get(caller: AuthUser, id: number): Promise<{ ticket: Ticket; json: TicketWithTimelineJson }> {
    const [found] = await this.reader.loadPresentedWithTimeline(
      visibleTickets(this.tx.manager, caller).andWhere(`${T}.id = :id`, { id }).comment(PREPARED),
      caller,
      TIMELINE_ON_TICKET,
    );
    if (!found) throw AppException.notFound('Ticket');
    return { ticket: found.ticket, json: { ...found.json, timeline: found.timeline } };
  }

  async timeline(caller: AuthUser, id: number, query: PaginationQueryDto): Promise<Page<TicketEventJson>> {
    await this.findVisible(this.tx.manager, caller, id);
    const qb = this.events(caller, id);
    const [events, total] = await Promise.all([
      qb.clone().orderBy('e.id', 'ASC').offset(query.offset).limit(query.limit).getMany(),
      qb.getCount(),
    ]);
    return toPage(
      await this.reader.presentEvents(events),
      { total: Math.min(total, 10_000), capped: total > 10_000 },
      query,
    );
  }

  /** Admin: soft delete. The row stays; every list, count, search and GET stops seeing it. */
  async remove(caller: AuthUser, id: number): Promise<void> {
    await this.tx.run(async (manager) => {
      const result = await manager.query(
        `UPDATE tickets SET deleted_at = now(), version = version + 1 WHERE id = $1 AND deleted_at IS NULL
         RETURNING id, requester_id AS "requesterId", status, priority, version`,
        [id],
      );
      if (!(result[1] as number)) throw AppException.notFound('Ticket');
      await recordEvents(manager, id, caller.id, [{ type: 'ticket.deleted' }]);
      const deleted = (result[0] as TicketSnapshot[])[0];
      this.tx.afterCommit(() =>
        this.notifications.publish(ticketUpdatedEvent(deleted, ['deleted'], { deleted: true })),
      );
    });
  }

  async restore(caller: AuthUser, id: number): Promise<TicketJson> {
    const ticket = await this.tx.run(async (manager) => {
      const result = await manager.query(
        `UPDATE tickets SET deleted_at = NULL, version = version + 1, updated_at = now()
          WHERE id = $1 AND deleted_at IS NOT NULL RETURNING id`,
        [id],
      );
      if (!(result[1] as number)) throw AppException.notFound('Deleted ticket');
      await recordEvents(manager, id, caller.id, [{ type: 'ticket.restored' }]);
      const restored = await manager.findOneByOrFail(Ticket, { id });
      this.tx.afterCommit(() =>
        this.notifications.publish(ticketUpdatedEvent(restored, ['deleted'], { deleted: false })),
      );
      return restored;
    });
    return (await this.reader.present([ticket], caller))[0];
  }

  /** The ticket if the caller may see it; otherwise the same 404 as a ticket that does not exist. */
  async findVisible(manager: EntityManager, caller: AuthUser, id: number, lock = false): Promise<Ticket> {
    const qb = visibleTickets(manager, caller).andWhere(`${T}.id = :id`, { id }).comment(PREPARED);
    if (lock) qb.setLock('pessimistic_write');
    const ticket = await qb.getOne();
    if (!ticket) throw AppException.notFound('Ticket');
    return ticket;
  }

  async assertCategoryExists(manager: EntityManager, categoryId: number): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM categories WHERE id = $1`, [categoryId]);
    if (!rows.length) throw noSuchCategory();
  }

  private events(caller: AuthUser, ticketId: number) {
    const qb = this.tx.manager
      .getRepository(TicketEvent)
      .createQueryBuilder('e')
      .where('e.ticketId = :ticketId', { ticketId });
    if (!seesInternal(caller)) qb.andWhere('e.isInternal = false');
    return qb;
  }
}
