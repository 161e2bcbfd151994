import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A normalised tag name (lower-case, 1..50 chars); tickets link to tags through `ticket_tags`. */
@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 50, unique: true })
  name!: string;
}
