// POST /tickets, and the admin's soft delete and restore.
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log';
import { AuthUser } from '../../common/auth-user';
import { CategoryAssigner } from '../../categories/category-assigner';
import { AppException } from '../../common/errors/app.exception';
import { MessageSource, TicketPriority } from '../../common/ticket-enums';
import { TransactionContext } from '../../database/transaction-context';
import { RealtimePublisher } from '../../realtime/realtime-publisher';
import { dueDates } from '../../sla/sla';
import { SlaPoliciesService } from '../../sla/sla-policies.service';
import { CreateTicketDto } from '../dto/ticket.dtos';
import { TicketJson } from '../read/ticket.presenter';
import { TicketReader } from '../read/ticket-reader';
import { ticketAssignedEvent, ticketCreatedEvent, ticketUpdatedEvent } from '../ticket-notifications';
import { Ticket } from '../ticket.entity';
import { TicketRepository } from '../ticket.repository';
import { normaliseTagNames } from './ticket-tags';

@Injectable()
export class TicketsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly reader: TicketReader,
    private readonly notifications: RealtimePublisher,
    private readonly sla: SlaPoliciesService,
    private readonly assigner: CategoryAssigner,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Opens a ticket for `caller`. The email channel calls it inside its own transaction (which
   * `tx.run` joins), so the message record and the ticket commit together.
   */
  async create(
    caller: AuthUser,
    input: CreateTicketDto,
    options: { source?: MessageSource } = {},
  ): Promise<{ json: TicketJson; ticket: Ticket }> {
    const source = options.source ?? MessageSource.API;
    return this.tx.run(async () => {
      const priority = input.priority ?? TicketPriority.MEDIUM;
      const { policy, calendar } = await this.sla.clockFor(priority);
      const createdAt = new Date();
      const tags = normaliseTagNames(input.tags ?? []);
      const id = await this.tickets.insertCreated(
        {
          title: input.title,
          description: input.description,
          priority,
          categoryId: input.category_id ?? null,
          requesterId: caller.id,
          source,
          createdAt,
          updatedAt: createdAt,
          statusChangedAt: createdAt,
          ...dueDates(createdAt, policy, 0, calendar),
        },
        tags,
        caller.id,
        {
          type: 'ticket.created',
          data: { title: input.title, priority, category_id: input.category_id ?? null, tags, source },
        },
      );
      const auto = await this.autoAssign(id, input.category_id ?? null);
      const [created] = await this.reader.loadPresented(this.tickets.selectByIds([id]), caller);
      this.tx.afterCommit(() => this.notifications.publish(ticketCreatedEvent(created.ticket)));
      if (auto) {
        this.tx.afterCommit(() =>
          this.notifications.publish(ticketAssignedEvent(created.ticket, null, { auto_assigned: auto.rule })),
        );
      }
      return created;
    });
  }

  /**
   * The category's auto-assignment (round robin or least open), after the insert and in its
   * transaction, recorded after `ticket.created` with a null actor (the desk, not the caller).
   * A ticket without a category costs no query; one in a `none` category, one primary-key read.
   */
  private async autoAssign(id: number, categoryId: number | null) {
    if (categoryId === null) return null;
    const auto = await this.assigner.pick(categoryId, (agentIds) => this.tickets.unresolvedCountsByAssignee(agentIds));
    if (!auto) return null;
    await this.tickets.assignNew(id, auto.assigneeId);
    await this.tickets.recordEvents(id, null, [
      { type: 'assignee.changed', data: { from: null, to: auto.assigneeId, auto_assigned: auto.rule } },
    ]);
    return auto;
  }

  /** Admin: soft delete. The row stays; every list, count, search and GET stops seeing it. */
  async remove(caller: AuthUser, id: number): Promise<void> {
    await this.tx.run(async () => {
      const deleted = await this.tickets.softDelete(id);
      if (!deleted) throw AppException.notFound('Ticket');
      await this.tickets.recordEvents(id, caller.id, [{ type: 'ticket.deleted' }]);
      await this.audit.record({
        action: 'ticket.deleted',
        actorId: caller.id,
        target: { type: 'ticket', id },
      });
      this.tx.afterCommit(() =>
        this.notifications.publish(ticketUpdatedEvent(deleted, ['deleted'], { deleted: true })),
      );
    });
  }

  async restore(caller: AuthUser, id: number): Promise<TicketJson> {
    const ticket = await this.tx.run(async () => {
      if (!(await this.tickets.restore(id))) throw AppException.notFound('Deleted ticket');
      await this.tickets.recordEvents(id, caller.id, [{ type: 'ticket.restored' }]);
      await this.audit.record({ action: 'ticket.restored', actorId: caller.id, target: { type: 'ticket', id } });
      const restored = await this.tickets.findById(id);
      this.tx.afterCommit(() =>
        this.notifications.publish(ticketUpdatedEvent(restored, ['deleted'], { deleted: false })),
      );
      return restored;
    });
    return (await this.reader.present([ticket], caller))[0];
  }
}
