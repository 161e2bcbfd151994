import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxDate,
  MinDate,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { commaList } from '../../common/comma-list';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { TicketPriority, TicketStatus } from '../../common/ticket-enums';

const MAX_INT = 2_147_483_647;
/** Dates Postgres and JavaScript both hold comfortably. */
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Tags are compared and stored lower-case and trimmed. */
const normaliseTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** At most this many tags on a ticket (API.md → Tickets: `tags? (≤10 …)`). */
export const MAX_TICKET_TAGS = 10;
export class CreateTicketDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  description!: string;

  @ApiPropertyOptional({ enum: TicketPriority, default: TicketPriority.MEDIUM })
  @IsOmittable()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  category_id?: number | null;

  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'each 1..50 chars, stored lower-case' })
  @IsOmittable()
  @Transform(normaliseTags)
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_TAGS)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];
}

export class UpdateTicketDto {
  @ApiProperty({ type: 'integer', description: 'The version you read; a stale one is 409 VERSION_CONFLICT' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  version!: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 10000 })
  @IsOmittable()
  @IsString()
  @Length(1, 10000)
  description?: string;

  @ApiPropertyOptional({ enum: TicketStatus })
  @IsOmittable()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketPriority })
  @IsOmittable()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  assignee_id?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  category_id?: number | null;

  @ApiPropertyOptional({ type: [String], maxItems: 10 })
  @IsOmittable()
  @Transform(normaliseTags)
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_TAGS)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];
}

export class AssignTicketDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'null unassigns' })
  @ValidateIf((body: AssignTicketDto) => body.assignee_id !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  assignee_id!: number | null;
}

export const TICKET_SORTS = [
  'created_at',
  '-created_at',
  'updated_at',
  '-updated_at',
  'priority',
  '-priority',
  'resolution_due_at',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export class ListTicketsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'comma list of statuses', example: 'open,in_progress' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(6)
  @IsEnum(TicketStatus, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ description: 'comma list of priorities', example: 'high,urgent' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(TicketPriority, { each: true })
  priority?: TicketPriority[];

  @ApiPropertyOptional({ description: 'a user id, `me`, or `none` (unassigned)' })
  @IsOptional()
  @IsString()
  @Matches(/^(me|none|[1-9]\d{0,9})$/, { message: 'must be a user id, "me" or "none"' })
  assignee_id?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  requester_id?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  category_id?: number;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(1, 50)
  tag?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  is_breached?: boolean;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  created_after?: Date;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  created_before?: Date;

  @ApiPropertyOptional({
    description: 'full-text search (web search syntax: words, "phrases", -exclusions, or)',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'alias of q', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: TICKET_SORTS, default: '-created_at' })
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort?: TicketSort;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      "a saved filter's id (`/filters`): its params apply, and any parameter given here overrides the saved one; " +
      'a filter you may not see is 404',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  filter_id?: number;
}
