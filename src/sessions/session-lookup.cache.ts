import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { rawRows } from '../database/raw-rows';
import { RefreshToken } from './refresh-token.entity';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Whether the login session behind an access token (its `sid`, the refresh-token family) is still
 * live, cached for a few seconds like `UserLookupCache`: authentication costs no query on most
 * requests. An ended session is refused at once on the instance that ended it (which evicts) and
 * on every other one when the accounts message arrives (`NotificationsSubscriber` evicts); TTL_MS
 * only bounds how long a lost message leaves a session usable.
 */
@Injectable()
export class SessionLookupCache {
  /** `userId` null: the session ended (or never was); sessions never come back, so that is cached too. */
  private readonly entries = new Map<string, { userId: number | null; expiresAt: number }>();
  /**
   * Bumped by every eviction. A lookup in flight across one may have read the session before the
   * revocation committed: its answer goes to its caller (a request concurrent with the logout) but
   * is not cached, or it would keep a logged-out session alive for TTL_MS on this instance.
   */
  private evictions = 0;

  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  /**
   * The user of the session if it is live (a refresh token of its family is neither revoked nor
   * expired), else null. Rotation replaces the family's live token in one transaction, so a live
   * session never looks ended while it refreshes.
   */
  async liveUser(sessionId: string): Promise<number | null> {
    const now = Date.now();
    const hit = this.entries.get(sessionId);
    if (hit && hit.expiresAt > now) return hit.userId;
    const evictions = this.evictions;
    const rows: Array<{ user_id: number }> = rawRows(
      await this.tokens.query(
        `SELECT user_id FROM refresh_tokens
          WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now()
          LIMIT 1`,
        [sessionId],
      ),
    );
    const userId = rows[0]?.user_id ?? null;
    if (evictions !== this.evictions) return userId;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(sessionId, { userId, expiresAt: now + TTL_MS });
    return userId;
  }

  /** One session ended (logout, refresh-token reuse). */
  evict(sessionId: string): void {
    this.evictions++;
    this.entries.delete(sessionId);
  }

  /** Every session of a user ended (password change or reset, deactivation). Rare: a scan is fine. */
  evictUser(userId: number): void {
    this.evictions++;
    for (const [sessionId, entry] of this.entries) {
      if (entry.userId === userId) this.entries.delete(sessionId);
    }
  }
}
