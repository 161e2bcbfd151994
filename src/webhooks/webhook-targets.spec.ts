import { isForbiddenAddress, resolveTarget, urlProblem } from './webhook-targets';

describe('webhook targets', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.5',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::10.0.0.1',
    'ff02::1',
    'not an ip',
  ])('forbids %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows %s',
    (address) => {
      expect(isForbiddenAddress(address)).toBe(false);
    },
  );

  it.each([
    ['ftp://example.com/hook', 'must use http or https'],
    ['https://user:pass@example.com/hook', 'must not carry credentials (the signature authenticates us)'],
    ['not a url', 'must be an absolute http(s) URL'],
    [`https://example.com/${'a'.repeat(2000)}`, 'must be at most 2000 characters'],
    ['https://example.com/hook?x=1', null],
  ])('urlProblem(%s) → %s', (url, problem) => {
    expect(urlProblem(url)).toBe(problem);
  });

  it('refuses literal private addresses unless allowed', async () => {
    await expect(resolveTarget('127.0.0.1', false)).rejects.toThrow(/loopback/);
    await expect(resolveTarget('[::1]', false)).rejects.toThrow(/loopback/);
    await expect(resolveTarget('127.0.0.1', true)).resolves.toEqual(['127.0.0.1']);
    await expect(resolveTarget('localhost', false)).rejects.toThrow();
  });
});
