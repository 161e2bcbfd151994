import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'status.changed',
  'priority.changed',
  'assignee.changed',
  'comment.created',
  'comment.deleted',
  'sla.warning',
  'sla.breached',
  'ticket.escalated',
  'ticket.deleted',
  'ticket.restored',
  'attachment.added',
  'attachment.deleted',
  'email.received',
  'email.sent',
] as const;
export type TicketEventType = (typeof EVENT_TYPES)[number];

/** The timeline: one row per change, written in the same transaction as the change. */
@Entity('ticket_events')
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 40 })
  type!: TicketEventType;

  /** Null for the escalation worker. */
  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  /** Events about internal notes are hidden from requesters, like the notes themselves. */
  @Column({ type: 'boolean', default: false })
  isInternal!: boolean;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
