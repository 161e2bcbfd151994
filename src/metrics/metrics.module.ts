import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics, PoolCounts } from './metrics';

/** Points the pool gauges at TypeORM's pg pool (read at scrape time; nothing per query). */
@Injectable()
class PoolWatcher implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const driver = this.dataSource.driver as unknown as { master?: PoolCounts };
    this.metrics.watchPool(() => driver.master);
  }
}

/** The process's metrics registry, for both processes (CoreModule). Exposure: src/ops/. */
@Global()
@Module({ providers: [Metrics, PoolWatcher], exports: [Metrics] })
export class MetricsModule {}
