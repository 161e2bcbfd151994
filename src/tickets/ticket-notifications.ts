// The notifications the ticket and comment services publish, built in one place so every `data`
// stays small and body-free (ids, new status, priority or assignee, flags): clients that want more
// fetch it over REST, where visibility is enforced again.
import type { Ticket } from './ticket.entity';
import { NotificationEvent } from '../realtime/realtime-message';

export type TicketSnapshot = Pick<Ticket, 'id' | 'requesterId' | 'status' | 'priority' | 'version'>;

const publicTo = (ticket: Pick<Ticket, 'requesterId'>) => ({ requesterId: ticket.requesterId, internal: false });

export function ticketCreatedEvent(ticket: TicketSnapshot): NotificationEvent {
  return {
    type: 'ticket.created',
    ticketId: ticket.id,
    data: { status: ticket.status, priority: ticket.priority, version: ticket.version },
    audience: publicTo(ticket),
  };
}

/** `changed`: the fields that changed (`title`, `status`, ...; `deleted` for a delete or restore). */
export function ticketUpdatedEvent(
  ticket: TicketSnapshot,
  changed: string[],
  extra: Record<string, unknown> = {},
): NotificationEvent {
  return {
    type: 'ticket.updated',
    ticketId: ticket.id,
    data: { changed, status: ticket.status, priority: ticket.priority, version: ticket.version, ...extra },
    audience: publicTo(ticket),
  };
}

export function ticketAssignedEvent(
  ticket: TicketSnapshot & Pick<Ticket, 'assigneeId'>,
  previousAssigneeId: number | null,
  extra: Record<string, unknown> = {},
): NotificationEvent {
  return {
    type: 'ticket.assigned',
    ticketId: ticket.id,
    data: {
      assignee_id: ticket.assigneeId,
      previous_assignee_id: previousAssigneeId,
      version: ticket.version,
      ...extra,
    },
    audience: publicTo(ticket),
  };
}

/** Never the body; an internal note's event reaches agents and admins only. */
export function commentCreatedEvent(
  ticket: Pick<Ticket, 'id' | 'requesterId'>,
  comment: { id: number; authorId: number; isInternal: boolean },
): NotificationEvent {
  return {
    type: 'comment.created',
    ticketId: ticket.id,
    data: { comment_id: comment.id, author_id: comment.authorId, is_internal: comment.isInternal },
    audience: { requesterId: ticket.requesterId, internal: comment.isInternal },
  };
}

export function ticketEscalatedEvent(
  ticket: { id: number; requesterId: number; status: string },
  escalation: { kind: string; level: number },
): NotificationEvent {
  return {
    type: 'ticket.escalated',
    ticketId: ticket.id,
    data: { kind: escalation.kind, level: escalation.level, status: ticket.status },
    audience: publicTo(ticket),
  };
}

/** A target falls due soon: for the desk only (agents and admins), like the warning's emails. */
export function slaWarningEvent(
  ticket: { id: number; requesterId: number; status: string },
  warning: { kind: string; dueAt: Date },
): NotificationEvent {
  return {
    type: 'sla.warning',
    ticketId: ticket.id,
    data: { kind: warning.kind, due_at: warning.dueAt.toISOString(), status: ticket.status },
    audience: { requesterId: ticket.requesterId, internal: true },
  };
}

/** Files added to a ticket (not their names); internal ones reach agents and admins only. */
export function attachmentAddedEvent(
  ticket: Pick<Ticket, 'id' | 'requesterId'>,
  attachments: { ids: number[]; isInternal: boolean },
): NotificationEvent {
  return {
    type: 'attachment.added',
    ticketId: ticket.id,
    data: { attachment_ids: attachments.ids, is_internal: attachments.isInternal },
    audience: { requesterId: ticket.requesterId, internal: attachments.isInternal },
  };
}
