import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AllExceptionsFilter } from './filters/all-exceptions.filter';
import { RequestContextInterceptor } from './http/request-context';
import { createValidationPipe } from './pipes/validation.pipe';

/** Global request plumbing, registered as providers so every booted app (tests too) gets it. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
  ],
})
export class CommonModule {}
