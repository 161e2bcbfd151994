import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EvictableCache } from '../common/cache/evictable-cache';
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
  private readonly cache: EvictableCache<number, User | null>;

  constructor(@InjectRepository(User) users: Repository<User>) {
    this.cache = new EvictableCache(TTL_MS, MAX_ENTRIES, (id) => users.findOne({ where: { id } }));
  }

  get(id: number): Promise<User | null> {
    return this.cache.get(id);
  }

  evict(id: number): void {
    this.cache.evict(id);
  }
}
