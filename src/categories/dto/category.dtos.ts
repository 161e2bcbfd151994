import { applyDecorators } from '@nestjs/common';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { CategoryAssignment } from '../category.entity';

export const CATEGORY_NAME_MAX = 100;
export const CATEGORY_DESCRIPTION_MAX = 1000;
export const DEFAULT_CATEGORY_COLOR = '#6c757d';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Colours compare and display the same whatever case the client sent; stored lower-case.
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);
const COLOR = /^#[0-9a-f]{6}$/;
const COLOR_MESSAGE = 'must be a hex colour like #1a2b3c';
export const CATEGORY_AGENTS_MAX = 100;
const MAX_INT = 2_147_483_647;

/** `agent_ids` and `assignment`, the same on create and update. */
const AgentIdsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [Number],
      maxItems: CATEGORY_AGENTS_MAX,
      uniqueItems: true,
      description:
        'agents and admins new tickets of the category may be assigned to (inactive ones are listed but skipped); replaces the list',
    }),
    IsOmittable(),
    IsArray(),
    ArrayMaxSize(CATEGORY_AGENTS_MAX),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(MAX_INT, { each: true }),
  );

const AssignmentField = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: CategoryAssignment,
      enumName: 'CategoryAssignment',
      description:
        'how a new ticket of the category gets its assignee: `round_robin` over the active listed agents by id, `least_open` to the one with the fewest unresolved tickets (ties by id); both need agents',
    }),
    IsOmittable(),
    IsEnum(CategoryAssignment),
  );

export class CreateCategoryDto {
  @ApiProperty({ minLength: 1, maxLength: CATEGORY_NAME_MAX, description: 'trimmed; unique, case-insensitively' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(CATEGORY_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ maxLength: CATEGORY_DESCRIPTION_MAX, default: '' })
  @IsOmittable()
  @IsString()
  @MaxLength(CATEGORY_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({
    pattern: '^#[0-9a-fA-F]{6}$',
    default: DEFAULT_CATEGORY_COLOR,
    example: '#007bff',
    description: '`#rrggbb`, stored lower-case',
  })
  @IsOmittable()
  @Transform(lowerCase)
  @IsString()
  @Matches(COLOR, { message: COLOR_MESSAGE })
  color?: string;

  @AgentIdsField()
  agent_ids?: number[];

  @AssignmentField()
  assignment?: CategoryAssignment;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: CATEGORY_NAME_MAX,
    description: 'trimmed; unique, case-insensitively',
  })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(CATEGORY_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: CATEGORY_DESCRIPTION_MAX })
  @IsOmittable()
  @IsString()
  @MaxLength(CATEGORY_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({
    pattern: '^#[0-9a-fA-F]{6}$',
    example: '#007bff',
    description: '`#rrggbb`, stored lower-case',
  })
  @IsOmittable()
  @Transform(lowerCase)
  @IsString()
  @Matches(COLOR, { message: COLOR_MESSAGE })
  color?: string;

  @AgentIdsField()
  agent_ids?: number[];

  @AssignmentField()
  assignment?: CategoryAssignment;
}
