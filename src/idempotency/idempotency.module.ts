import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyPurgeService } from './idempotency-purge.service';
import { IdempotencyInterceptor } from './idempotency.interceptor';

@Module({
  providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }, IdempotencyPurgeService],
})
export class IdempotencyModule {}
