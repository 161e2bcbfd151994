import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TicketPriority } from '../common/ticket-enums';

/** One row per priority: how long the desk has to answer and to resolve (API.md → SLA). */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryColumn({ type: 'enum', enum: TicketPriority, enumName: 'ticket_priority' })
  priority!: TicketPriority;

  @Column({ type: 'int' })
  firstResponseMinutes!: number;

  @Column({ type: 'int' })
  resolutionMinutes!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
