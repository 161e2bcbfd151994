import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/decorators/public.decorator';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { isShuttingDown } from '../common/shutdown-state';
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
    return this.dependencies();
  }

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'healthLive',
    summary: 'Liveness: the process runs (no dependency is checked)',
    description:
      'For liveness probes: 200 as long as the process answers HTTP, even while Postgres or Redis is away ' +
      'or the process drains after SIGTERM, so an orchestrator never restarts it for an outage elsewhere.',
  })
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, example: { status: 'ok' } },
  })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Header('Cache-Control', 'no-store')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'healthReady',
    summary: 'Readiness: Postgres and Redis reachable, and not shutting down',
    description:
      'For readiness probes and load balancers: 503 `UNAVAILABLE` when Postgres or Redis is down (`details` ' +
      'says which), and from SIGTERM on while in-flight requests drain, so traffic moves elsewhere first.',
  })
  @ApiOkResponse({
    schema: { example: { status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down, or the process is draining (error shape)' })
  async ready() {
    if (isShuttingDown()) throw new AppException(ErrorCode.UNAVAILABLE, 'Shutting down');
    return this.dependencies();
  }

  /** Postgres and Redis, each within CHECK_TIMEOUT_MS: the contract's shape, or 503 naming what is down. */
  private async dependencies() {
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
