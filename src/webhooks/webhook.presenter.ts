// The wire shapes of webhooks and their deliveries: the one place they become JSON. The secret is
// never part of a webhook's JSON; only create and rotate-secret add it, once.
import { ApiProperty } from '@nestjs/swagger';
import { DeliveryStatus, Webhook } from './webhook.entities';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './webhook-events';

export class WebhookJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ example: 'https://hooks.example.com/helpdesk' }) url!: string;
  @ApiProperty({ type: [String], enum: [...WEBHOOK_EVENT_TYPES, ALL_EVENTS], example: ['ticket.created'] })
  events!: string[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'false: nothing is sent (set by an admin, or by a 410 or 3 days of failures)' })
  active!: boolean;
  @ApiProperty({ description: 'receives internal comments and their attachments too' }) include_internal!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'the receiver answered 410 Gone',
    description: 'why delivery deactivated the hook; null when active or deactivated by an admin',
  })
  deactivated_reason!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'since when every attempt failed; null once one succeeds',
  })
  failing_since!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class WebhookWithSecretJson extends WebhookJson {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'The signing secret (Standard Webhooks: `whsec_` + base64 of 32 random bytes). Shown only in this ' +
      'answer: it is stored encrypted and never shown again; rotate it if lost.',
  })
  secret!: string;
}

export class WebhookPingJson {
  @ApiProperty({ example: 'msg_2Y3kQm8JQ0c7', description: 'the `webhook-id` header the receiver will get' })
  message_id!: string;
}

export class WebhookDeliveryJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) webhook_id!: number;
  @ApiProperty({ example: 'ticket.created' }) event_type!: string;
  @ApiProperty({ description: 'the `webhook-id` header: the same on every attempt and redelivery' })
  message_id!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: DeliveryStatus;
  @ApiProperty({ type: 'integer', description: 'attempts made so far' }) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: "the receiver's last HTTP status; null: no answer" })
  last_status_code!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'timed out after 10000 ms' }) last_error!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null unless pending' })
  next_attempt_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) delivered_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

/** A row of the deliveries list: the delivery joined with its message's `webhook-id` and type. */
export interface DeliveryRow {
  id: string;
  webhook_id: number;
  event_type: string;
  message_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

export function toWebhookJson(webhook: Webhook): WebhookJson {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    description: webhook.description,
    active: webhook.active,
    include_internal: webhook.includeInternal,
    deactivated_reason: webhook.deactivatedReason,
    failing_since: webhook.failingSince?.toISOString() ?? null,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
}

export function toWebhookWithSecretJson(webhook: Webhook, secret: string): WebhookWithSecretJson {
  return { ...toWebhookJson(webhook), secret };
}

/** Ids are integers on the wire (API: Conventions); delivery ids stay exact below 2^53. */
export function toWebhookDeliveryJson(row: DeliveryRow): WebhookDeliveryJson {
  return {
    id: Number(row.id),
    webhook_id: row.webhook_id,
    event_type: row.event_type,
    message_id: row.message_id,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    // The column is NOT NULL (the sweep's index), but it means nothing once a delivery is settled.
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    delivered_at: row.delivered_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
