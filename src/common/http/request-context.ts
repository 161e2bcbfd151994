// Who is asking, from where, in which request: carried in AsyncLocalStorage from the interceptor
// below to whatever runs for the request, so a service can record it (the audit log) without every
// signature in between carrying it. Outside an HTTP request (workers, timers) there is none.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { AuthUser } from '../auth-user';

/** Longest user agent kept; the rest is cut off (the header may be up to 16 KB). */
export const MAX_USER_AGENT_LENGTH = 256;

export interface RequestContext {
  requestId: string;
  /** The client's address as Fastify's `trustProxy` sees it (TRUST_PROXY_HOPS). */
  ip: string;
  userAgent: string | null;
  /** The authenticated caller; null on public routes (login, refresh, password reset). */
  userId: number | null;
}

type ContextRequest = FastifyRequest & { user?: AuthUser };

/**
 * What the storage holds: the request itself, and its context once someone asked. Nothing is
 * computed per request up front; only a service that records the request (the audit log) pays.
 */
interface Holder {
  request?: ContextRequest;
  context?: RequestContext;
}

const storage = new AsyncLocalStorage<Holder>();

/** The current request's context, or undefined outside a request. */
export function currentRequest(): RequestContext | undefined {
  const holder = storage.getStore();
  if (!holder) return undefined;
  if (!holder.context && holder.request) holder.context = requestContextOf(holder.request);
  return holder.context;
}

/** Runs `fn` as if inside a request with `context` (tests and jobs that act for a request). */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ context }, fn);
}

export function requestContextOf(request: ContextRequest): RequestContext {
  const agent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    ip: request.ip,
    userAgent: typeof agent === 'string' && agent ? agent.slice(0, MAX_USER_AGENT_LENGTH) : null,
    userId: request.user?.id ?? null,
  };
}

/**
 * Global (APP_INTERCEPTOR): the handler runs inside its request's context. Guards ran before, so
 * the caller is known. Nest binds `next.handle()` to the async scope it is called in. Only the
 * request object is stored: address, user agent and id are read when first asked for.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ContextRequest>();
    return storage.run({ request }, () => next.handle());
  }
}
