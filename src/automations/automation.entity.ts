import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TicketPriority, TicketStatus } from '../common/ticket-enums';

/** What a ticket must look like for a rule to apply (API.md → automations). All given parts must hold. */
export interface AutomationConditions {
  status: TicketStatus[];
  priority?: TicketPriority[];
  category_id?: number[];
  tags_all?: string[];
  tags_none?: string[];
  /** Hours (fractions allowed) since `updated_at`. */
  hours_since_update?: number;
  /** Hours (fractions allowed) since the status last changed (`status_changed_at`). */
  hours_in_status?: number;
}

/** What the rule does to a matching ticket, through the same code as an agent's change. */
export interface AutomationActions {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** null unassigns. */
  assignee_id?: number | null;
  add_tags?: string[];
  remove_tags?: string[];
  comment?: { body: string; is_internal: boolean };
}

@Entity('automations')
export class Automation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'jsonb' })
  conditions!: AutomationConditions;

  @Column({ type: 'jsonb' })
  actions!: AutomationActions;

  /** The admin who last saved the rule: the author of the comments it adds. Null for seeded rules. */
  @Column({ type: 'int', nullable: true })
  authorId!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A rule was applied to a ticket at a version: never again at that version. */
@Entity('automation_runs')
export class AutomationRun {
  @PrimaryColumn({ type: 'int' })
  automationId!: number;

  @PrimaryColumn({ type: 'int' })
  ticketId!: number;

  @PrimaryColumn({ type: 'int' })
  ticketVersion!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;
}
