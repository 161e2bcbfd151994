import { findUnstorableText } from './unstorable-text';

describe('findUnstorableText', () => {
  it.each([null, 5, 'plain', 'emoji 😀 and ü', { a: ['x', { b: 'y' }] }, ['\ud83d\ude00']])(
    'finds nothing in %j',
    (value) => {
      expect(findUnstorableText(value)).toBeNull();
    },
  );

  it.each([
    ['a\u0000b', 'nul'],
    [{ title: ['ok', 'x\u0000'] }, 'nul'],
    [{ 'k\u0000': 1 }, 'nul'],
    ['\ud800', 'lone-surrogate'],
    ['tail \ud83d', 'lone-surrogate'],
    ['\ude00 head', 'lone-surrogate'],
    [{ email: '\ud800@example.com' }, 'lone-surrogate'],
    [{ ['\udfff']: 'key' }, 'lone-surrogate'],
  ])('finds the problem in %j', (value, problem) => {
    expect(findUnstorableText(value)).toBe(problem);
  });
});
