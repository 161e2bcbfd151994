// The one place a Ticket (and its timeline) becomes wire JSON.
import { ApiProperty } from '@nestjs/swagger';
import { isBreached } from '../../sla/sla';
import { isStaff, UserRole } from '../../common/user-role';
import { MessageSource, TicketPriority, TicketStatus } from '../../common/ticket-enums';
import { Ticket } from '../ticket.entity';
import { EVENT_TYPES, TicketEvent } from '../ticket-event.entity';
import { AttachmentJson } from './ticket-attachments';

export class CategoryRefJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '#007bff' }) color!: string;
}

export class UserRefJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class ActorJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
}

export class TicketEventJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: EVENT_TYPES, example: 'status.changed' }) type!: string;
  @ApiProperty({ type: ActorJson, nullable: true, description: 'null for the escalation worker' })
  actor!: ActorJson | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class TicketJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: TicketStatus }) status!: TicketStatus;
  @ApiProperty({ enum: TicketPriority }) priority!: TicketPriority;
  @ApiProperty({
    enum: MessageSource,
    enumName: 'MessageSource',
    description: 'where it was opened: `web` (the console), `email` (the email channel), `api` (any other client)',
  })
  source!: MessageSource;
  @ApiProperty({ type: CategoryRefJson, nullable: true }) category!: CategoryRefJson | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: UserRefJson }) requester!: UserRefJson;
  @ApiProperty({ type: UserRefJson, nullable: true }) assignee!: UserRefJson | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer', description: 'requesters count public comments only' }) comment_count!: number;
  @ApiProperty({ format: 'date-time' }) first_response_due_at!: string;
  @ApiProperty({ format: 'date-time' }) resolution_due_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) first_responded_at!: string | null;
  @ApiProperty() is_breached!: boolean;
  @ApiProperty({ type: 'integer' }) escalation_level!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalated_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolved_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closed_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class TicketWithTimelineJson extends TicketJson {
  @ApiProperty({ type: [TicketEventJson], description: 'the latest 100 events, oldest first' })
  timeline!: TicketEventJson[];
  @ApiProperty({
    type: [AttachmentJson],
    description: 'files on the ticket itself (not part of a comment), oldest first',
  })
  attachments!: AttachmentJson[];
}

/** What a ticket row needs beside itself to be presented (loaded in batches by TicketReader). */
export interface TicketRelations {
  category: { id: number; name: string; color: string } | null;
  requester: { id: number; name: string; email: string };
  assignee: { id: number; name: string; email: string } | null;
  tags: string[];
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toTicketJson(
  ticket: Ticket,
  relations: TicketRelations,
  viewer: UserRole,
  now = new Date(),
): TicketJson {
  return {
    id: ticket.id,
    title: ticket.title,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    source: ticket.source,
    category: relations.category,
    tags: relations.tags,
    requester: relations.requester,
    assignee: relations.assignee,
    version: ticket.version,
    comment_count: isStaff(viewer) ? ticket.commentCount : ticket.publicCommentCount,
    first_response_due_at: ticket.firstResponseDueAt.toISOString(),
    resolution_due_at: ticket.resolutionDueAt.toISOString(),
    first_responded_at: iso(ticket.firstRespondedAt),
    is_breached: isBreached(ticket, now),
    escalation_level: ticket.escalationLevel,
    escalated_at: iso(ticket.escalatedAt),
    resolved_at: iso(ticket.resolvedAt),
    closed_at: iso(ticket.closedAt),
    created_at: ticket.createdAt.toISOString(),
    updated_at: ticket.updatedAt.toISOString(),
  };
}

export function toEventJson(event: TicketEvent, actorName: string | undefined): TicketEventJson {
  return {
    id: Number(event.id),
    type: event.type,
    actor: event.actorId === null ? null : { id: event.actorId, name: actorName ?? '' },
    data: event.data,
    created_at: event.createdAt.toISOString(),
  };
}

export function etagOf(ticket: Pick<Ticket, 'id' | 'version'>): string {
  return `W/"${ticket.id}-${ticket.version}"`;
}

/** The answer of claim and bulk: the tickets changed, as a list without paging. */
export class TicketListJson {
  @ApiProperty({ type: [TicketJson] }) items!: TicketJson[];
}
