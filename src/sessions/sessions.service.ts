// Refresh tokens: opaque random strings, stored hashed, rotated on every use, grouped in a family
// per login so the reuse of a rotated token can revoke the whole login session. The family id is
// the session id (`sid`) of the access tokens issued in that login: ending the family ends them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LessThan, Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { authConfig } from '../config';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { RefreshToken } from './refresh-token.entity';
import { SessionLookupCache } from './session-lookup.cache';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A refresh token and the login session (refresh-token family) it belongs to. */
export interface IssuedRefreshToken {
  sessionId: string;
  token: string;
}

export type RotationResult = ({ ok: true; userId: number } & IssuedRefreshToken) | { ok: false; reused: boolean };

@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly cache: SessionLookupCache,
    private readonly publisher: RealtimePublisher,
    private readonly audit: AuditLog,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Joins the caller's transaction when one is open (a password change revokes with its commit). */
  private get tokens(): Repository<RefreshToken> {
    return this.tx.manager.getRepository(RefreshToken);
  }

  /** A new login session: a new family with its first refresh token. */
  async start(userId: number): Promise<IssuedRefreshToken> {
    const sessionId = randomUUID();
    return { sessionId, token: await this.issue(userId, sessionId) };
  }

  /**
   * Spends a refresh token and issues its successor in the same family. The conditional UPDATE makes
   * the spend atomic: of two concurrent refreshes with one token, exactly one succeeds. Spend and
   * successor commit together, so the family never looks ended (no live token) to a session check.
   */
  async rotate(token: string): Promise<RotationResult> {
    const tokenHash = hashToken(token);
    const rotated = await this.tx.run(async () => {
      const spent: Array<{ user_id: number; family_id: string }> = await this.tokens.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, family_id`,
        [tokenHash],
      );
      const [row] = rawRows(spent);
      if (!row) return null;
      return { userId: row.user_id, sessionId: row.family_id, token: await this.issue(row.user_id, row.family_id) };
    });
    if (rotated) return { ok: true, ...rotated };

    const known = await this.tokens.findOne({
      where: { tokenHash },
      select: { familyId: true, userId: true, revokedAt: true },
    });
    if (known?.revokedAt) {
      // A rotated (or logged-out) token came back: it was stolen or replayed. End that login everywhere.
      await this.tx.run(async () => {
        const ended = await this.revokeFamily(known.userId, known.familyId);
        await this.audit.record({
          action: 'auth.refresh_token_reused',
          actorId: null,
          target: { type: 'user', id: known.userId },
          details: { session_id: known.familyId, session_ended: ended },
        });
      });
      return { ok: false, reused: true };
    }
    return { ok: false, reused: false };
  }

  /** Logout: ends the login session the token belongs to. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    const known = await this.tokens.findOne({
      where: { tokenHash: hashToken(token) },
      select: { familyId: true, userId: true },
    });
    if (known) await this.revokeFamily(known.userId, known.familyId);
  }

  /** Ends every login session of the user (password change or reset, deactivation). */
  async revokeAllForUser(userId: number): Promise<void> {
    const revoked = await this.tokens.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1`,
      [userId],
    );
    if (rawRows(revoked).length) this.ended(userId);
  }

  async purgeExpired(): Promise<void> {
    await this.tokens.delete({ expiresAt: LessThan(new Date(Date.now() - 86_400_000)) });
  }

  /** True when the session was still live (this ended it). */
  private async revokeFamily(userId: number, familyId: string): Promise<boolean> {
    const revoked = await this.tokens.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL RETURNING 1`,
      [familyId],
    );
    if (!rawRows(revoked).length) return false;
    this.ended(userId, familyId);
    return true;
  }

  /**
   * The access tokens of the ended session(s) stop working: this instance forgets them now, and
   * every instance (this one again, to drop a lookup that raced the revocation) once it committed
   * and the accounts message arrives; that message also closes the sessions' sockets.
   */
  private ended(userId: number, sessionId?: string): void {
    const forget = () => (sessionId === undefined ? this.cache.evictUser(userId) : this.cache.evict(sessionId));
    forget();
    this.tx.afterCommit(async () => {
      forget();
      await this.publisher.sessionsEnded(userId, sessionId);
    });
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
