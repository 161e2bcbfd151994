import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailDirection = 'in' | 'out';

/**
 * What became of a message. Received: `processing` (claimed by a transaction that has not
 * finished), `created` (it opened a ticket), `appended` (it became a comment), `ignored` (a loop,
 * a bounce, a flood: see `reason`). Sent: `sent` (queued through the outbox).
 */
export type EmailOutcome = 'processing' | 'created' | 'appended' | 'ignored' | 'sent';

/**
 * One message of an email thread, received or sent. The unique `message_id` makes a message
 * arriving twice create nothing the second time; a ticket's rows, oldest first, are its thread
 * (what a reply's In-Reply-To/References may name, and the References of the next email sent).
 * Indexes live in the migration (1764001300000).
 */
@Entity('email_messages')
export class EmailMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** With angle brackets, as in the header: `<id@domain>`. */
  @Column({ type: 'varchar', length: 998 })
  messageId!: string;

  @Column({ type: 'varchar', length: 3 })
  direction!: EmailDirection;

  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  @Column({ type: 'int', nullable: true })
  commentId!: number | null;

  /** A received message's From address, lower-cased (the flood limit counts by it). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  sender!: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: EmailOutcome;

  /** Why a received message was ignored (`auto_submitted`, `bounce`, `bulk`, `own_message`, `flood`, …). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
