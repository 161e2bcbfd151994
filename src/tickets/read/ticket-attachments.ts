// The port through which GET /tickets/:id shows the ticket's own files. Attachments sit a layer
// above tickets (they need ticket visibility and the timeline), so tickets declares the wire shape
// and what it needs, and `attachments/` provides it: tickets never imports attachments.
import { ApiProperty } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth-user';

export class AttachmentUploaderJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
}

export class AttachmentJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) ticket_id!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the comment it belongs to, if any' })
  comment_id!: number | null;
  @ApiProperty({ description: 'cleaned: no directory part, no control characters, at most 255 bytes' })
  filename!: string;
  @ApiProperty({ example: 'image/png', description: 'from the bytes, never from the client alone' })
  content_type!: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'hex SHA-256 of the bytes (also the download ETag)' }) sha256!: string;
  @ApiProperty() is_internal!: boolean;
  @ApiProperty({ type: AttachmentUploaderJson }) uploaded_by!: AttachmentUploaderJson;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ example: '/api/v1/attachments/1', description: 'the download path' }) url!: string;
}

export const TICKET_ATTACHMENTS = Symbol('TICKET_ATTACHMENTS');

export interface TicketAttachmentSource {
  /**
   * A scalar subquery on ticket row `alias`: the ticket's attachments that are not part of a
   * comment and the caller may see, selected with the ticket (one round trip for GET /tickets/:id).
   */
  looseSelect(alias: string, caller: AuthUser): string;
  /** The JSON of what `looseSelect` returned for ticket `ticketId`. */
  presentLoose(ticketId: number, column: unknown): AttachmentJson[];
}
