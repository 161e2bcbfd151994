import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TicketPriority } from '../common/ticket-enums';

export enum SlaCalendar {
  ALWAYS = '24x7',
  BUSINESS_HOURS = 'business_hours',
}

/** One row per priority: how long the desk has to answer and to resolve (API.md → SLA). */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryColumn({ type: 'enum', enum: TicketPriority, enumName: 'ticket_priority' })
  priority!: TicketPriority;

  @Column({ type: 'int' })
  firstResponseMinutes!: number;

  @Column({ type: 'int' })
  resolutionMinutes!: number;

  /** Which clock the targets count on: around the clock, or the desk's business hours. */
  @Column({ type: 'varchar', length: 14, default: SlaCalendar.ALWAYS })
  calendar!: SlaCalendar;

  /** Minutes before a due time at which the desk is warned; 0 = never. */
  @Column({ type: 'int', default: 0 })
  warnBeforeMinutes!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
