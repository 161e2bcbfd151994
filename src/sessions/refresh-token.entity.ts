import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per issued refresh token, stored as a SHA-256 hash. Tokens of one login form a family;
 * presenting a token that was already rotated revokes the whole family (reuse detection).
 */
@Entity('refresh_tokens')
@Index('refresh_tokens_family_idx', ['familyId'])
@Index('refresh_tokens_user_live_idx', ['userId'], { where: 'revoked_at IS NULL' })
@Index('refresh_tokens_expires_idx', ['expiresAt'])
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  userId!: number;

  @Column({ type: 'uuid' })
  familyId!: string;

  @Index('refresh_tokens_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
