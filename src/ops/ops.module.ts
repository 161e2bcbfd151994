import { Module } from '@nestjs/common';
import { ClusterMetrics } from './cluster-metrics';
import { MetricsController } from './metrics.controller';
import { WorkerMetricsServer } from './worker-metrics-server';

/** The API's `GET /metrics`, with the deployment-wide gauges read at scrape time (queues, outboxes). */
@Module({ controllers: [MetricsController], providers: [ClusterMetrics] })
export class OpsModule {}

/** The worker process's metrics port (METRICS_PORT). */
@Module({ providers: [WorkerMetricsServer] })
export class WorkerOpsModule {}
