import { WarningThrottle } from './warning-throttle';

describe('WarningThrottle', () => {
  it('lets the first occurrence through, then one line per interval summing up the ones between', () => {
    let now = 1_000;
    const throttle = new WarningThrottle(10_000, () => now);
    expect(throttle.occurred()).toBe(1);
    expect(throttle.occurred()).toBeUndefined();
    expect(throttle.occurred(3)).toBeUndefined();
    now += 9_999;
    expect(throttle.occurred()).toBeUndefined();
    now += 1;
    expect(throttle.occurred()).toBe(6);
    expect(throttle.occurred()).toBeUndefined();
  });
});
