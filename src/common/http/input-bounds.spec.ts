import fc from 'fast-check';
import {
  exceededBoundOfFormText,
  exceededBoundOfJsonText,
  exceededBoundOfJsonTextAt,
  exceededBoundOfValue,
  INPUT_BOUNDS,
  InputBounds,
} from './input-bounds';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const textBound = (value: unknown, bounds?: InputBounds) =>
  exceededBoundOfJsonText(bytes(JSON.stringify(value)), bounds);

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

const wide = (keys: number) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]));

describe('input bounds', () => {
  it.each([null, 'text', 5, {}, [], { a: [1, { b: 'c' }] }, wide(1_000), { ids: Array(1_000).fill(1) }])(
    'accept the value %#, as text and as a value',
    (value) => {
      expect(textBound(value)).toBeNull();
      expect(exceededBoundOfValue(value)).toBeNull();
    },
  );

  it.each([true, false])('draw the depth line at the limit (arrays: %s)', (asArray) => {
    for (const measure of [textBound, exceededBoundOfValue]) {
      expect(measure(nested(INPUT_BOUNDS.depth, asArray))).toBeNull();
      expect(measure(nested(INPUT_BOUNDS.depth + 1, asArray))).toBe('depth');
    }
  });

  it.each([
    ['keysPerObject', { title: 'x', context: wide(1_001) }],
    ['arrayLength', { ids: Array(1_001).fill(0) }],
    ['values', Array.from({ length: 11 }, () => Array(999).fill(0))],
    ['values', Array.from({ length: 101 }, () => wide(99))],
  ])('refuse past %s', (bound, value) => {
    expect(textBound(value)).toBe(bound);
    expect(exceededBoundOfValue(value)).toBe(bound);
  });

  it('count nothing inside strings: brackets, commas and escaped quotes are text', () => {
    const text = `{"a":"${'[{,\\"'.repeat(5_000)}","b":["]]]}}}",","]}`;
    expect(JSON.parse(text)).toBeDefined();
    expect(exceededBoundOfJsonText(bytes(text))).toBeNull();
  });

  it('stop at the limit, so even 500,000 levels or keys cost nothing and cannot overflow the stack', () => {
    expect(exceededBoundOfJsonText(bytes('['.repeat(500_000) + ']'.repeat(500_000)))).toBe('depth');
    expect(exceededBoundOfValue({ ok: 1, deep: nested(100_000, true) })).toBe('depth');
    expect(exceededBoundOfValue(wide(120_000))).toBe('keysPerObject');
  });

  it('measure malformed text without throwing (the parser refuses it afterwards)', () => {
    for (const text of ['', '{', ']]]]', '{"a":', '"unterminated', '[1,,,2]', '}{']) {
      expect(exceededBoundOfJsonText(bytes(text))).toBeNull();
    }
  });

  it('agree between text and value on any JSON value, with small bounds', () => {
    const bounds: InputBounds = { depth: 3, keysPerObject: 3, arrayLength: 3, values: 12, formPairs: 3 };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(textBound(value, bounds) === null).toBe(exceededBoundOfValue(value, bounds) === null);
      }),
      { numRuns: 2_000 },
    );
  });

  it('count the pairs of a form body', () => {
    expect(exceededBoundOfFormText(bytes(Array(1_000).fill('a=1').join('&')))).toBeNull();
    expect(exceededBoundOfFormText(bytes(Array(1_001).fill('a=1').join('&')))).toBe('formPairs');
  });

  it('name the container that is too long or too wide, by its keys and indexes', () => {
    const at = (value: unknown) => exceededBoundOfJsonTextAt(bytes(JSON.stringify(value)));
    const tags = Array(10_000).fill('x');
    expect(at({ name: 'r', conditions: { status: ['open'], tags_all: tags } })).toEqual({
      bound: 'arrayLength',
      path: 'conditions.tags_all',
    });
    expect(at({ a: 1, 'k\\"ey': { b: [0, { c: tags }] } })).toEqual({
      bound: 'arrayLength',
      path: 'k\\\\\\"ey.b[1].c',
    });
    expect(at(tags)).toEqual({ bound: 'arrayLength', path: '' });
    expect(at({ context: wide(1_001) })).toEqual({ bound: 'keysPerObject', path: 'context' });
    expect(at({ [`${'k'.repeat(100)}`]: tags })?.path).toBe('k'.repeat(64));
  });
});
