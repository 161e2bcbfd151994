import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = 'idempotent';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Opts a creating POST into Idempotency-Key handling (IdempotencyInterceptor). */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1..255 chars, scoped to you and this path. A retry with the same key and body replays the first ' +
        '2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422.',
    }),
  );
