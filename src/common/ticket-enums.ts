export enum TicketStatus {
  OPEN = 'open',
  IN_PROGRESS = 'in_progress',
  PENDING = 'pending',
  ESCALATED = 'escalated',
  RESOLVED = 'resolved',
  CLOSED = 'closed',
}

export enum TicketPriority {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
  URGENT = 'urgent',
}

export const TICKET_STATUSES = Object.values(TicketStatus);
export const TICKET_PRIORITIES = Object.values(TicketPriority);

/** The two SLA targets a ticket can miss (API.md → SLA). */
export type BreachKind = 'first_response' | 'resolution';

export const BREACH_KINDS: readonly BreachKind[] = ['first_response', 'resolution'];

/** Where a ticket or comment came from: the console, the email channel, or any other API client. */
export enum MessageSource {
  WEB = 'web',
  EMAIL = 'email',
  API = 'api',
}

export const MESSAGE_SOURCES = Object.values(MessageSource);
