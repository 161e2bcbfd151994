import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it.each([null, 'text', 5, {}, [], { a: [1, { b: 'c' }] }])('accepts the shallow value %j', (value) => {
    expect(nestsDeeperThan(value, MAX_JSON_DEPTH)).toBe(false);
  });

  it.each([true, false])('draws the line at the limit (arrays: %s)', (asArray) => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH, asArray), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1, asArray), MAX_JSON_DEPTH)).toBe(true);
  });

  it('stops at the limit, so even 100,000 levels cost nothing and cannot overflow the stack', () => {
    expect(nestsDeeperThan({ ok: 1, deep: nested(100_000, true) }, MAX_JSON_DEPTH)).toBe(true);
  });
});
