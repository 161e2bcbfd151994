import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A named `GET /tickets` query. Indexes live in the migration (1764000400000). */
@Entity('saved_filters')
export class SavedFilter {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /**
   * Ticket list query parameters in their query-string form (`{status: 'open,pending'}`), valid
   * for `ListTicketsQueryDto` when stored (see filter-params.ts).
   */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  filterParams!: Record<string, string>;

  /** Public filters are visible to every agent and admin; private ones to their owner only. */
  @Column({ type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ type: 'int' })
  ownerId!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
