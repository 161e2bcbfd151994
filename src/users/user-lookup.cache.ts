import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Caches the user behind an access token for a few seconds, so authentication costs no query on
 * most requests while a deactivation or role change still takes effect within TTL_MS everywhere
 * (and at once on the instance that made it, which evicts).
 */
@Injectable()
export class UserLookupCache {
  private readonly entries = new Map<number, { user: User | null; expiresAt: number }>();
  /**
   * Bumped by every eviction. A lookup that was in flight across one may have read the user
   * before the change that caused it: its answer is returned to its caller but not cached, or it
   * would put the old role back for TTL_MS (and a socket re-checked from it keep it until the
   * next heartbeat).
   */
  private evictions = 0;

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async get(id: number): Promise<User | null> {
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > now) return hit.user;
    const evictions = this.evictions;
    const user = await this.users.findOne({ where: { id } });
    if (evictions !== this.evictions) return user;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(id, { user, expiresAt: now + TTL_MS });
    return user;
  }

  evict(id: number): void {
    this.evictions++;
    this.entries.delete(id);
  }
}
