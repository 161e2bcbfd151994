import { Module } from '@nestjs/common';

/**
 * Every queue processor. Imported by the worker process, and by the API process unless
 * `WORKER_IN_PROCESS=false`.
 */
@Module({ imports: [] })
export class WorkersModule {}
