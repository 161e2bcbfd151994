import { Repository } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';
import { SessionLookupCache } from './session-lookup.cache';

const SID = '0b6c2f8e-4a51-4c8e-9d2f-6c3b1a7e5d90';

/** A repository whose session lookups answer when the test says so, as the family is at that moment. */
function controlledTokens() {
  let live = true;
  const pending: Array<() => void> = [];
  const query = jest.fn(
    () =>
      new Promise<Array<{ user_id: number }>>((resolve) => {
        const answer = live ? [{ user_id: 7 }] : [];
        pending.push(() => resolve(answer));
      }),
  );
  return {
    repository: { query } as unknown as Repository<RefreshToken>,
    query,
    end: () => (live = false),
    answerAll: () => pending.splice(0).forEach((answer) => answer()),
  };
}

describe('SessionLookupCache', () => {
  it('serves a live session from memory until evicted, then reads that it ended', async () => {
    const tokens = controlledTokens();
    const cache = new SessionLookupCache(tokens.repository);
    const first = cache.liveUser(SID);
    tokens.answerAll();
    expect(await first).toBe(7);
    expect(await cache.liveUser(SID)).toBe(7);
    expect(tokens.query).toHaveBeenCalledTimes(1);

    tokens.end();
    cache.evict(SID);
    const again = cache.liveUser(SID);
    tokens.answerAll();
    expect(await again).toBeNull();
    expect(await cache.liveUser(SID)).toBeNull(); // an ended session is cached too
    expect(tokens.query).toHaveBeenCalledTimes(2);
  });

  it('forgets every cached session of a user at once', async () => {
    const tokens = controlledTokens();
    const cache = new SessionLookupCache(tokens.repository);
    const first = cache.liveUser(SID);
    tokens.answerAll();
    await first;
    cache.evictUser(8); // someone else
    expect(await cache.liveUser(SID)).toBe(7);
    cache.evictUser(7);
    const again = cache.liveUser(SID);
    expect(tokens.query).toHaveBeenCalledTimes(2);
    tokens.answerAll();
    await again;
  });

  it('does not cache a lookup that was in flight across an eviction (it may predate the logout)', async () => {
    const tokens = controlledTokens();
    const cache = new SessionLookupCache(tokens.repository);
    const stale = cache.liveUser(SID); // read before the logout commits...
    tokens.answerAll();
    tokens.end();
    cache.evict(SID); // ...the accounts message arrives before that read completes
    expect(await stale).toBe(7);
    const fresh = cache.liveUser(SID);
    tokens.answerAll();
    expect(await fresh).toBeNull();
    expect(tokens.query).toHaveBeenCalledTimes(2);
  });
});
