import { CAPPED_COUNT_TTL_MS, CappedCounts } from './capped-counts';

describe('CappedCounts', () => {
  it('remembers a count past the cap until its time is up, per key', () => {
    let now = 1_000;
    const counts = new CappedCounts(() => now);
    expect(counts.isCapped('a')).toBe(false);
    counts.remember('a');
    expect(counts.isCapped('a')).toBe(true);
    expect(counts.isCapped('b')).toBe(false);
    now += CAPPED_COUNT_TTL_MS - 1;
    expect(counts.isCapped('a')).toBe(true);
    now += 1;
    expect(counts.isCapped('a')).toBe(false);
  });

  it('stays bounded: a full memory starts over rather than growing', () => {
    const counts = new CappedCounts(() => 0);
    for (let i = 0; i < 1_000; i++) counts.remember(`k${i}`);
    expect(counts.isCapped('k0')).toBe(true);
    counts.remember('one more');
    expect(counts.isCapped('k0')).toBe(false);
    expect(counts.isCapped('one more')).toBe(true);
  });
});
