// The process's Prometheus metrics (prom-client), one registry per app instance. Recording is
// in-memory and synchronous (a histogram observation per request, nothing else on the request path);
// what needs Postgres or Redis is computed only when /metrics is scraped, by scrape tasks with a timeout.
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from '../common/timeout';

/** How long one scrape task (a query, a queue count) may take before the scrape goes on without it. */
export const SCRAPE_TASK_TIMEOUT_MS = 2_000;

/** What /metrics reads of the Postgres pool (pg.Pool's own counters). */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Computed at scrape time (Postgres, Redis); on failure or timeout its gauges are left empty. */
export interface ScrapeTask {
  /** The `source` label of helpdesk_metrics_scrape_errors_total when it fails. */
  name: string;
  run(): Promise<void>;
  /** Called when `run` failed or timed out: clear what would otherwise be stale. */
  reset(): void;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SWEEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly tasks: ScrapeTask[] = [];
  private pool: (() => PoolCounts | undefined) | undefined;
  private websockets: (() => number) | undefined;
  private inFlight: Promise<void> | undefined;

  /** Labelled by the route template (`/api/v1/tickets/:id`, `unmatched`), never the raw URL. */
  readonly httpDuration = new Histogram({
    name: 'helpdesk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  /** Recorded where the sweep runs: the worker process (or the API when WORKER_IN_PROCESS=true). */
  readonly slaSweepDuration = new Histogram({
    name: 'helpdesk_sla_sweep_duration_seconds',
    help: 'Duration of SLA sweeps (escalation, warnings, automations, outbox relay), by outcome',
    labelNames: ['outcome'] as const,
    buckets: SWEEP_BUCKETS,
    registers: [this.registry],
  });

  /** Failed attempts of webhook deliveries; `final` is "true" when the delivery gave up (or the hook was deactivated). */
  readonly webhookFailures = new Counter({
    name: 'helpdesk_webhook_delivery_failures_total',
    help: 'Webhook delivery attempts the receiver failed (error, timeout or non-2xx)',
    labelNames: ['final'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'helpdesk_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'helpdesk_outbox_backlog_rows',
    help: 'Outbox rows not yet relayed to their queue (capped at 100000), per outbox',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: 'helpdesk_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox row not yet relayed (0 when none), per outbox',
    labelNames: ['outbox'] as const,
    registers: [this.registry],
  });

  readonly scrapeErrors = new Counter({
    name: 'helpdesk_metrics_scrape_errors_total',
    help: 'Scrape-time reads that failed or timed out (their gauges are then absent)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const gauge = (name: string, help: string, read: () => number | undefined) => {
      const metric: Gauge = new Gauge({
        name,
        help,
        registers: [this.registry],
        // Read when scraped: nothing is recorded while the app works.
        collect: () => {
          const value = read();
          if (value !== undefined) metric.set(value);
        },
      });
    };
    gauge('helpdesk_db_pool_connections', 'Postgres pool: connections open', () => this.pool?.()?.totalCount);
    gauge('helpdesk_db_pool_idle_connections', 'Postgres pool: connections idle', () => this.pool?.()?.idleCount);
    gauge(
      'helpdesk_db_pool_waiting_clients',
      'Postgres pool: checkouts waiting for a connection',
      () => this.pool?.()?.waitingCount,
    );
    gauge('helpdesk_websocket_connections', 'Open /ws/notifications sockets in this process', () =>
      this.websockets ? this.websockets() : 0,
    );
  }

  /** One request answered: called from the API's onResponse hook. */
  observeRequest(method: string, route: string | undefined, status: number, elapsedMs: number): void {
    this.httpDuration.observe({ method, route: route ?? 'unmatched', status: String(status) }, elapsedMs / 1000);
  }

  watchPool(counts: () => PoolCounts | undefined): void {
    this.pool = counts;
  }

  watchWebsockets(count: () => number): void {
    this.websockets = count;
  }

  addScrapeTask(task: ScrapeTask): void {
    this.tasks.push(task);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition, after the scrape tasks ran (or timed out). */
  async render(): Promise<string> {
    // Scrapes that overlap share one run of the tasks: a slow database never piles up queries.
    this.inFlight ??= this.runTasks().finally(() => (this.inFlight = undefined));
    await this.inFlight;
    return this.registry.metrics();
  }

  private async runTasks(): Promise<void> {
    await Promise.all(
      this.tasks.map(async (task) => {
        try {
          await withTimeout(task.run(), SCRAPE_TASK_TIMEOUT_MS);
        } catch {
          task.reset();
          this.scrapeErrors.inc({ source: task.name });
        }
      }),
    );
  }
}
