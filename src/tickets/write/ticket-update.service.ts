// PATCH /tickets/:id and POST /tickets/:id/assign: optimistic locking, the status machine, the
// role rules and the SLA clock, with every change and its timeline events in one transaction.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { AuthUser } from '../../common/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { TicketStatus } from '../../common/ticket-enums';
import type { BusinessCalendar } from '../../sla/business-calendar';
import { dueDates, onStatusChange } from '../../sla/sla';
import { SlaPoliciesService } from '../../sla/sla-policies.service';
import { RealtimePublisher } from '../../realtime/realtime-publisher';
import { ticketAssignedEvent, ticketUpdatedEvent } from '../ticket-notifications';
import { UpdateTicketDto } from '../dto/ticket.dtos';
import { Ticket } from '../ticket.entity';
import { TicketJson, etagOf } from '../read/ticket.presenter';
import { assertMayAssign, assertMayEditFields } from './ticket-permissions';
import { TicketReader } from '../read/ticket-reader';
import { checkStatusChange, statusTimestamps } from './ticket-status-machine';
import { normaliseTagNames } from './ticket-tags';
import { NewEvent, TicketRepository } from '../ticket.repository';
import { UserDirectory } from '../../users/user-directory';

/** Who, besides the caller's role, makes a change: an automation's changes have no actor. */
export interface ChangeContext {
  /**
   * Set when an automation applies the change: the events get `data.automation_id` and a null
   * actor (the caller is then the worker's system caller, see `systemCaller`).
   */
  automationId?: number;
}

export interface UpdateOptions {
  /** The request's If-Match header, if any. */
  ifMatch?: string;
}

