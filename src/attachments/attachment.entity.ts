import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file on a ticket, or on one of its comments; its bytes are the stored object named `sha256`. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  ticketId!: number;

  /** Null until a comment takes it (`attachment_ids`); then it is shown with that comment. */
  @Column({ type: 'int', nullable: true })
  commentId!: number | null;

  @Column({ type: 'int' })
  uploaderId!: number;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ type: 'varchar', length: 255 })
  contentType!: string;

  // bigint arrives as a string from pg; files are far below 2^53.
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Staff-only, exactly like an internal note. */
  @Column({ type: 'boolean', default: false })
  isInternal!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
