import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { OutboxService } from '../outbox/outbox.service';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { BREACH_KINDS } from '../sla/sla';
import type { BreachKind } from '../sla/sla';
import { SlaPoliciesService, WarningWindow } from '../sla/sla-policies.service';
import { slaWarningEvent } from '../tickets/ticket-notifications';
import { TicketRepository, WarnedTicket } from '../tickets/ticket.repository';
import { UserContact, UserDirectory } from '../users/user-directory';
import { slaWarningEmail } from './sla-warning.emails';

/** Tickets marked per transaction, and at most this many pages per priority and kind per sweep. */
export const WARNING_PAGE_SIZE = 100;
export const WARNING_MAX_PAGES = 20;
/** Outbox rows per INSERT (3 parameters each, far below Postgres' 65,535). */
const OUTBOX_CHUNK = 1_000;

/**
 * SLA warnings (API.md → Business hours, SLA warnings): at the first sweep at or after
 * `due − warn_before_minutes` (wall-clock minutes) while the target is not yet due, once per kind
 * and ticket, ever: event `sla.warning` (`data.kind`, `data.due_at`, actor null; the webhook
 * `sla.warning` follows from it), one email to the assignee (or to every active agent when the
 * ticket is unassigned or its assignee deactivated), and a realtime `sla.warning` for the desk.
 *
 * Each page is one transaction: the conditional UPDATE that sets `<kind>_warned_at` (the database
 * makes it exactly once, whatever number of sweeps run at once, see markWarnedSql), the events and
 * the emails (into the outbox). A rollback or a killed worker leaves the marks unset, so the next
 * sweep warns again from scratch; after commit nothing is warned twice. Only after commit are the
 * realtime events published and the outbox relayed.
 */
@Injectable()
export class SlaWarningService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly sla: SlaPoliciesService,
    private readonly tickets: TicketRepository,
    private readonly users: UserDirectory,
    private readonly outbox: OutboxService,
    private readonly notifications: RealtimePublisher,
  ) {}

  /** Warns every ticket now inside its warning window; the number of warnings (ticket × kind). */
  async warnDue(): Promise<number> {
    const windows = await this.sla.warningWindows();
    let warned = 0;
    for (const kind of BREACH_KINDS) {
      for (const window of windows) warned += await this.warnWithin(kind, window);
    }
    if (warned) this.outbox.relaySoon();
    return warned;
  }

  private async warnWithin(kind: BreachKind, window: WarningWindow): Promise<number> {
    let total = 0;
    for (let page = 0; page < WARNING_MAX_PAGES; page++) {
      const rows = await this.tx.begin(async () => {
        const marked = await this.tickets.markWarned(kind, window.priority, window.minutes, WARNING_PAGE_SIZE);
        if (marked.length) await this.record(kind, marked);
        return marked;
      });
      for (const row of rows) {
        void this.notifications.publish(
          slaWarningEvent(
            { id: row.id, requesterId: row.requester_id, status: row.status },
            { kind, dueAt: new Date(row.due_at) },
          ),
        );
      }
      total += rows.length;
      if (rows.length < WARNING_PAGE_SIZE) break;
    }
    return total;
  }

  /** The events and emails of a page of warnings, in its transaction. */
  private async record(kind: BreachKind, rows: WarnedTicket[]): Promise<void> {
    const assignees = await this.users.contacts(
      rows.flatMap((row) => (row.assignee_id === null ? [] : [row.assignee_id])),
    );
    let agents: UserContact[] | undefined;
    const emails: Array<{ message: ReturnType<typeof slaWarningEmail>; dedupeKey: string }> = [];
    for (const row of rows) {
      const dueAt = new Date(row.due_at);
      await this.tickets.recordEvents(row.id, null, [
        { type: 'sla.warning', data: { kind, due_at: dueAt.toISOString() } },
      ]);
      const assignee = row.assignee_id === null ? undefined : assignees.get(row.assignee_id);
      const recipients = assignee?.isActive ? [assignee] : (agents ??= await this.users.activeAgents());
      const warning = { ticketId: row.id, title: row.title, priority: row.priority, kind, dueAt, status: row.status };
      for (const user of recipients) {
        emails.push({
          message: slaWarningEmail(user.email, warning),
          dedupeKey: `sla-warning-${row.id}-${kind}-${user.id}`,
        });
      }
    }
    for (let i = 0; i < emails.length; i += OUTBOX_CHUNK) await this.outbox.addMany(emails.slice(i, i + OUTBOX_CHUNK));
  }
}
