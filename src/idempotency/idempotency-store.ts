// Idempotency-Key, durably: the key row is inserted in the same transaction as the resource, and
// the response stored in it before commit. A concurrent duplicate blocks on the unique index until
// the first commits (then replays) or rolls back (then runs as new). No cache is involved, so no
// Redis flush or crash between "created" and "remembered" can ever let a retry create twice.
// IdempotencyInterceptor applies it to JSON routes; a route that must read its body first (an
// upload, whose fingerprint is its files' digests) calls `execute` itself.
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { markPrepared } from '../database/prepared-statements';
import { TransactionContext } from '../database/transaction-context';
import { IDEMPOTENCY_KEY_HEADER } from './idempotent.decorator';

/** How long a replay stays possible (API.md: 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const LOCK_NOT_AVAILABLE = '55P03';

export interface StoredResponse {
  status: number;
  body: string;
}

/** Whose key, on which route, for which request (`fingerprint`: a digest of what was asked). */
export interface IdempotencyScope {
  userId: number;
  method: string;
  route: string;
  key: string;
  fingerprint: string;
}

export type IdempotentOutcome<T> = { kind: 'fresh'; body: T } | { kind: 'replay'; response: StoredResponse };

/** The request's Idempotency-Key (undefined without one); 400 when it is not 1..255 characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
    throw AppException.validation('Idempotency-Key must be 1 to 255 characters', {
      'Idempotency-Key': ['must be 1 to 255 characters'],
    });
  }
  return key;
}

/** The matched route and its parameters, not the raw URL (which has many spellings: %-escapes). */
export function routeScopeOf(request: FastifyRequest): string {
  return `${request.routeOptions?.url ?? ''} ${JSON.stringify(request.params ?? {})}`.slice(0, 300);
}

@Injectable()
export class IdempotencyStore {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Runs `work` in a new transaction that first claims the key; its result is stored as the
   * response (`status`) and committed with whatever `work` wrote. When the key was used before with
   * the same fingerprint, `work` does not run and the stored response comes back instead.
   */
  execute<T>(scope: IdempotencyScope, status: number, work: () => Promise<T>): Promise<IdempotentOutcome<T>> {
    return this.tx.begin(async (manager): Promise<IdempotentOutcome<T>> => {
      const id = await this.claimKeyWaiting(manager, scope);
      if (typeof id !== 'string') return { kind: 'replay', response: id };
      const body = await work();
      await manager.query(
        markPrepared(`UPDATE idempotency_keys SET response_status = $2, response_body = $3 WHERE id = $1`),
        [id, status, JSON.stringify(body) ?? ''],
      );
      return { kind: 'fresh', body };
    });
  }

  /**
   * claimKey, waiting at most 10 s for a concurrent first request (the lock timeout of the SQL
   * function `claim_idempotency_key`, migration 1764000800000); the work runs without that limit.
   */
  private async claimKeyWaiting(manager: EntityManager, scope: IdempotencyScope): Promise<string | StoredResponse> {
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
  private async claimKey(manager: EntityManager, scope: IdempotencyScope): Promise<string | StoredResponse> {
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
