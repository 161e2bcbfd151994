import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { MessageSource } from '../common/ticket-enums';

@Entity('comments')
export class Comment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  ticketId!: number;

  @Column({ type: 'int', nullable: true })
  parentId!: number | null;

  @Column({ type: 'int' })
  authorId!: number;

  @Column({ type: 'text' })
  body!: string;

  /** Internal notes are for agents and admins only: never shown, counted or searched for requesters. */
  @Column({ type: 'boolean', default: false })
  isInternal!: boolean;

  /** Where it was written: the console, an email, or another API client. */
  @Column({ type: 'enum', enum: MessageSource, enumName: 'message_source', default: MessageSource.WEB })
  source!: MessageSource;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  /** Soft delete: the row stays so replies keep their parent; the body is hidden in responses. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
