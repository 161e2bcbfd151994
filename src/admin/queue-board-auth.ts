// Who may open Bull Board (/admin/queues): active admins, with the access token they already have.
//
// A browser cannot send an Authorization header on a navigation, so the board also accepts the
// token once in the URL, `/admin/queues?token=<access token>`: it is checked, moved into an
// HttpOnly cookie scoped to /admin/queues (SameSite=Lax, so no other site can drive the board's
// POST/PUT actions; Secure in production), and the browser is redirected to the same URL without
// it. The cookie lives as long as the token (JWT_ACCESS_TTL). Scripts send `Authorization: Bearer`.
// Access logs never contain query strings, so the token in the URL is not logged.
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { extractAccessToken } from '../common/http/access-token';
import { isSessionId } from '../common/session-id';
import { ErrorCode } from '../common/errors/error-code';
import { appConfig } from '../config';
import { SessionLookupCache } from '../sessions/session-lookup.cache';
import { UserLookupCache } from '../users/user-lookup.cache';
import { UserRole } from '../common/user-role';

export const QUEUE_BOARD_ROUTE = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'helpdesk_queue_board';

export type BoardAccess = { ok: true; expiresAt: number } | { ok: false; status: 401 | 403; message: string };

@Injectable()
export class QueueBoardAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserLookupCache,
    private readonly sessions: SessionLookupCache,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /**
   * An access token of an active admin in a live session: ok; of anyone else: 403; missing,
   * forged, expired or of an ended session (logout...): 401, as for the API (JwtStrategy).
   */
  async check(token: string | null): Promise<BoardAccess> {
    const denied = {
      ok: false,
      status: 401,
      message: `Sign in: open ${QUEUE_BOARD_ROUTE}?token=<an admin access token>, or send Authorization: Bearer`,
    } as const;
    if (!token) return denied;
    let payload: { sub?: unknown; sid?: unknown; exp?: number };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      return denied;
    }
    if (typeof payload.sub !== 'number' || !Number.isInteger(payload.sub) || !isSessionId(payload.sid)) return denied;
    const [user, sessionUser] = await Promise.all([this.users.get(payload.sub), this.sessions.liveUser(payload.sid)]);
    if (!user?.isActive || sessionUser !== user.id) return denied;
    if (user.role !== UserRole.ADMIN) return { ok: false, status: 403, message: 'The queue board is for admins' };
    return { ok: true, expiresAt: (payload.exp ?? 0) * 1000 };
  }

  cookie(token: string, expiresAt: number): string {
    const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
    const secure = this.app.isProduction ? '; Secure' : '';
    return `${QUEUE_BOARD_COOKIE}=${token}; Path=${QUEUE_BOARD_ROUTE}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  }
}

function isBoardRoute(route: string | undefined): boolean {
  return route === QUEUE_BOARD_ROUTE || (route?.startsWith(`${QUEUE_BOARD_ROUTE}/`) ?? false);
}

function cookieToken(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_BOARD_COOKIE) return value.join('=') || null;
  }
  return null;
}

function sendError(request: FastifyRequest, reply: FastifyReply, status: 401 | 403, message: string): FastifyReply {
  const code = status === 401 ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
  if (status === 401) reply.header('www-authenticate', `Bearer realm="${QUEUE_BOARD_ROUTE}"`);
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, details: {}, request_id: String(request.id) } });
}

/**
 * Guards every route of the board (its page, its JSON API, its static files) with a Fastify
 * `onRequest` hook on the route the router matched, so no spelling of the path (%-escapes, case)
 * gets around it. Nest middleware cannot do this reliably for routes a Fastify plugin registers.
 * Call it before the app is initialised (configureApp does), so the hook is in place before
 * @bull-board/nestjs registers the board's plugin.
 */
export function protectQueueBoard(app: NestFastifyApplication): void {
  const auth = app.get(QueueBoardAuth);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isBoardRoute(request.routeOptions.url)) return;
    const fromUrl = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof fromUrl === 'string') {
      const access = await auth.check(fromUrl);
      if (!access.ok) return sendError(request, reply, access.status, access.message);
      const target = new URL(request.url, 'http://board.invalid');
      target.searchParams.delete('token');
      return reply
        .header('set-cookie', auth.cookie(fromUrl, access.expiresAt))
        .header('cache-control', 'no-store')
        .redirect(target.pathname + target.search, 303);
    }
    const access = await auth.check(extractAccessToken(request.raw) ?? cookieToken(request.headers.cookie));
    if (!access.ok) return sendError(request, reply, access.status, access.message);
  });
}
