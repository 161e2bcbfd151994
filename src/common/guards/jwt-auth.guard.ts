import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../errors/app.exception';
import { IS_PUBLIC } from '../decorators/public.decorator';

/** Global: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // passport-jwt reports a bad token as "no user"; an error means checking a genuine token failed
    // (the user lookup: Postgres away), which is ours, not the client's: 503, not a 401 that would
    // make clients throw their tokens away.
    if (error) throw error;
    // One answer for every failure (missing, malformed, expired, forged, inactive user): no oracle.
    if (!user) throw AppException.unauthenticated('Missing, invalid or expired access token');
    return user;
  }
}
