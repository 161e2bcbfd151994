import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EvictableCache } from '../common/cache/evictable-cache';
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
  /** `null`: the session ended (or never was); sessions never come back, so that is cached too. */
  private readonly cache: EvictableCache<string, number | null>;

  constructor(@InjectRepository(RefreshToken) tokens: Repository<RefreshToken>) {
    this.cache = new EvictableCache(TTL_MS, MAX_ENTRIES, async (sessionId) => {
      const rows: Array<{ user_id: number }> = rawRows(
        await tokens.query(
          `SELECT user_id FROM refresh_tokens
            WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now()
            LIMIT 1`,
          [sessionId],
        ),
      );
      return rows[0]?.user_id ?? null;
    });
  }

  /**
   * The user of the session if it is live (a refresh token of its family is neither revoked nor
   * expired), else null. Rotation replaces the family's live token in one transaction, so a live
   * session never looks ended while it refreshes.
   */
  liveUser(sessionId: string): Promise<number | null> {
    return this.cache.get(sessionId);
  }

  /** One session ended (logout, refresh-token reuse). */
  evict(sessionId: string): void {
    this.cache.evict(sessionId);
  }

  /** Every session of a user ended (password change or reset, deactivation). Rare: a scan is fine. */
  evictUser(userId: number): void {
    this.cache.evictWhere((liveUser) => liveUser === userId);
  }
}
