// One budget per caller across every /api/v1 route (the user when the token is valid, else the
// client IP), plus login budgets per IP and per email. Runs before authentication, so it reads the
// token itself (signature only) rather than depending on guard order (nestjs/throttler#522).
import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { extractAccessToken } from '../common/http/access-token';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { redisConfig } from '../config';
import { LOGIN_LIMITED } from './login-limited.decorator';

export const THROTTLERS = { DEFAULT: 'default', LOGIN_IP: 'login-ip', LOGIN_EMAIL: 'login-email' } as const;
const LIMITED_PREFIX = '/api/v1/';
/** Tokens whose signature was checked, with their subject and expiry; cleared when full. */
const MAX_VERIFIED_TOKENS = 10_000;

@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(redisConfig.KEY) private readonly redis: ConfigType<typeof redisConfig>,
  ) {
    super(options, storage, reflector);
  }

  /**
   * A client sends the same token for its whole lifetime: remember whose it is instead of checking
   * its signature on every request (the auth guard still verifies it, and the user, every time).
   */
  private readonly verified = new Map<string, { sub: number; expiresAt: number }>();

  /** Health, docs and /.well-known are never limited. */
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    // The matched route, not the raw URL: Fastify routes `/api/%761/...` to `/api/v1/...`.
    const route = context.switchToHttp().getRequest<FastifyRequest>().routeOptions?.url ?? '';
    return !route.startsWith(LIMITED_PREFIX);
  }

  protected override async handleRequest({ context, limit, ttl, throttler }: ThrottlerRequest): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const tracker = this.trackerFor(throttler.name ?? THROTTLERS.DEFAULT, context, request);
    if (tracker === undefined) return true;
    const key = `${this.redis.keyPrefix}:rl:${throttler.name}:${tracker}`;
    const { totalHits, timeToExpire, isBlocked } = await this.storageService.increment(
      key,
      ttl,
      limit,
      0,
      throttler.name!,
    );
    if (throttler.name === THROTTLERS.DEFAULT) {
      reply.header('RateLimit-Limit', limit);
      reply.header('RateLimit-Remaining', Math.max(0, limit - totalHits));
      reply.header('RateLimit-Reset', timeToExpire);
    }
    if (isBlocked) {
      throw new AppException(
        ErrorCode.RATE_LIMIT,
        `Too many requests; retry in ${timeToExpire} s`,
        { limit, window_seconds: Math.round(ttl / 1000), scope: throttler.name },
        { 'Retry-After': String(timeToExpire) },
      );
    }
    return true;
  }

  /** Who is counted for this throttler, or undefined when it does not apply to the request. */
  private trackerFor(name: string, context: ExecutionContext, request: FastifyRequest): string | undefined {
    if (name === THROTTLERS.DEFAULT) return this.caller(request);
    if (!this.reflector.get<boolean>(LOGIN_LIMITED, context.getHandler())) return undefined;
    if (name === THROTTLERS.LOGIN_IP) return `ip:${request.ip}`;
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' && email.length <= 254 ? `email:${email.trim().toLowerCase()}` : undefined;
  }

  private caller(request: FastifyRequest): string {
    const token = extractAccessToken(request.raw);
    const sub = token ? this.subjectOf(token) : undefined;
    // An invalid token is counted against the IP; the auth guard answers 401 right after.
    return sub === undefined ? `ip:${request.ip}` : `user:${sub}`;
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
