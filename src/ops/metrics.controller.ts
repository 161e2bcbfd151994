import { Controller, Get, Headers, Inject, NotFoundException, Res } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/public.decorator';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { observabilityConfig } from '../config';
import { Metrics } from '../metrics/metrics';
import { scrapeAllowed } from './scrape-auth';

/**
 * `GET /metrics`: Prometheus text format, for a scraper holding METRICS_TOKEN (Bearer). Off (404,
 * as for any unknown path) when METRICS_TOKEN is unset. Outside /api/v1, so never rate limited;
 * an operations endpoint, so not in the product's OpenAPI document (README → Operations).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(observabilityConfig.KEY) private readonly config: ConfigType<typeof observabilityConfig>,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply) {
    const token = this.config.metrics.token;
    // The answer of any unknown path: an endpoint that is off does not announce itself.
    if (token === undefined) throw new NotFoundException('Cannot GET /metrics');
    if (!scrapeAllowed(authorization, token)) {
      throw new AppException(
        ErrorCode.UNAUTHENTICATED,
        'Send Authorization: Bearer <METRICS_TOKEN>',
        {},
        {
          'WWW-Authenticate': 'Bearer realm="metrics"',
        },
      );
    }
    const body = await this.metrics.render();
    return reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store').send(body);
  }
}
