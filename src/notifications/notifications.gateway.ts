// The realtime endpoint (API.md → Realtime): a client connects with its access token and receives
// the notifications it may see, whichever instance or worker published them (they all arrive
// through NotificationsSubscriber).
import type { IncomingMessage } from 'node:http';
import { BeforeApplicationShutdown, Inject, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { AccessTokenPayload } from '../auth/jwt.strategy';
import { extractAccessToken } from '../common/http/access-token';
import { clientIp } from '../common/http/client-ip';
import { AuthUser } from '../common/auth-user';
import { isSessionId } from '../common/session-id';
import { appConfig, realtimeConfig } from '../config';
import { Metrics } from '../metrics/metrics';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { SessionLookupCache } from '../sessions/session-lookup.cache';
import { UserLookupCache } from '../users/user-lookup.cache';
import { PublishedNotification, toClientMessage } from '../realtime/realtime-message';
import { mayReceive } from './notification-audience';

export const NOTIFICATIONS_PATH = '/ws/notifications';

/** Close codes: 4401 for a missing, bad or expired token, an ended login session or an inactive user (API.md). */
export const CLOSE_UNAUTHORIZED = 4401;
/** The user opened more than WS_MAX_SOCKETS_PER_USER sockets: their oldest closes (API.md). */
export const CLOSE_TOO_MANY_SOCKETS = 4409;
/** The handshake spent the caller's rate limit (the HTTP 429 of a socket). */
export const CLOSE_RATE_LIMITED = 4429;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TRY_AGAIN_LATER = 1013;

/** Every socket is pinged this often; one that has not answered the previous ping is dropped. */
const HEARTBEAT_INTERVAL_MS = 30_000;
/** A client that reads slower than we write is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** On shutdown, how long clients get to answer our close frame before the server drops them. */
const SHUTDOWN_CLOSE_WAIT_MS = 1_000;
/** Notifications kept for a socket while its token is being checked (a few milliseconds). */
const MAX_EARLY_MESSAGES = 100;

interface Connection {
  viewer: AuthUser;
  /** The login session of the token: when it ends (logout...), so does the socket. */
  sessionId: string;
  /** The access token's expiry: the socket lives no longer than the token it was opened with. */
  expiresAt: number;
  alive: boolean;
}

/**
 * The access token of a WebSocket upgrade: the `Authorization` header (as for REST), else
 * `?token=` (browsers cannot set headers on a WebSocket). The URL is never logged: the upgrade
 * does not pass through Fastify's request hooks, and nothing here writes it out.
 */
export function socketAccessToken(request: Pick<IncomingMessage, 'headers' | 'url'>): string | null {
  const fromHeader = extractAccessToken(request);
  if (fromHeader) return fromHeader;
  const query = request.url?.split('?')[1];
  return (query && new URLSearchParams(query).get('token')) || null;
}

// Clients only listen: frames they send are ignored, so keep them tiny.
@WebSocketGateway({ path: NOTIFICATIONS_PATH, maxPayload: 4096 })
export class NotificationsGateway implements OnGatewayConnection, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationsGateway.name);
  private readonly connections = new Map<WebSocket, Connection>();
  /** Each user's authenticated sockets, oldest first (a Set keeps insertion order). */
  private readonly byUser = new Map<number, Set<WebSocket>>();
  /**
   * Sockets whose user is being looked up, with what arrived meanwhile: once a client sees the
   * socket open, it misses nothing published after that, though the check is asynchronous.
   */
  private readonly authenticating = new Map<WebSocket, PublishedNotification[]>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserLookupCache,
    private readonly sessions: SessionLookupCache,
    @Inject(realtimeConfig.KEY) private readonly config: ConfigType<typeof realtimeConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly limiter: RateLimiter,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    // Read at scrape time: authenticated sockets only (those mid-handshake are not connections yet).
    this.metrics.watchWebsockets(() => this.connections.size);
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    if (this.closing) return socket.close(CLOSE_GOING_AWAY, 'server shutting down');
    if (!(await this.admitHandshake(socket, request))) return;
    const early: PublishedNotification[] = [];
    this.authenticating.set(socket, early);
    let connection: Connection | null;
    try {
      connection = await this.authenticate(request);
    } catch (error) {
      // Postgres is away: not the client's fault, so not 4401 (which tells it to get a new token).
      this.logger.warn({ err: error }, 'Could not check a realtime client; asked it to retry');
      return socket.close(CLOSE_TRY_AGAIN_LATER, 'try again later');
    } finally {
      this.authenticating.delete(socket);
    }
    if (!connection) return socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
    if (socket.readyState !== WebSocket.OPEN) return; // it left while we were checking
    if (this.closing) return socket.close(CLOSE_GOING_AWAY, 'server shutting down');
    this.register(socket, connection);
    socket.on('pong', () => (connection.alive = true));
    socket.once('close', () => this.forget(socket));
    for (const message of early) this.send(socket, connection, message, Date.now());
  }

  /**
   * Counts the handshake against the caller's rate limit (API.md → Realtime), before its token is
   * checked; past the limit the socket closes with 4429. Redis away: admitted (fails open).
   */
  private async admitHandshake(socket: WebSocket, request: IncomingMessage): Promise<boolean> {
    const refusal = await this.limiter.decideHandshake({
      ip: clientIp(request, this.app.trustProxyHops),
      token: socketAccessToken(request),
    });
    if (!refusal) return true;
    socket.close(CLOSE_RATE_LIMITED, 'rate limit');
    return false;
  }

  /** Sends one notification to every local socket whose user may see it (API.md → Roles). */
  deliver(message: PublishedNotification): void {
    const now = Date.now();
    let payload: string | undefined;
    for (const [socket, connection] of this.connections) {
      payload = this.send(socket, connection, message, now, payload);
    }
    for (const early of this.authenticating.values()) {
      if (early.length < MAX_EARLY_MESSAGES) early.push(message);
    }
  }

  /** How many authenticated sockets of user `userId` this instance holds (for tests and metrics). */
  socketsOf(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Re-checks at once the sockets of a user whose account or sessions changed (see NotificationsSubscriber). */
  recheckUser(userId: number): void {
    for (const [socket, connection] of this.connections) {
      if (connection.viewer.id === userId) void this.recheck(socket, connection);
    }
  }

  /** Closes every socket (1001), giving clients a moment to answer; the adapter drops the rest. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const sockets = [...this.connections.keys()];
    if (!sockets.length) return;
    const closed = sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(CLOSE_GOING_AWAY, 'server shutting down');
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closed),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_CLOSE_WAIT_MS).unref())),
    ]);
    clearTimeout(timer);
  }

  private async authenticate(request: IncomingMessage): Promise<Connection | null> {
    const token = socketAccessToken(request);
    if (!token) return null;
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!Number.isInteger(payload.sub) || !Number.isFinite(payload.exp) || !isSessionId(payload.sid)) return null;
    const user = await this.liveUser(payload.sub, payload.sid);
    if (!user) return null;
    return {
      viewer: { id: user.id, role: user.role, email: user.email, name: user.name },
      sessionId: payload.sid,
      expiresAt: payload.exp * 1000,
      alive: true,
    };
  }

  /** Drops sockets that missed a ping or whose token expired; re-checks the user of the others. */
  private beat(): void {
    const now = Date.now();
    for (const [socket, connection] of this.connections) {
      if (!connection.alive) {
        this.drop(socket);
      } else if (connection.expiresAt <= now) {
        this.unauthorized(socket);
      } else {
        connection.alive = false;
        socket.ping();
        void this.recheck(socket, connection);
      }
    }
  }

  /** The active user of a live session, as JwtStrategy checks it (cached lookups). */
  private async liveUser(userId: number, sessionId: string) {
    const [user, sessionUser] = await Promise.all([this.users.get(userId), this.sessions.liveUser(sessionId)]);
    return user?.isActive && sessionUser === user.id ? user : null;
  }

  /**
   * A deactivated user or an ended session loses the socket; a changed role applies (cached
   * lookups, as for REST).
   */
  private async recheck(socket: WebSocket, connection: Connection): Promise<void> {
    try {
      const user = await this.liveUser(connection.viewer.id, connection.sessionId);
      if (!user) this.unauthorized(socket);
      else connection.viewer = { ...connection.viewer, role: user.role };
    } catch {
      // Postgres is away: keep the socket and its last known role until the next beat.
    }
  }

  /** Sends `message` if this socket may see it; returns the serialised message for the next socket. */
  private send(
    socket: WebSocket,
    connection: Connection,
    message: PublishedNotification,
    now: number,
    payload?: string,
  ): string | undefined {
    if (socket.readyState !== WebSocket.OPEN) return payload;
    if (connection.expiresAt <= now) {
      this.unauthorized(socket);
      return payload;
    }
    if (!mayReceive(connection.viewer, message.audience)) return payload;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.drop(socket);
      return payload;
    }
    payload ??= JSON.stringify(toClientMessage(message));
    socket.send(payload);
    return payload;
  }

  /**
   * Counts the socket for its user; past WS_MAX_SOCKETS_PER_USER the user's oldest closes (4409).
   * Per instance: behind N instances a user may hold up to N times the limit.
   */
  private register(socket: WebSocket, connection: Connection): void {
    this.connections.set(socket, connection);
    let sockets = this.byUser.get(connection.viewer.id);
    if (!sockets) this.byUser.set(connection.viewer.id, (sockets = new Set()));
    sockets.add(socket);
    for (const oldest of sockets) {
      if (sockets.size <= this.config.maxSocketsPerUser) break;
      this.forget(oldest);
      oldest.close(CLOSE_TOO_MANY_SOCKETS, 'too many sockets');
    }
  }

  private forget(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    const sockets = this.byUser.get(connection.viewer.id);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byUser.delete(connection.viewer.id);
  }

  private unauthorized(socket: WebSocket): void {
    this.forget(socket);
    socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
  }

  private drop(socket: WebSocket): void {
    this.forget(socket);
    socket.terminate();
  }
}
