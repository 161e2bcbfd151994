import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of `audit_log`: an admin or security action, who did it, from where, and what changed.
 * Written only by AuditLog (in the change's transaction where there is one); never updated.
 */
@Entity('audit_log')
@Index('audit_log_at_idx', ['at', 'id'])
@Index('audit_log_action_at_idx', ['action', 'at'])
@Index('audit_log_actor_at_idx', ['actorId', 'at'])
@Index('audit_log_target_at_idx', ['targetType', 'targetId', 'at'])
export class AuditEntry {
  /** bigint: TypeORM hands it over as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** The user who acted; null for the anonymous (a failed login) and the desk itself. No foreign key. */
  @Column({ type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorIp!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'int', nullable: true })
  targetId!: number | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;
}