@Injectable()
export class TicketUpdateService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly users: UserDirectory,
    private readonly reader: TicketReader,
    private readonly notifications: RealtimePublisher,
    private readonly sla: SlaPoliciesService,
  ) {}

  async update(caller: AuthUser, id: number, input: UpdateTicketDto, options: UpdateOptions = {}): Promise<TicketJson> {
    const ticket = await this.tx.run(async () => {
      // Locking the row serialises concurrent writers; the version check then tells the losers.
      const current = await this.tickets.findVisible(caller, id, true);
      if (options.ifMatch !== undefined && !etagMatches(options.ifMatch, current)) {
        throw new AppException(ErrorCode.PRECONDITION_FAILED, 'If-Match does not match the current ETag', {
          current_etag: etagOf(current),
        });
      }
      if (input.version !== current.version) throw versionConflict(current.version);
      return this.changeAndRead(caller, current, input);
    });
    return ticket.json;
  }

  async assign(caller: AuthUser, id: number, assigneeId: number | null): Promise<TicketJson> {
    const ticket = await this.tx.run(async () => {
      const current = await this.tickets.findVisible(caller, id, true);
      return this.changeAndRead(caller, current, { version: current.version, assignee_id: assigneeId });
    });
    return ticket.json;
  }

  /**
   * Applies a change to a ticket the caller has locked (SELECT ... FOR UPDATE) in the current
   * transaction (a `tx.run`): checks the rules, updates the row and bumps its version, writes the
   * events, and queues the realtime notifications for after commit.
   */
  async applyChanges(
    caller: AuthUser,
    current: Ticket,
    input: UpdateTicketDto,
    context: ChangeContext = {},
  ): Promise<Ticket> {
    assertMayEditFields(caller, current.status, input);
    const now = new Date();
    const next: Partial<Ticket> = {};
    const events: NewEvent[] = [];
    const contentChanges: Record<string, { from: unknown; to: unknown }> = {};

    if (input.title !== undefined && input.title !== current.title) {
      next.title = input.title;
      contentChanges.title = { from: current.title, to: input.title };
    }
    if (input.description !== undefined && input.description !== current.description) {
      next.description = input.description;
      contentChanges.description = { from: null, to: null }; // long text: the event says it changed, not what to
    }
    let newTags: string[] | undefined;
    if (input.tags !== undefined) {
      const before = await this.tickets.tagNames(current.id);
      const after = normaliseTagNames(input.tags);
      if (before.join('\u0000') !== after.join('\u0000')) {
        newTags = after;
        contentChanges.tags = { from: before, to: after };
      }
    }
    if (input.category_id !== undefined && input.category_id !== current.categoryId) {
      // A category that does not exist is refused by the foreign key (422 from the repository).
      next.categoryId = input.category_id;
      contentChanges.category_id = { from: current.categoryId, to: input.category_id };
    }
    if (Object.keys(contentChanges).length) events.push({ type: 'ticket.updated', data: { changes: contentChanges } });

    // The clock counts on the calendar of the ticket's (new) priority's policy.
    let calendar: BusinessCalendar | undefined;
    if (input.priority !== undefined && input.priority !== current.priority) {
      const clock = await this.sla.clockFor(input.priority);
      calendar = clock.calendar;
      Object.assign(next, dueDates(current.createdAt, clock.policy, current.pausedSeconds, calendar));
      next.priority = input.priority;
      events.push({ type: 'priority.changed', data: { from: current.priority, to: input.priority } });
    }

    if (input.status !== undefined) {
      const check = checkStatusChange(current.status, input.status, {
        role: caller.role,
        isRequester: current.requesterId === caller.id,
      });
      if (check.kind === 'invalid') {
        throw new AppException(ErrorCode.INVALID_TRANSITION, check.reason, { from: current.status, to: input.status });
      }
      if (check.kind === 'forbidden') throw AppException.forbidden(check.reason);
      if (check.kind === 'ok') {
        const resumes = current.status === TicketStatus.PENDING && input.status !== TicketStatus.PENDING;
        if (resumes && !calendar) calendar = (await this.sla.clockFor(current.priority)).calendar;
        const clock = onStatusChange(
          {
            firstResponseDueAt: next.firstResponseDueAt ?? current.firstResponseDueAt,
            resolutionDueAt: next.resolutionDueAt ?? current.resolutionDueAt,
            pausedAt: current.pausedAt,
            pausedSeconds: current.pausedSeconds,
          },
          current.status,
          input.status,
          now,
          calendar,
        );
        Object.assign(next, clock, statusTimestamps(input.status, current, now), {
          status: input.status,
          statusChangedAt: now,
        });
        events.push({ type: 'status.changed', data: { from: current.status, to: input.status } });
      }
    }

    if (input.assignee_id !== undefined && input.assignee_id !== current.assigneeId) {
      assertMayAssign(caller, current.assigneeId, input.assignee_id);
      if (input.assignee_id !== null) await this.assertAssignable(input.assignee_id);
      next.assigneeId = input.assignee_id;
      events.push({ type: 'assignee.changed', data: { from: current.assigneeId, to: input.assignee_id } });
    }

    // Same-value "changes" are no-ops: no event, no version bump.
    if (!events.length) return current;
    const automation_id = context.automationId;
    await this.tickets.updateAndRecord(
      current.id,
      current.version,
      next,
      now,
      automation_id === undefined ? caller.id : null,
      automation_id === undefined
        ? events
        : events.map((event) => ({ ...event, data: { ...event.data, automation_id } })),
    );
    if (newTags) await this.tickets.replaceTags(current.id, newTags);
    // Exactly what the UPDATE wrote (its SET is `next`, the version bump and `updated_at`): no read.
    const updated = Object.assign(new Ticket(), current, next, { version: current.version + 1, updatedAt: now });
    const changed = [...Object.keys(contentChanges), ...(['priority', 'status'] as const).filter((f) => f in next)];
    if (changed.length) this.tx.afterCommit(() => this.notifications.publish(ticketUpdatedEvent(updated, changed)));
    if ('assigneeId' in next) {
      this.tx.afterCommit(() => this.notifications.publish(ticketAssignedEvent(updated, current.assigneeId)));
    }
    return updated;
  }

  /**
   * `applyChanges`, then the ticket as `caller` reads it, by the one query that folds in its
   * relations, in the same transaction (a change that changes nothing reads it too).
   */
  async changeAndRead(
    caller: AuthUser,
    current: Ticket,
    input: UpdateTicketDto,
    context: ChangeContext = {},
  ): Promise<{ ticket: Ticket; json: TicketJson }> {
    await this.applyChanges(caller, current, input, context);
    return (await this.reader.loadPresented(this.tickets.selectByIds([current.id]), caller))[0];
  }

  private async assertAssignable(userId: number): Promise<void> {
    if (!(await this.users.isAssignable(userId))) {
      throw AppException.unprocessable('The assignee must be an active agent or admin', {
        assignee_id: ['is not an active agent or admin'],
      });
    }
  }
}

function versionConflict(currentVersion: number): AppException {
  return new AppException(ErrorCode.VERSION_CONFLICT, 'The ticket was changed by someone else; reload it', {
    current_version: currentVersion,
  });
}

/** `If-Match: *`, or a list of (weak or strong) ETags one of which is current. */
function etagMatches(header: string, ticket: Ticket): boolean {
  const current = etagOf(ticket).replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === current);
}
