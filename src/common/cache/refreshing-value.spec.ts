import { RefreshingValue } from './refreshing-value';

describe('RefreshingValue', () => {
  function setup(freshMs = 1_000, staleMs = 5_000) {
    let clock = 0;
    let calls = 0;
    const pending: Array<{ resolve: (n: number) => void; reject: (e: Error) => void }> = [];
    const compute = () =>
      new Promise<number>((resolve, reject) => {
        calls++;
        pending.push({ resolve, reject });
      });
    const value = new RefreshingValue(compute, freshMs, staleMs, () => clock);
    return {
      value,
      calls: () => calls,
      settle: (n: number) => pending.shift()!.resolve(n),
      fail: () => pending.shift()!.reject(new Error('db down')),
      advance: (ms: number) => (clock += ms),
    };
  }

  it('computes once for callers that arrive together, and serves the value while fresh', async () => {
    const s = setup();
    const all = [s.value.get(), s.value.get(), s.value.get()];
    expect(s.calls()).toBe(1);
    s.settle(7);
    expect(await Promise.all(all)).toEqual([7, 7, 7]);
    s.advance(999);
    expect(await s.value.get()).toBe(7);
    expect(s.calls()).toBe(1);
  });

  it('serves the stale value at once while one refresh runs, then the new one', async () => {
    const s = setup();
    const first = s.value.get();
    s.settle(1);
    await first;
    s.advance(1_500);
    expect(await s.value.get()).toBe(1);
    expect(await s.value.get()).toBe(1);
    expect(s.calls()).toBe(2);
    s.settle(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(await s.value.get()).toBe(2);
    expect(s.calls()).toBe(2);
  });

  it('makes callers wait once the value is older than fresh + stale', async () => {
    const s = setup();
    const first = s.value.get();
    s.settle(1);
    await first;
    s.advance(6_000);
    const waiting = s.value.get();
    expect(s.calls()).toBe(2);
    s.settle(3);
    expect(await waiting).toBe(3);
  });

  it('passes a failure to the callers that waited, and tries again on the next call', async () => {
    const s = setup();
    const first = s.value.get();
    s.fail();
    await expect(first).rejects.toThrow('db down');
    const second = s.value.get();
    expect(s.calls()).toBe(2);
    s.settle(4);
    expect(await second).toBe(4);
  });

  it('computes on every call when fresh is 0', async () => {
    const s = setup(0);
    const a = s.value.get();
    const b = s.value.get();
    expect(s.calls()).toBe(2);
    s.settle(1);
    s.settle(2);
    expect([await a, await b]).toEqual([1, 2]);
  });
});

describe('RefreshingValue.getStamped', () => {
  it('stamps a value with the instant its computation began, and keeps the stamp while serving it', async () => {
    let clock = 1_000;
    let resolve!: (n: number) => void;
    const value = new RefreshingValue(
      () => new Promise<number>((r) => (resolve = r)),
      10_000,
      5_000,
      () => clock,
    );
    const first = value.getStamped();
    clock += 300; // the computation takes a while
    resolve(7);
    expect(await first).toEqual({ data: 7, at: 1_000 });
    clock += 5_000;
    expect(await value.getStamped()).toEqual({ data: 7, at: 1_000 });
  });
});
