import { ApiProperty } from '@nestjs/swagger';

export const INGEST_STATUSES = ['created', 'appended', 'duplicate', 'ignored'] as const;

export class InboundEmailResultJson {
  @ApiProperty({
    enum: INGEST_STATUSES,
    description:
      '`created`: a new ticket; `appended`: a comment on an existing one; `duplicate`: this Message-ID was processed before (nothing new); `ignored`: an auto-reply, bounce, list mail, one of our own messages, or over the per-sender limit (nothing stored)',
  })
  status!: (typeof INGEST_STATUSES)[number];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the ticket created or appended to (for a duplicate: by the first copy)',
  })
  ticket_id!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the comment created (`appended` only)' })
  comment_id!: number | null;
}
