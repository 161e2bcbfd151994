// Request bodies and queries of the webhooks admin API. The URL's form is checked here; where its
// host resolves needs the configuration and a lookup, so WebhooksService checks that.
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { IsOmittable } from '../../common/decorators/optional.decorator';
import { PaginationQueryDto } from '../../common/pagination/pagination';
import { DeliveryStatus } from '../webhook.entities';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '../webhook-events';
import { MAX_WEBHOOK_URL_LENGTH, urlProblem } from '../webhook-targets';

export const WEBHOOK_DESCRIPTION_MAX = 500;
export const WEBHOOK_EVENTS_MAX = 20;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

const KNOWN_EVENTS: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

/** What is wrong with a list of event types, or null; non-arrays and non-strings are other rules' to report. */
export function eventsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const names = value.filter((v): v is string => typeof v === 'string');
  if (names.includes(ALL_EVENTS)) {
    return names.length === 1 && value.length === 1 ? null : `"${ALL_EVENTS}" must be the only entry`;
  }
  const unknown = [...new Set(names.filter((name) => !KNOWN_EVENTS.has(name)))];
  if (!unknown.length) return null;
  return `unknown event types: ${unknown.map((u) => JSON.stringify(u.slice(0, 60))).join(', ')}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`;
}

function IsWebhookEvents(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWebhookEvents',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => eventsProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => eventsProblem(args.value) ?? 'is invalid',
      },
    });
}

/** The URL's form (scheme, no credentials, length); one message, so an overlong URL is not reported twice. */
function IsWebhookUrl(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || urlProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => urlProblem(args.value as string) ?? 'is invalid',
      },
    });
}

const URL_DESCRIPTION =
  'http(s) only, no credentials, at most 2000 characters. Its host must resolve, and only to public ' +
  'addresses (no loopback, private, link-local or cloud-metadata ones) unless the server runs with ' +
  '`WEBHOOK_ALLOW_PRIVATE_TARGETS=true`; otherwise 400 with `details.url`. Stored and shown normalized ' +
  '(`HTTPS://Example.com` → `https://example.com/`).';
const EVENTS_DESCRIPTION =
  'The event types to receive, or exactly `["*"]` for all (also those added later). Duplicates are dropped.';

const urlProperty: ApiPropertyOptions = {
  maxLength: MAX_WEBHOOK_URL_LENGTH,
  format: 'uri',
  example: 'https://hooks.example.com/helpdesk',
  description: URL_DESCRIPTION,
};
const eventsProperty: ApiPropertyOptions = {
  type: [String],
  enum: [...WEBHOOK_EVENT_TYPES, ALL_EVENTS],
  minItems: 1,
  maxItems: WEBHOOK_EVENTS_MAX,
  example: ['ticket.created', 'comment.created'],
  description: EVENTS_DESCRIPTION,
};
const descriptionProperty: ApiPropertyOptions = {
  type: String,
  nullable: true,
  maxLength: WEBHOOK_DESCRIPTION_MAX,
  example: 'Alerts to #support',
};
const INCLUDE_INTERNAL_DESCRIPTION = 'also send internal comments and their attachments';

export class CreateWebhookDto {
  @ApiProperty(urlProperty)
  @IsString()
  @IsWebhookUrl()
  url!: string;

  @ApiProperty(eventsProperty)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS_MAX)
  @IsString({ each: true })
  @IsWebhookEvents()
  events!: string[];

  @ApiPropertyOptional(descriptionProperty)
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: false, description: INCLUDE_INTERNAL_DESCRIPTION })
  @IsOmittable()
  @IsBoolean()
  include_internal?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional(urlProperty)
  @IsOmittable()
  @IsString()
  @IsWebhookUrl()
  url?: string;

  @ApiPropertyOptional(eventsProperty)
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS_MAX)
  @IsString({ each: true })
  @IsWebhookEvents()
  events?: string[];

  @ApiPropertyOptional({ ...descriptionProperty, description: 'null removes it' })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    description: 'true also clears `deactivated_reason` and `failing_since` (the 3-day clock starts again)',
  })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: INCLUDE_INTERNAL_DESCRIPTION })
  @IsOmittable()
  @IsBoolean()
  include_internal?: boolean;
}

export class ListWebhookDeliveriesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'only deliveries in this state' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}
