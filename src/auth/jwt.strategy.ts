import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthUser } from '../common/auth-user';
import { extractAccessToken } from '../common/http/access-token';
import { authConfig } from '../config';
import { UserLookupCache } from '../users/user-lookup.cache';

export interface AccessTokenPayload {
  sub: number;
  role: string;
  jti: string;
  exp: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly users: UserLookupCache,
  ) {
    super({
      jwtFromRequest: extractAccessToken,
      // A KeyObject (see authConfig.jwtKey); passport-jwt hands it to jsonwebtoken as is, though
      // its typings only list string | Buffer.
      secretOrKey: config.jwtKey as unknown as Buffer,
      // Pinned: a token claiming "none" or an asymmetric algorithm is rejected before its signature is read.
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** The token is genuine; the account must also still exist and be active (cached a few seconds). */
  async validate(payload: AccessTokenPayload): Promise<AuthUser | false> {
    if (!Number.isInteger(payload.sub)) return false;
    const user = await this.users.get(payload.sub);
    if (!user?.isActive) return false;
    return { id: user.id, role: user.role, email: user.email, name: user.name };
  }
}
