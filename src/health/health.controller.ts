import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/decorators/public.decorator';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { RedisHealthIndicator } from './redis.health';

const CHECK_TIMEOUT_MS = 1_500;

@ApiTags('ops')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ operationId: 'health', summary: 'Liveness and readiness: Postgres and Redis reachable' })
  @ApiOkResponse({
    schema: { example: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `details` says which (error shape)' })
  async check() {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
        () => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS),
      ]);
      return { status: result.status, info: statusesOnly(result.info) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const details = statusesOnly((error.getResponse() as { details?: HealthIndicatorResult }).details);
      const down = Object.keys(details).filter((key) => details[key].status !== 'up');
      // Terminus also answers 503 while the app shuts down, so load balancers stop sending traffic.
      const message = down.length ? `Unavailable: ${down.join(', ')} down` : 'Shutting down';
      throw new AppException(ErrorCode.UNAVAILABLE, message, details);
    }
  }
}

/** The contract's shape: each dependency's status only (terminus adds timings and messages). */
function statusesOnly(
  results: Record<string, { status: string } | undefined> = {},
): Record<string, { status: string }> {
  return Object.fromEntries(Object.entries(results).map(([key, value]) => [key, { status: value?.status ?? 'down' }]));
}
