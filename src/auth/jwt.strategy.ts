import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AuthUser } from '../common/auth-user';
import { extractAccessToken } from '../common/http/access-token';
import { isSessionId } from '../common/session-id';
import { authConfig } from '../config';
import { SessionLookupCache } from '../sessions/session-lookup.cache';
import { UserLookupCache } from '../users/user-lookup.cache';

export interface AccessTokenPayload {
  sub: number;
  role: string;
  /** The login session (refresh-token family) the token was issued in; see SessionLookupCache. */
  sid: string;
  jti: string;
  exp: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly users: UserLookupCache,
    private readonly sessions: SessionLookupCache,
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

  /**
   * The token is genuine; its login session must also still be live and the account exist and be
   * active (both cached a few seconds, both evicted at once when they change). A token without a
   * session id (issued before sessions were bound to tokens) is refused: it could never be ended
   * by a logout, and its client gets a new one with its refresh token.
   */
  async validate(payload: AccessTokenPayload): Promise<AuthUser | false> {
    if (!Number.isInteger(payload.sub) || !isSessionId(payload.sid)) return false;
    const [user, sessionUser] = await Promise.all([this.users.get(payload.sub), this.sessions.liveUser(payload.sid)]);
    if (!user?.isActive || sessionUser !== user.id) return false;
    return { id: user.id, role: user.role, email: user.email, name: user.name };
  }
}
