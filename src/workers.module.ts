import { Module } from '@nestjs/common';
import { MailWorkerModule } from './mail/mail-worker.module';

/**
 * Every queue processor. Imported by the worker process, and by the API process unless
 * `WORKER_IN_PROCESS=false`.
 */
@Module({ imports: [MailWorkerModule] })
export class WorkersModule {}
