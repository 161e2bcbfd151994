import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MessageSource, TicketPriority, TicketStatus } from '../common/ticket-enums';

/**
 * A ticket. Indexes and the generated `priority_rank` column live in the migration
 * (1764000100000); its search vectors live in `ticket_search` (1764001600000), maintained in SQL
 * and by triggers, never through this class.
 */
@Entity('tickets')
export class Ticket {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'enum', enum: TicketStatus, enumName: 'ticket_status', default: TicketStatus.OPEN })
  status!: TicketStatus;

  @Column({ type: 'enum', enum: TicketPriority, enumName: 'ticket_priority', default: TicketPriority.MEDIUM })
  priority!: TicketPriority;

  @Column({ type: 'int', nullable: true })
  categoryId!: number | null;

  /** Where it was opened: the console, the email channel, or another API client. */
  @Column({ type: 'enum', enum: MessageSource, enumName: 'message_source', default: MessageSource.WEB })
  source!: MessageSource;

  @Column({ type: 'int' })
  requesterId!: number;

  @Column({ type: 'int', nullable: true })
  assigneeId!: number | null;

  /** Optimistic lock: every change bumps it; updates say which version they saw. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  /** Comments that are not deleted, internal ones included (what agents see). */
  @Column({ type: 'int', default: 0 })
  commentCount!: number;

  /** Public comments that are not deleted (what the requester sees). */
  @Column({ type: 'int', default: 0 })
  publicCommentCount!: number;

  @Column({ type: 'timestamptz' })
  firstResponseDueAt!: Date;

  @Column({ type: 'timestamptz' })
  resolutionDueAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  firstRespondedAt!: Date | null;

  /** When the ticket entered `pending`: the SLA clock is stopped from then until it leaves. */
  @Column({ type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  /** Seconds spent in `pending` before the current pause: they push both due dates later. */
  @Column({ type: 'int', default: 0 })
  pausedSeconds!: number;

  @Column({ type: 'smallint', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** Exactly-once markers of the escalation worker, one per breach kind. */
  @Column({ type: 'timestamptz', nullable: true })
  firstResponseEscalatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionEscalatedAt!: Date | null;

  /** Exactly-once markers of the SLA warning, one per target (API.md → SLA warnings). */
  @Column({ type: 'timestamptz', nullable: true })
  firstResponseWarnedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionWarnedAt!: Date | null;

  /** When the status last changed (creation counts): automations' `hours_in_status`. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
