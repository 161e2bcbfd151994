import { registerAs } from '@nestjs/config';
import { duration, Env, int } from './env';

export function throttleConfigFromEnv(env: Env) {
  return {
    perMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    loginPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 1_000_000),
    /** Failed logins per minute for one email from one IP; more are refused before the password is checked. */
    loginFailuresPerPairPerMinute: int(env, 'LOGIN_FAILURES_PER_IP_PER_MINUTE', 10, 1, 1_000_000),
    /** Failed logins for one email (any IP) in `loginFailuresWindowSeconds` before only known IPs may try. */
    loginFailuresPerAccount: int(env, 'LOGIN_FAILURES_PER_ACCOUNT', 50, 1, 1_000_000),
    loginFailuresWindowSeconds: duration(env, 'LOGIN_FAILURES_WINDOW', '15m'),
    /** IPs remembered per account after a successful login, newest kept, each for `loginKnownIpSeconds`. */
    loginKnownIps: int(env, 'LOGIN_KNOWN_IPS', 10, 1, 100),
    loginKnownIpSeconds: duration(env, 'LOGIN_KNOWN_IP_TTL', '90d'),
    /** Reset and verification emails to one address: at most one per interval (0 = no spacing)... */
    accountEmailIntervalSeconds: int(env, 'ACCOUNT_EMAIL_INTERVAL_SECONDS', 60, 0, 3600),
    /** ...and at most this many per hour. */
    accountEmailsPerHour: int(env, 'ACCOUNT_EMAILS_PER_HOUR', 5, 1, 1_000_000),
    /** Wrong verification codes for one address in an hour before every code for it is refused. */
    codeFailuresPerHour: int(env, 'VERIFICATION_CODE_FAILURES_PER_HOUR', 10, 1, 1_000_000),
  };
}

/** The `throttle` namespace read from `env`; `throttleConfig.KEY` injects whichever one was loaded. */
export const throttleConfigFrom = (env: Env) => registerAs('throttle', () => throttleConfigFromEnv(env));
export const throttleConfig = throttleConfigFrom(process.env);
export type ThrottleConfig = ReturnType<typeof throttleConfigFromEnv>;
