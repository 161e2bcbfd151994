import { decideRange } from './byte-range';

describe('decideRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-0', { kind: 'partial', range: { start: 0, end: 0 } }],
    ['bytes=2-5', { kind: 'partial', range: { start: 2, end: 5 } }],
    ['bytes=5-', { kind: 'partial', range: { start: 5, end: 9 } }],
    ['bytes=-3', { kind: 'partial', range: { start: 7, end: 9 } }],
    ['bytes=-30', { kind: 'partial', range: { start: 0, end: 9 } }],
    ['bytes=8-100', { kind: 'partial', range: { start: 8, end: 9 } }],
    ['bytes=10-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'full' }],
    ['bytes=0-1,4-5', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
  ])('%j on 10 bytes → %j', (header, expected) => {
    expect(decideRange(header, 10)).toEqual(expected);
  });
});
