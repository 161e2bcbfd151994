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
export type TicketWithTimeline = Schemas['TicketWithTimelineJson'] & { attachments: Attachment[] };
export type TimelineEvent = Schemas['TicketEventJson'];
export type Comment = Schemas['CommentJson'] & { attachments: Attachment[] };

/**
 * A file on a ticket or on one of its comments (API.md → Attachments). Written by hand, as are the
 * `attachments` added to TicketWithTimeline and Comment above, until openapi.json documents the
 * attachment routes: then `npm run console:types` generates them, and these become aliases.
 */
export interface Attachment {
  id: number;
  ticket_id: number;
  /** Null while it is not part of a comment: then the ticket lists it. */
  comment_id: number | null;
  filename: string;
  /** From the bytes' signature, `application/octet-stream` when unrecognised. */
  content_type: string;
  size: number;
  sha256: string;
  is_internal: boolean;
  uploaded_by: { id: number; name: string };
  created_at: string;
  /** `/api/v1/attachments/:id`: needs the Bearer header; `?inline=1` serves images inline. */
  url: string;
}
export interface AttachmentList {
  items: Attachment[];
}

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
