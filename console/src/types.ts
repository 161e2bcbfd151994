// The wire shapes of the public API (API.md) that the console reads.
export type Role = 'user' | 'agent' | 'admin';
export type Status = 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  is_active: boolean;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  total_capped: boolean;
  limit: number;
  offset: number;
  next_offset: number | null;
}

export interface Category {
  id: number;
  name: string;
  color: string;
}

export interface PersonRef {
  id: number;
  name: string;
  email: string;
}

export interface Ticket {
  id: number;
  title: string;
  description: string;
  status: Status;
  priority: Priority;
  category: Category | null;
  tags: string[];
  requester: PersonRef;
  assignee: PersonRef | null;
  version: number;
  comment_count: number;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_responded_at: string | null;
  is_breached: boolean;
  escalation_level: number;
  resolved_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TimelineEvent {
  id: number;
  type: string;
  actor: { id: number; name: string } | null;
  data: Record<string, unknown>;
  created_at: string;
}

export interface TicketWithTimeline extends Ticket {
  timeline: TimelineEvent[];
}

export interface Comment {
  id: number;
  ticket_id: number;
  parent_id: number | null;
  author: { id: number; name: string; role: Role };
  body: string;
  is_internal: boolean;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface Stats {
  total_tickets: number;
  open_tickets: number;
  in_progress_tickets: number;
  pending_tickets: number;
  escalated_tickets: number;
  resolved_tickets: number;
  closed_tickets: number;
  overdue_tickets: number;
  tickets_by_priority: Record<string, number>;
  tickets_by_category: Record<string, number>;
  avg_resolution_hours: number | null;
  avg_first_response_hours: number | null;
  tickets_created_today: number;
  tickets_resolved_today: number;
}

export interface Summary {
  days: number;
  tickets_opened: number;
  tickets_resolved: number;
  tickets_escalated: number;
  tickets_breached: number;
}

export interface TimeseriesPoint {
  date: string;
  opened: number;
  resolved: number;
  breached: number;
}

/** A realtime message from /ws/notifications. */
export interface Notification {
  type: 'ticket.created' | 'ticket.updated' | 'ticket.assigned' | 'comment.created' | 'ticket.escalated';
  ticket_id: number;
  data: Record<string, unknown>;
  at: string;
}
