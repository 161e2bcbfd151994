import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { TicketStatus } from '../common/ticket-enums';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import { onStatusChange } from '../sla/sla';
import type { BreachKind } from '../sla/sla';
import { ticketEscalatedEvent } from '../tickets/ticket-notifications';
import { EscalatedTicket, LockedClock, PauseResume, TicketRepository } from '../tickets/ticket.repository';
import { UserDirectory } from '../users/user-directory';
import { escalationAlertEmail, EscalationAlert } from './escalation.emails';

/**
 * Escalates one ticket for one breach kind, at most once however often it is asked (API.md → SLA).
 *
 * Everything happens in one transaction: the conditional UPDATE (which only matches a ticket still
 * breached for `kind` and never escalated for it, so the database is what makes it exactly once),
 * the timeline events `sla.breached` and `ticket.escalated` (actor null), and the alert emails,
 * written to the outbox. Only after commit is the outbox relayed to the mail queue. So:
 *
 * - a retried or duplicated job, or a second worker racing on the same ticket, updates nothing and
 *   writes no email (the UPDATE matches no row);
 * - a crash after commit loses no alert (the rows wait in the outbox for the next sweep's relay);
 * - a rollback leaves no event and no email behind.
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxService,
    private readonly notifications: RealtimePublisher,
    private readonly sla: SlaPoliciesService,
  ) {}

  /** True if this call escalated the ticket; false if it was already escalated, not breached, or gone. */
  async escalate(ticketId: number, kind: BreachKind): Promise<boolean> {
    const escalated = await this.tx.begin(async () => {
      const clock = await this.tickets.lockClock(ticketId);
      if (!clock) return null;
      const row = await this.tickets.escalate(ticketId, kind, clock.pausedAt ? await this.resume(clock) : null);
      if (!row) return null;
      const dueAt = new Date(row.due_at);
      await this.tickets.recordEvents(ticketId, null, [
        { type: 'sla.breached', data: { kind, due_at: dueAt.toISOString() } },
        {
          type: 'ticket.escalated',
          data: { kind, level: row.escalation_level, from: row.previous_status, to: row.status },
        },
      ]);
      await this.writeAlerts(row, kind, dueAt);
      return row;
    });
    if (!escalated) return false;
    this.outbox.relaySoon();
    // Committed: tell the desk (and the requester) in realtime; best effort, never throws.
    void this.notifications.publish(
      ticketEscalatedEvent(
        { id: escalated.id, requesterId: escalated.requester_id, status: escalated.status },
        { kind, level: escalated.escalation_level },
      ),
    );
    return true;
  }

  /**
   * What leaving `pending` for `escalated` does to a paused ticket's clock, counted on the calendar
   * of its priority's policy, as a status change through the API would (onStatusChange).
   */
  private async resume(clock: LockedClock): Promise<PauseResume> {
    const { calendar } = await this.sla.clockFor(clock.priority);
    const next = onStatusChange(clock, TicketStatus.PENDING, TicketStatus.ESCALATED, new Date(), calendar);
    return {
      pausedSeconds: next.pausedSeconds - clock.pausedSeconds,
      firstResponseDueAt: next.firstResponseDueAt,
      resolutionDueAt: next.resolutionDueAt,
    };
  }

  /** One email to the assignee (if active) and one to every active admin; one per person. */
  private async writeAlerts(row: EscalatedTicket, kind: BreachKind, dueAt: Date): Promise<void> {
    const users = await this.users.adminsAnd(row.assignee_id);
    const assignee = users.find((user) => user.id === row.assignee_id) ?? null;
    const alert: EscalationAlert = {
      ticketId: row.id,
      title: row.title,
      priority: row.priority,
      kind,
      dueAt,
      level: row.escalation_level,
      status: row.status,
      assignee: assignee && { name: assignee.name, email: assignee.email },
    };
    await this.outbox.addMany(
      users
        .filter((user) => user.isActive)
        .map((user) => ({
          message: escalationAlertEmail(user.email, alert),
          dedupeKey: `escalation-${row.id}-${kind}-${user.id}`,
        })),
    );
  }
}
