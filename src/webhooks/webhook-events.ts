// The event types a webhook may subscribe to (API: Webhooks), and which timeline event becomes which.
import type { TicketEventType } from '../tickets/ticket-event.entity';

export const WEBHOOK_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.deleted',
  'ticket.restored',
  'comment.created',
  'attachment.added',
  'sla.warning',
  'sla.breached',
  'ticket.escalated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by POST /webhooks/:id/ping to that hook alone, whatever it subscribes to. */
export const PING_EVENT = 'webhook.ping';

/** A subscription to every event type. */
export const ALL_EVENTS = '*';

/** The webhook event a timeline event becomes; absent: none (a deleted comment or file sends nothing). */
export const WEBHOOK_EVENT_OF: Partial<Record<TicketEventType, WebhookEventType>> = {
  'ticket.created': 'ticket.created',
  'ticket.updated': 'ticket.updated',
  'priority.changed': 'ticket.updated',
  'status.changed': 'ticket.status_changed',
  'assignee.changed': 'ticket.assigned',
  'ticket.deleted': 'ticket.deleted',
  'ticket.restored': 'ticket.restored',
  'comment.created': 'comment.created',
  'attachment.added': 'attachment.added',
  'sla.warning': 'sla.warning',
  'sla.breached': 'sla.breached',
  'ticket.escalated': 'ticket.escalated',
};
