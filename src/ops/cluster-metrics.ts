// Gauges of the whole deployment, read from Redis and Postgres when /metrics is scraped (never per
// request): BullMQ queue depths and failed counts, and the outboxes' backlog. Every API instance
// reports the same values: aggregate them with max(), not sum().
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Metrics, SCRAPE_TASK_TIMEOUT_MS } from '../metrics/metrics';
import { QUEUES } from '../queues/queues';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** Counting stops here: a backlog this large is an outage whatever its exact size. */
export const BACKLOG_CAP = 100_000;

/**
 * Per outbox: rows not yet relayed to their queue (capped), and the age of the oldest. Both
 * tables have a partial index on exactly these rows, so each read is an index scan of the backlog.
 */
const OUTBOX_SQL = {
  mail: `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE relayed_at IS NULL LIMIT ${BACKLOG_CAP}) capped)::int AS rows,
                (SELECT extract(epoch FROM now() - created_at) FROM outbox
                  WHERE relayed_at IS NULL ORDER BY id LIMIT 1)::float8 AS oldest_seconds`,
  webhook: `SELECT (SELECT count(*) FROM (SELECT 1 FROM webhook_messages WHERE relayed_at IS NULL LIMIT ${BACKLOG_CAP}) capped)::int AS rows,
                   (SELECT extract(epoch FROM now() - occurred_at) FROM webhook_messages
                     WHERE relayed_at IS NULL ORDER BY id LIMIT 1)::float8 AS oldest_seconds`,
} as const;

@Injectable()
export class ClusterMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    // The queues the app already holds (no connections of our own).
    const queues = Object.values(QUEUES).map((name) => this.modules.get<Queue>(getQueueToken(name), { strict: false }));
    this.metrics.addScrapeTask({
      name: 'queues',
      run: async () => {
        const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...QUEUE_STATES)));
        this.metrics.queueJobs.reset();
        queues.forEach((queue, index) => {
          for (const state of QUEUE_STATES) {
            this.metrics.queueJobs.set({ queue: queue.name, state }, counts[index][state] ?? 0);
          }
        });
      },
      reset: () => this.metrics.queueJobs.reset(),
    });
    this.metrics.addScrapeTask({
      name: 'outbox',
      run: () => this.readOutboxes(),
      reset: () => {
        this.metrics.outboxBacklog.reset();
        this.metrics.outboxOldestAge.reset();
      },
    });
  }

  private async readOutboxes(): Promise<void> {
    const rows = await this.dataSource.transaction(async (manager) => {
      // Postgres gives up on its own too, so a slow scrape never leaves queries behind.
      await manager.query(`SET LOCAL statement_timeout = ${SCRAPE_TASK_TIMEOUT_MS}`);
      const results: Array<{ outbox: string; rows: number; oldest_seconds: number | null }> = [];
      for (const [outbox, sql] of Object.entries(OUTBOX_SQL)) {
        const [row] = (await manager.query(sql)) as Array<{ rows: number; oldest_seconds: number | null }>;
        results.push({ outbox, ...row });
      }
      return results;
    });
    for (const row of rows) {
      this.metrics.outboxBacklog.set({ outbox: row.outbox }, row.rows);
      this.metrics.outboxOldestAge.set({ outbox: row.outbox }, Math.max(0, row.oldest_seconds ?? 0));
    }
  }
}
