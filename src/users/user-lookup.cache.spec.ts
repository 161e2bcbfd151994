import { Repository } from 'typeorm';
import { UserLookupCache } from './user-lookup.cache';
import { User } from './user.entity';

/** A repository whose lookups answer when the test says so, with the user as it is at that moment. */
function controlledUsers() {
  let current: Partial<User> = { id: 1, role: 'agent' as User['role'], isActive: true };
  const pending: Array<() => void> = [];
  const findOne = jest.fn(
    () =>
      new Promise<Partial<User>>((resolve) => {
        const answer = { ...current };
        pending.push(() => resolve(answer));
      }),
  );
  return {
    repository: { findOne } as unknown as Repository<User>,
    findOne,
    change: (patch: Partial<User>) => (current = { ...current, ...patch }),
    answerAll: () => pending.splice(0).forEach((answer) => answer()),
  };
}

describe('UserLookupCache', () => {
  it('serves a looked-up user from memory until evicted', async () => {
    const users = controlledUsers();
    const cache = new UserLookupCache(users.repository);
    const first = cache.get(1);
    users.answerAll();
    expect((await first)?.role).toBe('agent');
    expect((await cache.get(1))?.role).toBe('agent');
    expect(users.findOne).toHaveBeenCalledTimes(1);
    cache.evict(1);
    const again = cache.get(1);
    users.answerAll();
    await again;
    expect(users.findOne).toHaveBeenCalledTimes(2);
  });

  it('does not cache a lookup that was in flight across an eviction (it may predate the change)', async () => {
    const users = controlledUsers();
    const cache = new UserLookupCache(users.repository);
    const stale = cache.get(1); // read before the demotion commits...
    users.answerAll();
    users.change({ role: 'user' as User['role'] });
    cache.evict(1); // ...the accounts message arrives before that read completes
    expect((await stale)?.role).toBe('agent');
    const fresh = cache.get(1);
    users.answerAll();
    expect((await fresh)?.role).toBe('user');
    expect(users.findOne).toHaveBeenCalledTimes(2);
  });
});
