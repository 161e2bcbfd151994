import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';

export const IDEMPOTENT = 'idempotent';
export const IDEMPOTENT_RECHECK = 'idempotent:recheck';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** What a replay is re-checked against: the request as it arrives again (params and body as sent). */
export interface ReplayedRequest {
  params: Record<string, string>;
  body: unknown;
}

/**
 * A rule a replay must still pass (API.md: "a replay first re-checks that the caller may still do
 * the operation"). Route guards (authentication, `@Roles`) run before every replay anyway; this is
 * for what only the service knows (who may see the ticket, who may write an internal note).
 */
export interface ReplayRecheck<T = unknown> {
  /** The provider that owns the rule, resolved from the application. */
  provider: Type<T>;
  /** Resolves when the caller may still do it; otherwise throws what a fresh request would get. */
  check(provider: T, caller: AuthUser, request: ReplayedRequest): Promise<void>;
}

/** Opts a creating POST into Idempotency-Key handling (IdempotencyInterceptor). */
export function Idempotent<T>(recheck?: ReplayRecheck<T>) {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ...(recheck ? [SetMetadata(IDEMPOTENT_RECHECK, recheck)] : []),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1..255 chars, scoped to you and this path. A retry with the same key and body replays the first ' +
        '2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. ' +
        'A replay is answered only if you may still do the operation (else the error a fresh request gets).',
    }),
  );
}
