// What a realtime notification is, on Redis and on the socket. Who may receive it is decided where
// the sockets are (notifications/notification-audience.ts).

export const NOTIFICATION_TYPES = [
  'ticket.created',
  'ticket.updated',
  'comment.created',
  'ticket.escalated',
  'ticket.assigned',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What delivery needs to apply the role table: whose ticket it is, and whether it is staff-only. */
export interface NotificationAudience {
  requesterId: number;
  /** Internal notes and their events reach agents and admins only. */
  internal: boolean;
}

export interface NotificationEvent {
  type: NotificationType;
  ticketId: number;
  /** Small and free of text bodies: ids, new status or assignee, flags. Clients fetch the rest. */
  data: Record<string, unknown>;
  audience: NotificationAudience;
}

/** The message on the socket (API.md → Realtime). */
export interface ClientNotification {
  type: NotificationType;
  ticket_id: number;
  data: Record<string, unknown>;
  at: string;
}

/** The message on the Redis channel: the client's, plus what delivery filters on. */
export interface PublishedNotification extends ClientNotification {
  audience: { requester_id: number; internal: boolean };
}

/** One channel per deployment (REDIS_KEY_PREFIX), shared by every API instance and worker. */
export function notificationsChannel(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}:notifications`;
}

export function toPublished(event: NotificationEvent, at: Date): PublishedNotification {
  return {
    type: event.type,
    ticket_id: event.ticketId,
    data: event.data,
    at: at.toISOString(),
    audience: { requester_id: event.audience.requesterId, internal: event.audience.internal },
  };
}

export function toClientMessage(message: PublishedNotification): ClientNotification {
  return { type: message.type, ticket_id: message.ticket_id, data: message.data, at: message.at };
}

/**
 * A second channel for "this account changed" (deactivated, new role or name): every API
 * instance forgets its cached copy of the user and re-checks that user's open sockets at once,
 * instead of at its next cache expiry or heartbeat.
 */
export function accountsChannel(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}:accounts`;
}

/** The user id of an accounts-channel message we published, or null for anything else. */
export function parseAccountChanged(raw: string): number | null {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 && String(id) === raw ? id : null;
}

/** A Redis message we published ourselves, or null for anything else on the channel. */
export function parsePublished(raw: string): PublishedNotification | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const message = value as Partial<PublishedNotification> | null;
  if (
    !message ||
    typeof message !== 'object' ||
    !NOTIFICATION_TYPES.includes(message.type as NotificationType) ||
    !Number.isInteger(message.ticket_id) ||
    typeof message.at !== 'string' ||
    !message.data ||
    typeof message.data !== 'object' ||
    !message.audience ||
    !Number.isInteger(message.audience.requester_id) ||
    typeof message.audience.internal !== 'boolean'
  ) {
    return null;
  }
  return message as PublishedNotification;
}
