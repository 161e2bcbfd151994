import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeekHours } from './business-calendar';

/** The desk's calendar: one row (id 1). 24/7 in UTC until an admin sets hours. */
@Entity('business_hours')
export class BusinessHours {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  /** An IANA zone, e.g. `Europe/Berlin`. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'jsonb' })
  week!: WeekHours;

  /** `YYYY-MM-DD` dates, local to `timezone`, on which the desk is closed all day. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  holidays!: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
