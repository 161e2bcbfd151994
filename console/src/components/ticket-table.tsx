// A list of tickets; rows of breached tickets are marked in red.
import { fromNow, plural } from '../format';
import { href } from '../router';
import { dueText, useSlaContext, type SlaContext } from '../sla-clock';
import type { Ticket } from '../types';
import { BreachedBadge, EmailBadge, PriorityBadge, StatusBadge } from './badges';

export function TicketTable({ tickets, staff, empty }: { tickets: Ticket[]; staff: boolean; empty: string }) {
  const sla = useSlaContext(staff);
  if (!tickets.length) return <p class="empty muted">{empty}</p>;
  return (
    <table class="tickets">
      <thead>
        <tr>
          <th>#</th>
          <th>Title</th>
          {staff && <th>Requester</th>}
          <th>Status</th>
          <th>Priority</th>
          {staff && <th>Assignee</th>}
          <th>{staff ? 'Resolution due' : 'Updated'}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id} class={ticket.is_breached ? 'row-breached' : undefined} data-ticket-id={ticket.id}>
            <td class="muted">{ticket.id}</td>
            <td class="title-cell">
              <a href={href(`/tickets/${ticket.id}`)}>{ticket.title}</a>
              <EmailBadge source={ticket.source} title="Opened by email" />
              {ticket.is_breached && <BreachedBadge />}
              {ticket.comment_count > 0 && <span class="muted count">{plural(ticket.comment_count, 'comment')}</span>}
            </td>
            {staff && <td>{ticket.requester.name}</td>}
            <td>
              <StatusBadge status={ticket.status} />
            </td>
            <td>
              <PriorityBadge priority={ticket.priority} />
            </td>
            {staff && <td>{ticket.assignee?.name ?? <span class="muted">Unassigned</span>}</td>}
            <td class="muted">{when(ticket, staff, sla)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function when(ticket: Ticket, staff: boolean, sla: SlaContext | null): string {
  if (!staff) return fromNow(ticket.updated_at);
  if (ticket.status === 'resolved' || ticket.status === 'closed') return `done ${fromNow(ticket.resolved_at)}`;
  return dueText(ticket.resolution_due_at, ticket.priority, sla);
}
