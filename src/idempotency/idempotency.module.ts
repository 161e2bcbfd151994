import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyPurgeService } from './idempotency-purge.service';
import { IdempotencyStore } from './idempotency-store';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Global so a route that handles its key itself (uploads) can inject IdempotencyStore. */
@Global()
@Module({
  providers: [
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    IdempotencyPurgeService,
    IdempotencyStore,
  ],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
