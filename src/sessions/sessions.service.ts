// Refresh tokens: opaque random strings, stored hashed, rotated on every use, grouped in a family
// per login so the reuse of a rotated token can revoke the whole login session.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LessThan, Repository } from 'typeorm';
import { authConfig } from '../config';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';
import { RefreshToken } from './refresh-token.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type RotationResult = { ok: true; userId: number; token: string } | { ok: false; reused: boolean };

@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Joins the caller's transaction when one is open (a password change revokes with its commit). */
  private get tokens(): Repository<RefreshToken> {
    return this.tx.manager.getRepository(RefreshToken);
  }

  /** A new login session: a new family with its first refresh token. */
  start(userId: number): Promise<string> {
    return this.issue(userId, randomUUID());
  }

  /**
   * Spends a refresh token and issues its successor in the same family. The conditional UPDATE makes
   * the spend atomic: of two concurrent refreshes with one token, exactly one succeeds.
   */
  async rotate(token: string): Promise<RotationResult> {
    const tokenHash = hashToken(token);
    const spent: Array<{ user_id: number; family_id: string }> = await this.tokens.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [tokenHash],
    );
    const [row] = rawRows(spent);
    if (row) return { ok: true, userId: row.user_id, token: await this.issue(row.user_id, row.family_id) };

    const known = await this.tokens.findOne({ where: { tokenHash }, select: { familyId: true, revokedAt: true } });
    if (known?.revokedAt) {
      // A rotated (or logged-out) token came back: it was stolen or replayed. End that login everywhere.
      await this.revokeFamily(known.familyId);
      return { ok: false, reused: true };
    }
    return { ok: false, reused: false };
  }

  /** Logout: ends the login session the token belongs to. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    const known = await this.tokens.findOne({ where: { tokenHash: hashToken(token) }, select: { familyId: true } });
    if (known) await this.revokeFamily(known.familyId);
  }

  async revokeAllForUser(userId: number): Promise<void> {
    await this.tokens.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  async purgeExpired(): Promise<void> {
    await this.tokens.delete({ expiresAt: LessThan(new Date(Date.now() - 86_400_000)) });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  private async issue(userId: number, familyId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.tokens.insert({
      userId,
      familyId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + this.config.refreshTtlSeconds * 1000),
    });
    return token;
  }
}
