// The wire shapes of the public API (API.md) under the console's names: aliases of the typed client's
// types (clients/typescript, generated from openapi.json by `npm run client:types`), so a change to the
// API's document that the console does not follow fails its typecheck.
import type { components, paths } from '@helpdesk/client';

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

export type SlaPolicy = Schemas['SlaPolicyJson'];
export type SlaPolicyList = Schemas['SlaPolicyListJson'];

/** GET/PUT /api/v1/business-hours: a zone, each weekday's open intervals, holidays. */
export type BusinessHours = Schemas['BusinessHoursDto'];
export type Weekday = keyof BusinessHours['week'];
/**
 * `["09:00", "17:00"]`; `["00:00", "24:00"]` is a whole day. Typed `string[]` by openapi.json, which
 * has no way to say "a pair"; the API refuses anything else (400 naming `week.<day>[i]`).
 */
export type Interval = BusinessHours['week'][Weekday][number];

export type Automation = Schemas['AutomationJson'];
export type AutomationList = Schemas['AutomationListJson'];

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
