import { capErrorDetails, MAX_ERROR_DETAILS } from './error-details';

const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, ['bad']]));

describe('capErrorDetails', () => {
  it('leaves details of up to the limit as they are', () => {
    const details = entries(MAX_ERROR_DETAILS);
    expect(capErrorDetails(details)).toBe(details);
    expect(capErrorDetails({ current_version: 3 })).toEqual({ current_version: 3 });
  });

  it('keeps the first 100 and counts the rest in _truncated', () => {
    const capped = capErrorDetails(entries(120_000));
    expect(Object.keys(capped)).toHaveLength(MAX_ERROR_DETAILS + 1);
    expect(capped.f0).toEqual(['bad']);
    expect(capped.f99).toEqual(['bad']);
    expect(capped._truncated).toBe(120_000 - MAX_ERROR_DETAILS);
  });

  it('adds to a count already there, which is not an entry', () => {
    expect(capErrorDetails({ ...entries(3), _truncated: 10 }, 2)).toEqual({ f0: ['bad'], f1: ['bad'], _truncated: 11 });
    expect(capErrorDetails({ ...entries(2), _truncated: 10 }, 2)).toEqual({ ...entries(2), _truncated: 10 });
  });
});
