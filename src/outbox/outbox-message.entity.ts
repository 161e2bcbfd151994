import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SendMailJob } from '../queues/queues';

export type OutboxKind = 'mail';

/**
 * A side effect (today: an email) decided by a transaction and written in it, waiting to be
 * relayed to its queue after commit. Indexes live in the migration (1764000200000).
 */
@Entity('outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: OutboxKind;

  /** The email; once delivered, only `to` and `subject` are kept (bodies may hold reset tokens). */
  @Column({ type: 'jsonb' })
  payload!: SendMailJob;

  /** Unique: a writer that runs twice (a retried job) adds the message once. */
  @Column({ type: 'varchar', length: 200 })
  dedupeKey!: string;

  /** Relay attempts, failed ones included. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  /** Not sent at all after this (set by the writer from what it mails; a day by default). */
  @Column({ type: 'timestamptz' })
  sendBefore!: Date;

  /** Set by the mail worker once the SMTP server accepted the email. */
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
