// What a realtime notification is, on Redis and on the socket. Who may receive it is decided where
// the sockets are (notifications/notification-audience.ts).
import { isSessionId } from '../common/session-id';

export const NOTIFICATION_TYPES = [
  'ticket.created',
  'ticket.updated',
  'comment.created',
  'ticket.escalated',
  'sla.warning',
  'ticket.assigned',
  'attachment.added',
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
 * A second channel for "this account changed" (deactivated, new role or name) and "these login
 * sessions ended" (logout, password change or reset, refresh-token reuse): every API instance
 * forgets what it cached and re-checks that user's open sockets at once, instead of at its next
 * cache expiry or heartbeat.
 */
export function accountsChannel(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}:accounts`;
}

/** What an accounts-channel message says. */
export type AccountMessage =
  | { kind: 'account-changed'; userId: number }
  | { kind: 'session-ended'; userId: number; sessionId: string }
  | { kind: 'sessions-ended'; userId: number };

/**
 * On the wire: `42` (account changed, the format instances before sessions understand),
 * `42 session <uuid>` and `42 sessions`. An instance that does not know a form ignores it (the
 * old parser accepts only a bare id), so a rolling deploy degrades to the cache TTL, never errors.
 */
export function formatAccountMessage(message: AccountMessage): string {
  switch (message.kind) {
    case 'account-changed':
      return String(message.userId);
    case 'session-ended':
      return `${message.userId} session ${message.sessionId}`;
    case 'sessions-ended':
      return `${message.userId} sessions`;
  }
}

/** An accounts-channel message we published, or null for anything else. */
export function parseAccountMessage(raw: string): AccountMessage | null {
  const [id, what, sessionId, ...rest] = raw.split(' ');
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || userId <= 0 || String(userId) !== id || rest.length) return null;
  if (what === undefined) return { kind: 'account-changed', userId };
  if (what === 'sessions' && sessionId === undefined) return { kind: 'sessions-ended', userId };
  if (what === 'session' && isSessionId(sessionId)) return { kind: 'session-ended', userId, sessionId };
  return null;
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
