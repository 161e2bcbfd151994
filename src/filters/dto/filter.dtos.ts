import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsString, Length, registerDecorator, ValidationOptions } from 'class-validator';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { FILTER_PARAM_VALUE_MAX, UNSAVABLE_PARAMS } from '../filter-params';

export const FILTER_NAME_MAX = 100;
const MAX_PARAMS = 30;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const PARAMS_DESCRIPTION =
  '`GET /tickets` query parameters, validated exactly like that query (a bad one is 400 with ' +
  '`details["filter_params.<name>"]`) and stored in their query-string form: strings (`"open,pending"`); numbers ' +
  `and booleans are accepted and stored as strings. ${UNSAVABLE_PARAMS.join(', ')} cannot be saved. ` +
  '`assignee_id: "me"` means whoever applies the filter.';

/** A flat object of query-string values: strings (at most FILTER_PARAM_VALUE_MAX chars), numbers or booleans. */
function IsQueryParams(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isQueryParams',
      target: object.constructor,
      propertyName,
      options: {
        message: `must hold at most ${MAX_PARAMS} parameters, each a string (at most ${FILTER_PARAM_VALUE_MAX} characters), number or boolean`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null) return true; // @IsObject reports it
          const values = Object.values(value);
          return (
            values.length <= MAX_PARAMS &&
            values.every(
              (v) =>
                (typeof v === 'string' && v.length <= FILTER_PARAM_VALUE_MAX) ||
                (typeof v === 'number' && Number.isFinite(v)) ||
                typeof v === 'boolean',
            )
          );
        },
      },
    });
}

export class CreateFilterDto {
  @ApiProperty({ minLength: 1, maxLength: FILTER_NAME_MAX, description: 'trimmed' })
  @Transform(trim)
  @IsString()
  @Length(1, FILTER_NAME_MAX)
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { status: 'open,pending', priority: 'high,urgent', assignee_id: 'me' },
    description: PARAMS_DESCRIPTION,
  })
  @IsObject()
  @IsQueryParams()
  filter_params!: Record<string, string | number | boolean>;

  @ApiPropertyOptional({ default: false, description: 'visible to every agent when true' })
  @IsOmittable()
  @IsBoolean()
  is_public?: boolean;
}

export class UpdateFilterDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: FILTER_NAME_MAX, description: 'trimmed' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, FILTER_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: `replaces the saved params as a whole. ${PARAMS_DESCRIPTION}`,
  })
  @IsOmittable()
  @IsObject()
  @IsQueryParams()
  filter_params?: Record<string, string | number | boolean>;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  is_public?: boolean;
}
