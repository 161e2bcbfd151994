import { MessageSource } from '../../common/ticket-enums';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { AttachmentJson } from '../../tickets/read/ticket-attachments';
import { UserRole } from '../../common/user-role';

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  body!: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'a comment of the same ticket' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  parent_id?: number | null;

  @ApiPropertyOptional({ default: false, description: 'an internal note (agents and admins only)' })
  @IsOmittable()
  @IsBoolean()
  is_internal?: boolean;

  @ApiPropertyOptional({
    type: [Number],
    maxItems: 10,
    description:
      'your own uploads on this ticket that are not part of a comment yet, with the same is_internal as the comment',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  attachment_ids?: number[];
}

export class UpdateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  body!: string;
}

export class CommentAuthorJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UserRole }) role!: UserRole;
}

export class CommentJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) ticket_id!: number;
  @ApiProperty({ type: 'integer', nullable: true }) parent_id!: number | null;
  @ApiProperty({ type: CommentAuthorJson }) author!: CommentAuthorJson;
  @ApiProperty({ description: 'empty once deleted' }) body!: string;
  @ApiProperty() is_internal!: boolean;
  @ApiProperty({
    enum: MessageSource,
    enumName: 'MessageSource',
    description: 'where it was written: `web` (the console), `email` (a reply by email), `api` (any other client)',
  })
  source!: MessageSource;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) edited_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deleted_at!: string | null;
  @ApiProperty({ type: [AttachmentJson], description: 'its files, oldest first (none once deleted)' })
  attachments!: AttachmentJson[];
}
