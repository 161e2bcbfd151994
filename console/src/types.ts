// The wire shapes of the public API (API.md) under the console's names: aliases of the types generated
// from openapi.json into api-schema.d.ts (`npm run console:types`), so a change to the API's document
// that the console does not follow fails its typecheck.
import type { components, paths } from './api-schema';

type Schemas = components['schemas'];

export type User = Schemas['UserJson'];
export type Role = User['role'];
export type TokenPair = Schemas['TokenPairJson'];

export type Ticket = Schemas['TicketJson'];
export type Status = Ticket['status'];
export type Priority = Ticket['priority'];
export type TicketWithTimeline = Schemas['TicketWithTimelineJson'];
export type TimelineEvent = Schemas['TicketEventJson'];
export type Comment = Schemas['CommentJson'];
/** A file on a ticket, or on one of its comments (then `comment_id` says which). */
export type Attachment = Schemas['AttachmentJson'];
export type AttachmentList = Schemas['AttachmentListJson'];

export type Category = Schemas['CategoryJson'];
export type CategoryList = Schemas['CategoryListJson'];

export type Stats = Schemas['ReportStatsJson'];
export type Summary = Schemas['ReportSummaryJson'];
export type Timeseries = Schemas['TimeseriesJson'];
export type TimeseriesPoint = Schemas['TimeseriesPointJson'];

/**
 * A page of any list. openapi.json repeats the envelope inline in each list's response instead of
 * naming it, so it is taken from the ticket list's, with the items of the list at hand.
 */
type TicketList = paths['/api/v1/tickets']['get']['responses'][200]['content']['application/json'];
export type Page<T> = Omit<TicketList, 'items'> & { items: T[] };

/**
 * A realtime message from /ws/notifications (API.md → Realtime). Written here by hand: the socket is
 * not part of openapi.json. The server's side is `ClientNotification` in
 * src/notifications/notification-event.ts.
 */
export interface Notification {
  type:
    | 'ticket.created'
    | 'ticket.updated'
    | 'ticket.assigned'
    | 'comment.created'
    | 'ticket.escalated'
    | 'attachment.added';
  ticket_id: number;
  data: Record<string, unknown>;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Declared here by hand until openapi.json has them (issue 21: GET/PUT /business-hours, the
// automations and the policies' `calendar` are built on other branches). TODO: replace each with
// its generated schema (`Schemas['…']`) once `npm run console:types` emits it.

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** `["09:00", "17:00"]`; `["00:00", "24:00"]` is a whole day. */
export type Interval = [string, string];

/** GET/PUT /api/v1/business-hours. TODO: generated type. */
export interface BusinessHours {
  timezone: string;
  week: Record<Weekday, Interval[]>;
  holidays: string[];
}

/** GET /api/v1/sla-policies items, with issue 21's fields. TODO: generated type. */
export type SlaPolicy = Schemas['SlaPolicyJson'] & {
  calendar?: '24x7' | 'business_hours';
  warn_before_minutes?: number;
};

/** GET /api/v1/automations items. TODO: generated type. */
export interface Automation {
  id: number;
  name: string;
  active: boolean;
  conditions: {
    status: Status[];
    priority?: Priority[];
    category_id?: number[];
    tags_all?: string[];
    tags_none?: string[];
    hours_since_update?: number;
    hours_in_status?: number;
  };
  actions: {
    status?: Status;
    priority?: Priority;
    assignee_id?: number | null;
    add_tags?: string[];
    remove_tags?: string[];
    comment?: { body: string; is_internal: boolean };
  };
  created_at: string;
  updated_at: string;
}
