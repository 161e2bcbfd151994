import { commaList } from './comma-list';

describe('commaList', () => {
  it.each([
    ['open', ['open']],
    ['open, closed,,', ['open', 'closed']],
    [
      ['open', 'closed'],
      ['open', 'closed'],
    ],
    [
      ['open,new', ' closed '],
      ['open', 'new', 'closed'],
    ],
    ['', []],
  ])('%j → %j', (value, expected) => {
    expect(commaList({ value })).toEqual(expected);
  });

  it('leaves what is not strings to the validators', () => {
    const nested = [{ a: 1 }];
    expect(commaList({ value: nested })).toBe(nested);
    expect(commaList({ value: 5 })).toBe(5);
  });
});
