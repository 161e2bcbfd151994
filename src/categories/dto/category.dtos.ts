import { IsOmittable } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CATEGORY_NAME_MAX = 100;
export const CATEGORY_DESCRIPTION_MAX = 1000;
export const DEFAULT_CATEGORY_COLOR = '#6c757d';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Colours compare and display the same whatever case the client sent; stored lower-case.
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);
const COLOR = /^#[0-9a-f]{6}$/;
const COLOR_MESSAGE = 'must be a hex colour like #1a2b3c';

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
}
