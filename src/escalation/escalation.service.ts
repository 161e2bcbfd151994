import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { rawRows } from '../database/raw-rows';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { ticketEscalatedEvent } from '../tickets/ticket-notifications';
import { OutboxService } from '../outbox/outbox.service';
import { recordEvents } from '../tickets/timeline';
import { UserRole } from '../common/user-role';
import { escalationAlertEmail, EscalationAlert } from './escalation.emails';
import { escalateSql } from '../tickets/ticket-escalation-sql';
import type { BreachKind } from '../sla/sla';

interface EscalatedRow {
  id: number;
  title: string;
  priority: string;
  status: string;
  previous_status: string;
  assignee_id: number | null;
  requester_id: number;
  escalation_level: number;
  due_at: Date;
}

interface UserRow {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  is_active: boolean;
}

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly notifications: RealtimePublisher,
  ) {}

  /** True if this call escalated the ticket; false if it was already escalated, not breached, or gone. */
  async escalate(ticketId: number, kind: BreachKind): Promise<boolean> {
    const escalated = await this.db.transaction(async (manager) => {
      const [row] = rawRows<EscalatedRow>(await manager.query(escalateSql(kind), [ticketId]));
      if (!row) return null;
      const dueAt = new Date(row.due_at);
      await recordEvents(manager, ticketId, null, [
        { type: 'sla.breached', data: { kind, due_at: dueAt.toISOString() } },
        {
          type: 'ticket.escalated',
          data: { kind, level: row.escalation_level, from: row.previous_status, to: row.status },
        },
      ]);
      await this.writeAlerts(manager, row, kind, dueAt);
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

  /** One email to the assignee (if active) and one to every active admin; one per person. */
  private async writeAlerts(manager: EntityManager, row: EscalatedRow, kind: BreachKind, dueAt: Date): Promise<void> {
    const users: UserRow[] = await manager.query(
      `SELECT id, name, email, role, is_active FROM users
        WHERE (role = $1 AND is_active) OR id = $2 ORDER BY id`,
      [UserRole.ADMIN, row.assignee_id],
    );
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
      manager,
      users
        .filter((user) => user.is_active)
        .map((user) => ({
          message: escalationAlertEmail(user.email, alert),
          dedupeKey: `escalation-${row.id}-${kind}-${user.id}`,
        })),
    );
  }
}
