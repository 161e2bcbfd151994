// The three tables of webhooks: the hooks, their outbox of messages, and one delivery per hook and message.
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

@Entity('webhooks')
export class Webhook {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** Event types, or `['*']` for all. */
  @Column({ type: 'text', array: true })
  events!: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Internal comments and attachments reach only hooks with this set. */
  @Column({ type: 'boolean', default: false })
  includeInternal!: boolean;

  /** The signing secret, AES-256-GCM under WEBHOOK_SECRET_KEY (webhook-secrets.ts): a dump alone cannot sign. */
  @Column({ type: 'text' })
  secretEncrypted!: string;

  /** Since when every attempt failed; cleared by a success. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  /** Why it was deactivated automatically (a 410, or failing for 3 days); null otherwise. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  deactivatedReason!: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One event for webhooks, written in the transaction of the change (the outbox). */
@Entity('webhook_messages')
export class WebhookMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The `webhook-id` header: the same on every attempt and redelivery of this message. */
  @Column({ type: 'varchar', length: 64 })
  messageId!: string;

  @Column({ type: 'varchar', length: 40 })
  eventType!: string;

  /** Null for `webhook.ping`. */
  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  /** Null for the worker. */
  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'boolean', default: false })
  isInternal!: boolean;

  /** The event's own data (ids of the comment or attachment, what changed). */
  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  /** The body sent, built once at relay so every attempt signs the same bytes. */
  @Column({ type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}

@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  webhookId!: number;

  @Column({ type: 'bigint' })
  messageId!: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
