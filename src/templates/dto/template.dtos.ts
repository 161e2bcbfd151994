import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Length,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { PaginationQueryDto } from '../../common/pagination/pagination';

export const TEMPLATE_TITLE_MAX = 200;
export const TEMPLATE_CONTENT_MAX = 10_000;
export const TEMPLATE_CATEGORY_MAX = 100;
export const CONTEXT_MAX_KEYS = 200;
export const CONTEXT_VALUE_MAX = 10_000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const CONTENT_DESCRIPTION =
  '`{name}` placeholders (name: a letter or `_`, then letters, digits, `_` or `.`) are filled by POST /:id/render';
const CATEGORY_DESCRIPTION = 'a free-text label (trimmed), not a ticket category';

export class CreateTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: TEMPLATE_TITLE_MAX, description: 'trimmed' })
  @Transform(trim)
  @IsString()
  @Length(1, TEMPLATE_TITLE_MAX)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: TEMPLATE_CONTENT_MAX, description: CONTENT_DESCRIPTION })
  @IsString()
  @Length(1, TEMPLATE_CONTENT_MAX)
  content!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: TEMPLATE_CATEGORY_MAX,
    description: CATEGORY_DESCRIPTION,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEMPLATE_CATEGORY_MAX)
  category?: string | null;

  @ApiPropertyOptional({ default: false, description: 'visible to every agent when true' })
  @IsOmittable()
  @IsBoolean()
  is_public?: boolean;
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: TEMPLATE_TITLE_MAX, description: 'trimmed' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, TEMPLATE_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TEMPLATE_CONTENT_MAX, description: CONTENT_DESCRIPTION })
  @IsOmittable()
  @IsString()
  @Length(1, TEMPLATE_CONTENT_MAX)
  content?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: TEMPLATE_CATEGORY_MAX,
    description: `${CATEGORY_DESCRIPTION}; null removes it`,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEMPLATE_CATEGORY_MAX)
  category?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  is_public?: boolean;
}

export class ListTemplatesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ maxLength: TEMPLATE_TITLE_MAX, description: 'case-insensitive substring of the title' })
  @IsOptional()
  @IsString()
  @Length(1, TEMPLATE_TITLE_MAX)
  q?: string;

  @ApiPropertyOptional({ maxLength: TEMPLATE_CATEGORY_MAX, description: 'the category label, case-insensitively' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TEMPLATE_CATEGORY_MAX)
  category?: string;
}

/** A flat JSON object whose values are strings (at most CONTEXT_VALUE_MAX chars) or finite numbers. */
function IsRenderContext(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRenderContext',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => offendingKeys(value).length === 0,
        defaultMessage: (args: ValidationArguments) =>
          Object.keys(args.value as object).length > CONTEXT_MAX_KEYS
            ? `may hold at most ${CONTEXT_MAX_KEYS} names`
            : `values must be strings (at most ${CONTEXT_VALUE_MAX} characters) or numbers: ` +
              offendingKeys(args.value).join(', '),
      },
    });
}

function offendingKeys(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const entries = Object.entries(value);
  if (entries.length > CONTEXT_MAX_KEYS) return ['(too many names)'];
  return entries
    .filter(
      ([, v]) =>
        !(typeof v === 'string' && v.length <= CONTEXT_VALUE_MAX) && !(typeof v === 'number' && Number.isFinite(v)),
    )
    .map(([key]) => key);
}

export class RenderTemplateDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string', maxLength: CONTEXT_VALUE_MAX }, { type: 'number' }] },
    maxProperties: CONTEXT_MAX_KEYS,
    default: {},
    example: { customer_name: 'Ann', 'ticket.id': 42 },
    description:
      'placeholder name → value, flat (`{ticket.id}` reads the key "ticket.id"); names the content does not use ' +
      'are ignored',
  })
  @IsOmittable()
  @IsObject()
  @IsRenderContext()
  context?: Record<string, string | number>;
}
