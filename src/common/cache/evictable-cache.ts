// A small read-through cache for facts that change rarely and must stop being served at once when
// they do (a user's role, a login session): entries live `ttlMs`, and an eviction also stops a
// lookup that was in flight across it from being cached.

export class EvictableCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  /**
   * Bumped by every eviction. A lookup that was in flight across one may have read the value before
   * the change that caused it: its answer goes to its caller but is not cached, or it would put the
   * old value back for `ttlMs` (and a socket re-checked from it keep it until its next check).
   */
  private evictions = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly load: (key: K) => Promise<V>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: K): Promise<V> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const evictions = this.evictions;
    const value = await this.load(key);
    if (evictions !== this.evictions) return value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  evict(key: K): void {
    this.evictions++;
    this.entries.delete(key);
  }

  /** Evicts every entry whose value matches (a scan: for rare events). */
  evictWhere(matches: (value: V) => boolean): void {
    this.evictions++;
    for (const [key, entry] of this.entries) {
      if (matches(entry.value)) this.entries.delete(key);
    }
  }
}
