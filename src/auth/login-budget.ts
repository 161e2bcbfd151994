// Failed-login budgets, so that guessing is slow and nobody can lock an owner out (OWASP
// authentication cheat sheet, "Login Throttling"): failures are counted per (email, IP) pair, and
// past a flood of failures for one email only IPs that have logged into it before may still try.
// Counters live in Redis under REDIS_KEY_PREFIX and, like the rate limiter, fail open.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { redisConfig, throttleConfig } from '../config';
import { WarningThrottle } from '../common/logging/warning-throttle';
import { REDIS } from '../redis/redis.constants';

/** `details.scope` of the 429s, next to the rate limiter's `default` and `login-ip`. */
export const LOGIN_BUDGETS = { PAIR: 'login-email-ip', ACCOUNT: 'login-account' } as const;

// KEYS: pair counter, account counter, known IPs. ARGV: pair limit, account limit, ip, oldest
// acceptable last-login time (ms). Returns {0} to go on, or {1 | 2, ms until the window ends}.
const CHECK = `
local pair = tonumber(redis.call('GET', KEYS[1]) or '0')
if pair >= tonumber(ARGV[1]) then return { 1, redis.call('PTTL', KEYS[1]) } end
local failed = tonumber(redis.call('GET', KEYS[2]) or '0')
if failed >= tonumber(ARGV[2]) then
  local seen = redis.call('ZSCORE', KEYS[3], ARGV[3])
  if not seen or tonumber(seen) < tonumber(ARGV[4]) then return { 2, redis.call('PTTL', KEYS[2]) } end
end
return { 0, 0 }`;

// Fixed windows, each starting at its first failure. KEYS: pair, account. ARGV: their windows (ms).
const FAIL = `
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 or redis.call('PTTL', KEYS[i]) < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i])
  end
end`;

// KEYS: known IPs, pair counter. ARGV: ip, now (ms), how long an IP is remembered (ms), how many.
const SUCCESS = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('DEL', KEYS[2])`;

const MINUTE_MS = 60_000;
const WARN_EVERY_MS = 10_000;

@Injectable()
export class LoginBudget {
  private readonly logger = new Logger(LoginBudget.name);
  private readonly redisWarnings = new WarningThrottle(WARN_EVERY_MS);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(redisConfig.KEY) private readonly redisSettings: ConfigType<typeof redisConfig>,
    @Inject(throttleConfig.KEY) private readonly limits: ConfigType<typeof throttleConfig>,
  ) {}

  /** Throws 429 RATE_LIMIT when `ip` may not try a password for `email` now. Before any hashing. */
  async check(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const oldestKnown = Date.now() - this.limits.loginKnownIpSeconds * 1000;
    const verdict = await this.run<[number, number]>(
      CHECK,
      [keys.pair, keys.account, keys.known],
      [this.limits.loginFailuresPerPairPerMinute, this.limits.loginFailuresPerAccount, ip, oldestKnown],
    );
    if (!verdict || verdict[0] === 0) return;
    const retryAfter = Math.max(1, Math.ceil(verdict[1] / 1000));
    const pair = verdict[0] === 1;
    throw new AppException(
      ErrorCode.RATE_LIMIT,
      pair
        ? `Too many failed logins for this account from your address; retry in ${retryAfter} s`
        : `Too many failed logins for this account; only addresses that signed in before may try for ${retryAfter} s`,
      pair
        ? { limit: this.limits.loginFailuresPerPairPerMinute, window_seconds: 60, scope: LOGIN_BUDGETS.PAIR }
        : {
            limit: this.limits.loginFailuresPerAccount,
            window_seconds: this.limits.loginFailuresWindowSeconds,
            scope: LOGIN_BUDGETS.ACCOUNT,
          },
      { 'Retry-After': String(retryAfter) },
    );
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.run(FAIL, [keys.pair, keys.account], [MINUTE_MS, this.limits.loginFailuresWindowSeconds * 1000]);
  }

  /** Remembers `ip` as one the owner uses, and forgives the pair's earlier typos. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.run(
      SUCCESS,
      [keys.known, keys.pair],
      [ip, Date.now(), this.limits.loginKnownIpSeconds * 1000, this.limits.loginKnownIps],
    );
  }

  /** Keys by a hash of the normalised email: no addresses in Redis, and a bounded key length. */
  private keys(email: string, ip: string) {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    const base = `${this.redisSettings.keyPrefix}:login`;
    return {
      pair: `${base}:pair:${account}:${ip}`,
      account: `${base}:failed:${account}`,
      known: `${base}:known:${account}`,
    };
  }

  /** Runs a script; undefined when Redis is away (the budget fails open, as the rate limiter does). */
  private async run<T>(script: string, keys: string[], args: Array<string | number>): Promise<T | undefined> {
    try {
      return (await this.redis.eval(script, keys.length, ...keys, ...args.map(String))) as T;
    } catch (error) {
      const failures = this.redisWarnings.occurred();
      if (failures !== undefined) {
        this.logger.warn(
          `Login budgets are off (failing open): Redis error ${(error as Error).message} (${failures} since the last warning)`,
        );
      }
      return undefined;
    }
  }
}
