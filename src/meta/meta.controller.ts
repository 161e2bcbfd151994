import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator';
import { appConfig } from '../config';
import { BUILD_COMMIT, PACKAGE_NAME, PACKAGE_VERSION } from '../common/package-info';
import { PROJECT_ROOT } from '../common/paths';
import { MetaDto } from './meta.dto';

const startedAt = new Date();

@ApiTags('ops')
@Public()
@Controller()
export class MetaController {
  private readonly commit: string;
  /** Served as the exact bytes of the file in the repo. */
  private readonly hackathon = readFileSync(join(PROJECT_ROOT, 'public/.well-known/hackathon.json'), 'utf8');

  constructor(@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>) {
    this.commit = config.commit ?? BUILD_COMMIT ?? 'unknown';
  }

  @Get('api/_meta')
  @ApiOperation({ operationId: 'getMeta', summary: 'Build and runtime information' })
  @ApiOkResponse({ type: MetaDto })
  meta(): MetaDto {
    return {
      name: PACKAGE_NAME,
      version: PACKAGE_VERSION,
      commit: this.commit,
      node: process.version,
      started_at: startedAt.toISOString(),
      uptime_s: Math.round((Date.now() - startedAt.getTime()) / 1000),
    };
  }

  @Get('.well-known/hackathon.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ operationId: 'getHackathonJson', summary: 'Static project descriptor shipped in the repo' })
  @ApiOkResponse({ schema: { type: 'object' } })
  hackathonJson(): string {
    return this.hackathon;
  }
}
