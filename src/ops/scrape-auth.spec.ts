import { scrapeAllowed } from './scrape-auth';

describe('scrapeAllowed', () => {
  const token = 'a-long-enough-metrics-token';

  it('accepts exactly Bearer <token>', () => {
    expect(scrapeAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(scrapeAllowed(`bearer ${token}`, token)).toBe(true);
  });

  it.each([undefined, '', token, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Basic ${token}`, 'Bearer '])(
    'refuses %j',
    (header) => {
      expect(scrapeAllowed(header, token)).toBe(false);
    },
  );
});
