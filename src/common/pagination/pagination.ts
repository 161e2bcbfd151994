import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Exact totals stop here; past it `total_capped` is true (API.md → Conventions → Lists). */
export const TOTAL_CAP = 10_000;
export const MAX_OFFSET = 10_000;

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_OFFSET,
    default: 0,
    description: 'Past 10000, narrow the filters instead',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  total_capped: boolean;
  limit: number;
  offset: number;
  next_offset: number | null;
}

export interface CappedCount {
  total: number;
  capped: boolean;
}

export function toPage<T>(items: T[], count: CappedCount, query: PaginationQueryDto): Page<T> {
  const end = query.offset + query.limit;
  const more = items.length === query.limit && (end < count.total || (count.capped && end <= MAX_OFFSET));
  return {
    items,
    total: count.total,
    total_capped: count.capped,
    limit: query.limit,
    offset: query.offset,
    next_offset: more ? end : null,
  };
}
