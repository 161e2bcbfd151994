import { repairPercentEncoding } from './framework-errors';

describe('repairPercentEncoding', () => {
  it.each([
    '/api/v1/tickets/12',
    '/api/v1/tickets/12?q=%E0%A4%A',
    '/api/v1/users/%C3%A9t%C3%A9',
    '/api/v1/tickets/%2e%2e',
    '/api/v1/tickets/%F0%9F%98%80',
  ])('leaves %s as it is', (url) => {
    expect(repairPercentEncoding(url)).toBe(url);
  });

  it.each([
    ['/api/v1/tickets/%E0%A4%A', '/api/v1/tickets/%25E0%25A4%25A'],
    ['/api/v1/tickets/%', '/api/v1/tickets/%25'],
    ['/api/v1/tickets/%zz?limit=1', '/api/v1/tickets/%25zz?limit=1'],
    ['/api/v1/tickets/%C3%A9/%FF', '/api/v1/tickets/%C3%A9/%25FF'],
  ])('reads the undecodable escapes of %s literally', (url, repaired) => {
    expect(repairPercentEncoding(url)).toBe(repaired);
    expect(() => decodeURIComponent(repaired.split('?')[0])).not.toThrow();
  });
});
