import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AttachmentJson } from '../../tickets/read/ticket-attachments';

export class DownloadQueryDto {
  @ApiPropertyOptional({
    enum: ['1', '0', 'true', 'false'],
    description: 'show it in the browser: honoured for png, jpeg, gif and webp only (never SVG or HTML)',
  })
  @IsOptional()
  @IsIn(['1', '0', 'true', 'false'])
  inline?: string;
}

export class AttachmentListJson {
  @ApiProperty({ type: [AttachmentJson] }) items!: AttachmentJson[];
}

/** The multipart body of an upload, for the OpenAPI document (the route reads the parts itself). */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object' as const,
  required: ['file'],
  properties: {
    file: {
      type: 'array' as const,
      maxItems: 10,
      items: { type: 'string' as const, format: 'binary' },
      description: 'one to 10 file parts, each with a filename; at most ATTACHMENT_MAX_BYTES (25 MiB) each',
    },
    is_internal: {
      type: 'boolean' as const,
      default: false,
      description: 'staff only: an internal file is shown to agents and admins only, like an internal note',
    },
  },
};
