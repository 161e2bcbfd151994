// One budget per caller across every /api/v1 route (the user when the token is valid, else the
// client IP), and a login budget per IP. Decided in Fastify's onRequest hook, before the body is
// read or parsed: a refused request costs a Redis round trip, never a parse (API.md → Rate limit).
// WebSocket handshakes are counted against the same budget (the realtime gateway asks here too).
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { IncomingHttpHeaders } from 'node:http';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { extractAccessToken } from '../common/http/access-token';
import { redisConfig, throttleConfig } from '../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

export const RATE_LIMIT_SCOPES = { DEFAULT: 'default', LOGIN_IP: 'login-ip' } as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[keyof typeof RATE_LIMIT_SCOPES];

/** Routes with the extra per-IP login budget, as `METHOD route`. */
const LOGIN_ROUTES = new Set(['POST /api/v1/auth/login']);
const LIMITED_PREFIX = '/api/v1/';
const WINDOW_MS = 60_000;
/** Tokens whose signature was checked, with their subject and expiry; cleared when full. */
const MAX_VERIFIED_TOKENS = 10_000;

/** What the limiter needs of a request: known before its body arrives. */
export interface RateLimitedRequest {
  method: string;
  /** The matched route pattern (`/api/v1/tickets/:id`), or undefined when none matched. */
  route: string | undefined;
  ip: string;
  headers: IncomingHttpHeaders;
}

export interface RateLimitDecision {
  /** `RateLimit-*` headers for the caller's budget (empty when the request is not limited). */
  headers: Record<string, string>;
  /** Set when a budget is spent: 429 RATE_LIMIT with Retry-After. */
  refusal?: AppException;
}

@Injectable()
export class RateLimiter {
  /**
   * A client sends the same token for its whole lifetime: remember whose it is instead of checking
   * its signature on every request (the auth guard still verifies it, and the user, every time).
   */
  private readonly verified = new Map<string, { sub: number; expiresAt: number }>();

  constructor(
    private readonly storage: RedisThrottlerStorage,
    private readonly jwt: JwtService,
    @Inject(throttleConfig.KEY) private readonly limits: ConfigType<typeof throttleConfig>,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {}

  /** Whether `route` is under the limit at all: health, docs and /.well-known never are. */
  static applies(route: string | undefined): boolean {
    return route?.startsWith(LIMITED_PREFIX) ?? false;
  }

  async decide(request: RateLimitedRequest): Promise<RateLimitDecision> {
    if (!RateLimiter.applies(request.route)) return { headers: {} };
    const caller = await this.hit(RATE_LIMIT_SCOPES.DEFAULT, this.callerOf(request), this.limits.perMinute);
    const headers = {
      'RateLimit-Limit': String(this.limits.perMinute),
      'RateLimit-Remaining': String(Math.max(0, this.limits.perMinute - caller.totalHits)),
      'RateLimit-Reset': String(caller.timeToExpire),
    };
    if (caller.refusal) return { headers, refusal: caller.refusal };
    if (LOGIN_ROUTES.has(`${request.method} ${request.route}`)) {
      const login = await this.hit(RATE_LIMIT_SCOPES.LOGIN_IP, `ip:${request.ip}`, this.limits.loginPerMinute);
      if (login.refusal) return { headers, refusal: login.refusal };
    }
    return { headers };
  }

  /**
   * A WebSocket handshake spends one request of the caller's budget (API.md → Realtime). The
   * refusal, if any, for the gateway to turn into a close code.
   */
  async decideHandshake(handshake: { ip: string; token: string | null }): Promise<AppException | undefined> {
    const caller = await this.hit(
      RATE_LIMIT_SCOPES.DEFAULT,
      this.callerOfToken(handshake.token, handshake.ip),
      this.limits.perMinute,
    );
    return caller.refusal;
  }

  private async hit(scope: RateLimitScope, tracker: string, limit: number) {
    const key = `${this.redis.keyPrefix}:rl:${scope}:${tracker}`;
    const { totalHits, timeToExpire, isBlocked } = await this.storage.increment(key, WINDOW_MS, limit);
    const refusal = isBlocked
      ? new AppException(
          ErrorCode.RATE_LIMIT,
          `Too many requests; retry in ${timeToExpire} s`,
          { limit, window_seconds: WINDOW_MS / 1000, scope },
          { 'Retry-After': String(timeToExpire) },
        )
      : undefined;
    return { totalHits, timeToExpire, refusal };
  }

  /** The user behind a valid token, else the IP: an invalid token is counted against the IP. */
  private callerOf(request: RateLimitedRequest): string {
    return this.callerOfToken(extractAccessToken(request), request.ip);
  }

  private callerOfToken(token: string | null, ip: string): string {
    const sub = token ? this.subjectOf(token) : undefined;
    return sub === undefined ? `ip:${ip}` : `user:${sub}`;
  }

  private subjectOf(token: string): number | undefined {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.sub;
    try {
      const payload = this.jwt.verify<{ sub?: unknown; exp?: unknown }>(token);
      if (typeof payload.sub !== 'number' || typeof payload.exp !== 'number') return undefined;
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
      this.verified.set(token, { sub: payload.sub, expiresAt: payload.exp * 1000 });
      return payload.sub;
    } catch {
      return undefined;
    }
  }
}
