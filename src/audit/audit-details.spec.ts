import {
  boundDetails,
  changesBetween,
  MAX_DETAIL_ITEMS,
  MAX_DETAIL_STRING,
  MAX_DETAILS_JSON,
  urlOrigin,
} from './audit-details';

describe('boundDetails', () => {
  it('keeps plain, small details as they are', () => {
    expect(boundDetails({ from: 'agent', to: 'admin', n: 3, ok: true, none: null })).toEqual({
      from: 'agent',
      to: 'admin',
      n: 3,
      ok: true,
      none: null,
    });
    expect(boundDetails(undefined)).toEqual({});
  });

  it('drops secret-looking keys at any depth', () => {
    const stored = boundDetails({
      password: 'hunter2',
      current_password: 'x',
      secret: 'whsec_x',
      nested: { refresh_token: 'r', password_hash: '$argon2id$', token: 't', name: 'kept' },
      list: [{ api_key: 'k', authorization: 'Bearer x', keep: 1 }],
    });
    expect(stored).toEqual({ nested: { name: 'kept' }, list: [{ keep: 1 }] });
    expect(JSON.stringify(stored)).not.toMatch(/hunter2|whsec_|argon2|Bearer/);
  });

  it('bounds strings, lists, keys and depth', () => {
    const stored = boundDetails({
      long: 'x'.repeat(10_000),
      list: Array.from({ length: 100 }, (_, i) => i),
      deep: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
    }) as { long: string; list: unknown[]; deep: unknown };
    expect(stored.long).toHaveLength(MAX_DETAIL_STRING + 1);
    expect(stored.list).toHaveLength(MAX_DETAIL_ITEMS + 1);
    expect(stored.list.at(-1)).toBe(`… ${100 - MAX_DETAIL_ITEMS} more`);
    expect(JSON.stringify(stored.deep)).toContain('"…"');
    const wide = boundDetails(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])));
    expect(Object.keys(wide)).toHaveLength(31);
    expect(wide._truncated).toBe(true);
  });

  it('keeps the whole entry under the size bound', () => {
    const big = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${i}`, Array.from({ length: 20 }, () => 'y'.repeat(200))]),
    );
    expect(boundDetails(big)).toEqual({ _truncated: true });
    expect(JSON.stringify(boundDetails({ a: 'z'.repeat(150) })).length).toBeLessThan(MAX_DETAILS_JSON);
  });

  it('turns values JSON cannot hold into something it can', () => {
    expect(boundDetails({ at: new Date('2026-01-02T03:04:05Z'), nan: NaN, fn: () => 1, big: 1n })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      nan: null,
      fn: null,
      big: null,
    });
  });
});

describe('changesBetween', () => {
  it('lists only the fields that changed, with both values', () => {
    expect(changesBetween({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [2, 1], c: undefined })).toEqual({
      b: { from: [1, 2], to: [2, 1] },
    });
  });
});

describe('urlOrigin', () => {
  it('keeps scheme, host and port, never the path or query', () => {
    expect(urlOrigin('https://hooks.slack.com/services/T000/B000/XXXXSECRET?token=abc')).toBe(
      'https://hooks.slack.com',
    );
    expect(urlOrigin('http://user:pw@10.0.0.1:8080/x')).toBe('http://10.0.0.1:8080');
    expect(urlOrigin('not a url')).toBe('(invalid)');
  });
});
