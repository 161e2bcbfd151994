import { withTimeout } from './timeout';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('settles as the work does when it is in time, and clears its timer', async () => {
    await expect(withTimeout(Promise.resolve('done'), 1000)).resolves.toBe('done');
    await expect(withTimeout(Promise.reject(new Error('broken')), 1000)).rejects.toThrow('broken');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects with ETIMEDOUT, or the error given, once the time is up', async () => {
    const never = new Promise<never>(() => undefined);
    const late = withTimeout(never, 1000);
    const custom = withTimeout(never, 1000, () => new RangeError('too slow'));
    jest.advanceTimersByTime(1000);
    await expect(late).rejects.toMatchObject({ message: 'no answer within 1000 ms', code: 'ETIMEDOUT' });
    await expect(custom).rejects.toBeInstanceOf(RangeError);
  });
});
