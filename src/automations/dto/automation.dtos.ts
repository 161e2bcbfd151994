import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { TICKET_PRIORITIES, TICKET_STATUSES, TicketPriority, TicketStatus } from '../../common/ticket-enums';

const MAX_INT = 2_147_483_647;
/** Ten years: a longer wait is a typo, not a rule. */
export const MAX_HOURS = 87_600;
export const MAX_RULE_TAGS = 10;
export const MAX_RULE_CATEGORIES = 100;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Tags are compared and stored lower-case and trimmed, as on tickets. */
const normaliseTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value;

const TAGS_DESCRIPTION = `at most ${MAX_RULE_TAGS} tags, each 1..50 chars, compared lower-case`;
const HOURS_DESCRIPTION = `hours, 0..${MAX_HOURS}; fractions allowed (0.01 is 36 s)`;

/** A tag list of a rule: like a ticket's tags. */
function RuleTags(description: string) {
  return (target: object, property: string) => {
    ApiPropertyOptional({ type: [String], maxItems: MAX_RULE_TAGS, description, example: ['vip'] })(target, property);
    IsOmittable()(target, property);
    Transform(normaliseTags)(target, property);
    IsArray()(target, property);
    ArrayMaxSize(MAX_RULE_TAGS)(target, property);
    IsString({ each: true })(target, property);
    Length(1, 50, { each: true })(target, property);
  };
}

function RuleHours(description: string) {
  return (target: object, property: string) => {
    ApiPropertyOptional({ type: Number, minimum: 0, maximum: MAX_HOURS, description, example: 72 })(target, property);
    IsOmittable()(target, property);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, property);
    Min(0)(target, property);
    Max(MAX_HOURS)(target, property);
  };
}

/** An object with at least one field set (an `actions` that does nothing is no rule). */
function HasAnyField(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'hasAnyField',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must contain at least one action`, ...options },
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          Object.values(value as Record<string, unknown>).some((v) => v !== undefined),
      },
    });
}

/** What a ticket must look like for the rule to apply; every given part must hold. */
export class AutomationConditionsDto {
  @ApiProperty({
    enum: TICKET_STATUSES,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description: 'the ticket is in one of these statuses',
    example: ['resolved'],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(TICKET_STATUSES.length)
  @ArrayUnique()
  @IsEnum(TicketStatus, { each: true })
  status!: TicketStatus[];

  @ApiPropertyOptional({
    enum: TICKET_PRIORITIES,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description: 'the ticket has one of these priorities',
    example: ['high', 'urgent'],
  })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(TICKET_PRIORITIES.length)
  @ArrayUnique()
  @IsEnum(TicketPriority, { each: true })
  priority?: TicketPriority[];

  @ApiPropertyOptional({
    type: [Number],
    minItems: 1,
    maxItems: MAX_RULE_CATEGORIES,
    uniqueItems: true,
    description: 'the ticket is in one of these categories (each must exist)',
    example: [1],
  })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_RULE_CATEGORIES)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_INT, { each: true })
  category_id?: number[];

  @RuleTags(`the ticket carries every one of these; ${TAGS_DESCRIPTION}`)
  tags_all?: string[];

  @RuleTags(`the ticket carries none of these; ${TAGS_DESCRIPTION}`)
  tags_none?: string[];

  @RuleHours(`at least this long since the ticket was last updated (updated_at); ${HOURS_DESCRIPTION}`)
  hours_since_update?: number;

  @RuleHours(`at least this long since the status last changed; ${HOURS_DESCRIPTION}`)
  hours_in_status?: number;
}

export class AutomationCommentDto {
  @ApiProperty({ minLength: 1, maxLength: 10000, example: 'Closing this ticket: it was resolved three days ago.' })
  @IsString()
  @Length(1, 10000)
  body!: string;

  @ApiPropertyOptional({ default: false, description: 'an internal note (requesters never see it)' })
  @IsOmittable()
  @IsBoolean()
  is_internal?: boolean;
}

/** What the rule does to a matching ticket, like an agent's change (at least one action). */
export class AutomationActionsDto {
  @ApiPropertyOptional({
    enum: TICKET_STATUSES,
    description:
      'not `escalated`; must be reachable by the status machine from every status of the conditions (else 422)',
    example: 'closed',
  })
  @IsOmittable()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, example: 'high' })
  @IsOmittable()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'an active agent or admin (else 422); null unassigns',
    example: 7,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  assignee_id?: number | null;

  @RuleTags(`tags to add; ${TAGS_DESCRIPTION}`)
  add_tags?: string[];

  @RuleTags(`tags to remove; ${TAGS_DESCRIPTION}`)
  remove_tags?: string[];

  @ApiPropertyOptional({
    type: () => AutomationCommentDto,
    description: 'a comment (or internal note) authored by the admin who last saved the rule',
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AutomationCommentDto)
  comment?: AutomationCommentDto;
}

const CONDITIONS_EXAMPLE = { status: ['resolved'], hours_in_status: 72 };
const ACTIONS_EXAMPLE = { status: 'closed' };

export class CreateAutomationDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'trimmed', example: 'Close resolved tickets after 72 h' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ type: () => AutomationConditionsDto, example: CONDITIONS_EXAMPLE })
  @IsObject()
  @ValidateNested()
  @Type(() => AutomationConditionsDto)
  conditions!: AutomationConditionsDto;

  @ApiProperty({ type: () => AutomationActionsDto, example: ACTIONS_EXAMPLE })
  @IsObject()
  @HasAnyField()
  @ValidateNested()
  @Type(() => AutomationActionsDto)
  actions!: AutomationActionsDto;
}

/** Any subset; `conditions` and `actions`, when given, replace the stored ones as a whole. */
export class UpdateAutomationDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'trimmed' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: () => AutomationConditionsDto,
    description: 'replaces the conditions as a whole',
    example: CONDITIONS_EXAMPLE,
  })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => AutomationConditionsDto)
  conditions?: AutomationConditionsDto;

  @ApiPropertyOptional({
    type: () => AutomationActionsDto,
    description: 'replaces the actions as a whole',
    example: ACTIONS_EXAMPLE,
  })
  @IsOmittable()
  @IsObject()
  @HasAnyField()
  @ValidateNested()
  @Type(() => AutomationActionsDto)
  actions?: AutomationActionsDto;
}
