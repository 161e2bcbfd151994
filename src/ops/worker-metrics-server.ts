// The worker process (dist/worker.js) has no HTTP server of its own; with METRICS_PORT and
// METRICS_TOKEN set it serves its metrics (the SLA sweep durations, webhook failures, its pool and
// process metrics) on GET /metrics of that port, so Prometheus scrapes each worker pod like an API pod.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig, observabilityConfig } from '../config';
import { Metrics } from '../metrics/metrics';
import { scrapeAllowed } from './scrape-auth';

@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | undefined;

  constructor(
    private readonly metrics: Metrics,
    @Inject(observabilityConfig.KEY) private readonly config: ConfigType<typeof observabilityConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { token, workerPort } = this.config.metrics;
    if (workerPort === undefined) return;
    if (token === undefined) {
      this.logger.warn('METRICS_PORT is set but METRICS_TOKEN is not: worker metrics stay off');
      return;
    }
    const server = createServer((request, response) => void this.answer(request, response, token));
    // A scraper's keep-alive connection must never hold a stopping worker open.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(workerPort, this.app.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Worker metrics on port ${(server.address() as AddressInfo).port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse, token: string): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') return error(response, 404, 'NOT_FOUND', 'Resource not found');
    if (!scrapeAllowed(request.headers.authorization, token)) {
      response.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return error(response, 401, 'UNAUTHENTICATED', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    try {
      const body = await this.metrics.render();
      response.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(body);
    } catch {
      error(response, 500, 'INTERNAL', 'Internal server error');
    }
  }
}

/** The contract's error shape (no request ids here: this is not the API). */
function error(response: ServerResponse, status: number, code: string, message: string): void {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ error: { code, message, details: {}, request_id: null } }));
}
