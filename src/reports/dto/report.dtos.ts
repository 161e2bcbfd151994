import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_REPORT_DAYS = 365;

export class SummaryQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_REPORT_DAYS,
    default: 7,
    description: 'the last N UTC days, today included',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REPORT_DAYS)
  days: number = 7;
}

export class TimeseriesQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_REPORT_DAYS,
    default: 30,
    description: 'how many UTC days, ending today',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REPORT_DAYS)
  days: number = 30;
}
