// Applies IdempotencyStore to every route marked @Idempotent(): the request body's digest is the
// fingerprint, the handler runs inside the key's transaction, and a replay is re-checked.
import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { AuthUser } from '../common/auth-user';
import { stableStringify } from '../common/stable-stringify';
import { IdempotencyStore, idempotencyKeyOf, routeScopeOf } from './idempotency-store';
import { IDEMPOTENT, IDEMPOTENT_RECHECK, ReplayRecheck } from './idempotent.decorator';

/** Marks a reply as the replay of a stored response: the exact bytes of the first one. */
export function sendReplay(reply: FastifyReply, body: string): string {
  reply.header('Idempotent-Replayed', 'true').type('application/json; charset=utf-8');
  // Fastify sends a string as it is.
  return body;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const scope = {
      userId: request.user!.id,
      method: request.method,
      route: routeScopeOf(request),
      key,
      fingerprint: createHash('sha256')
        .update(stableStringify(request.body ?? null))
        .digest('hex'),
    };
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const outcome = this.store.execute(scope, status, () => lastValueFrom(next.handle(), { defaultValue: undefined }));

    const recheck = this.reflector.get<ReplayRecheck | undefined>(IDEMPOTENT_RECHECK, context.getHandler());
    const checked = recheck
      ? outcome.then(async (result) => {
          // After the key's transaction: the check reads committed state, as a fresh request would.
          if (result.kind === 'replay') {
            const provider = this.moduleRef.get(recheck.provider, { strict: false });
            const params = (request.params ?? {}) as Record<string, string>;
            await recheck.check(provider, request.user!, { params, body: request.body });
          }
          return result;
        })
      : outcome;

    return from(checked).pipe(
      map((result) => (result.kind === 'fresh' ? result.body : sendReplay(reply, result.response.body))),
    );
  }
}
