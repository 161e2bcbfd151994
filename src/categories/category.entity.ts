import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum CategoryAssignment {
  NONE = 'none',
  ROUND_ROBIN = 'round_robin',
  LEAST_OPEN = 'least_open',
}

@Entity('categories')
@Index('categories_name_lower_key', { synchronize: false }) // UNIQUE (lower(name)), see the migration
export class Category {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description!: string;

  /** `#rrggbb` */
  @Column({ type: 'char', length: 7, default: '#6c757d' })
  color!: string;

  /** How a new ticket of the category gets its assignee. */
  @Column({ type: 'varchar', length: 11, default: CategoryAssignment.NONE })
  assignment!: CategoryAssignment;

  /** The agents new tickets are assigned to (in id order for round robin). */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  agentIds!: number[];

  /** Round robin's position: grows by one per assigned ticket; the pick is cursor mod active agents. */
  @Column({ type: 'bigint', default: 0, select: false })
  assignmentCursor!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
