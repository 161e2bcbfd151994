import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config';
import { CoreModule } from './core.module';
import { WorkerOpsModule } from './ops/ops.module';
import { WorkersModule } from './workers.module';

/** The worker process: queue processors and schedulers, no HTTP. */
@Module({})
export class WorkerModule {
  static register(env: Env): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(env), WorkersModule, WorkerOpsModule] };
  }
}
