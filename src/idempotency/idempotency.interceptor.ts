// Idempotency-Key, durably: the key row is inserted in the same transaction as the resource, and
// the response stored in it before commit. A concurrent duplicate blocks on the unique index until
// the first commits (then replays) or rolls back (then runs as new). No cache is involved, so no
// Redis flush or crash between "created" and "remembered" can ever let a retry create twice.
import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { markPrepared } from '../database/prepared-statements';
import { TransactionContext } from '../database/transaction-context';
import { stableStringify } from '../common/stable-stringify';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT, IDEMPOTENT_RECHECK, ReplayRecheck } from './idempotent.decorator';

/** How long a replay stays possible (API.md: 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const LOCK_NOT_AVAILABLE = '55P03';

interface StoredResponse {
  status: number;
  body: string;
}

interface Scope {
  userId: number;
  method: string;
  route: string;
  key: string;
  fingerprint: string;
}

type Outcome = { kind: 'fresh'; body: unknown } | { kind: 'replay'; response: StoredResponse };

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly tx: TransactionContext,
    private readonly moduleRef: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw AppException.validation('Idempotency-Key must be 1 to 255 characters', {
        'Idempotency-Key': ['must be 1 to 255 characters'],
      });
    }
    const scope = {
      userId: request.user!.id,
      method: request.method,
      // The matched route and its parameters, not the raw URL (which has many spellings: %-escapes).
      route: `${request.routeOptions?.url ?? ''} ${JSON.stringify(request.params ?? {})}`.slice(0, 300),
      key,
      fingerprint: createHash('sha256')
        .update(stableStringify(request.body ?? null))
        .digest('hex'),
    };
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;

    const outcome = this.tx.begin(async (manager): Promise<Outcome> => {
      const id = await this.claimKeyWaiting(manager, scope);
      if (typeof id !== 'string') return { kind: 'replay', response: id };
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await manager.query(
        markPrepared(`UPDATE idempotency_keys SET response_status = $2, response_body = $3 WHERE id = $1`),
        [id, status, JSON.stringify(body) ?? ''],
      );
      return { kind: 'fresh', body };
    });

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
      map((result) => {
        if (result.kind === 'fresh') return result.body;
        reply.header('Idempotent-Replayed', 'true').type('application/json; charset=utf-8');
        // The exact bytes of the first response (Fastify sends a string as it is).
        return result.response.body;
      }),
    );
  }

  /**
   * claimKey, waiting at most 10 s for a concurrent first request (the lock timeout of the SQL
   * function `claim_idempotency_key`, migration 1764000800000); the handler runs without that limit.
   */
  private async claimKeyWaiting(manager: EntityManager, scope: Scope): Promise<string | StoredResponse> {
    try {
      return await this.claimKey(manager, scope);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === LOCK_NOT_AVAILABLE) {
        throw new AppException(
          ErrorCode.IDEMPOTENCY_IN_PROGRESS,
          'A request with this Idempotency-Key is still running',
        );
      }
      throw error;
    }
  }

  /**
   * Inserts the key row (its id), or returns the stored response of the committed first request.
   * The INSERT waits on the unique index while another transaction holds the same key (10 s at
   * most, then 55P03). Deleting an expired key waits for whoever else is deleting it: briefly.
   */
  private async claimKey(manager: EntityManager, scope: Scope): Promise<string | StoredResponse> {
    const params = [scope.userId, scope.method, scope.route, scope.key];
    for (let attempt = 0; attempt < 2; attempt++) {
      const [{ id }]: Array<{ id: string | null }> = await manager.query(
        markPrepared(`SELECT claim_idempotency_key($1, $2, $3, $4, $5) AS id`),
        [...params, scope.fingerprint],
      );
      if (id !== null) return id;
      const [existing]: Array<{
        fingerprint: string;
        response_status: number;
        response_body: string;
        expired: boolean;
      }> = await manager.query(
        `SELECT fingerprint, response_status, response_body,
                  created_at < now() - interval '${IDEMPOTENCY_TTL_HOURS} hours' AS expired
             FROM idempotency_keys WHERE user_id = $1 AND method = $2 AND route = $3 AND key = $4`,
        params,
      );
      if (!existing) continue; // purged between the two statements: try the insert again
      if (existing.expired) {
        await manager.query(
          `DELETE FROM idempotency_keys WHERE user_id = $1 AND method = $2 AND route = $3 AND key = $4`,
          params,
        );
        continue;
      }
      if (existing.fingerprint !== scope.fingerprint) {
        throw new AppException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used with a different request body',
        );
      }
      return { status: existing.response_status, body: existing.response_body };
    }
    throw new AppException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this Idempotency-Key is still running');
  }
}
