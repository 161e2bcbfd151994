import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A canned reply with `{name}` placeholders. Indexes live in the migration (1764000400000). */
@Entity('response_templates')
export class ResponseTemplate {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** At most 10,000 characters (a CHECK in the migration). */
  @Column({ type: 'text' })
  content!: string;

  /** A free-text label for grouping, not a ticket category. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  /** Public templates are visible to every agent; private ones to their owner (and admins). */
  @Column({ type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ type: 'int' })
  ownerId!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
