import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { wrapPrepared } from '../../database/prepared-statements';

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

/** How long a count past the cap is reused (per process) instead of counted again. */
export const CAPPED_COUNT_TTL_MS = 10_000;
const MAX_REMEMBERED_COUNTS = 1_000;

/**
 * Which count queries (SQL and values) last came back past the cap, until when. Only those: a
 * count under the cap is always exact and fresh, while one past it means "at least 10,000", which
 * stays true unless thousands of rows leave the filter within seconds. Counting 10,001 index
 * entries costs 3–8 ms of Postgres at 1M tickets, more than the page itself, and broad filters
 * (a dashboard's "open, high") are exactly the ones polled most.
 */
export class CappedCounts {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  isCapped(key: string): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.until.delete(key);
    return false;
  }

  remember(key: string): void {
    if (this.until.size >= MAX_REMEMBERED_COUNTS) this.until.clear();
    this.until.set(key, this.now() + CAPPED_COUNT_TTL_MS);
  }
}

/** One memory per database (tests run several apps, on different databases, in one process). */
const cappedCounts = new WeakMap<object, CappedCounts>();

function memoryOf(query: SelectQueryBuilder<ObjectLiteral>): CappedCounts {
  let memory = cappedCounts.get(query.connection);
  if (!memory) cappedCounts.set(query.connection, (memory = new CappedCounts()));
  return memory;
}

function countKey(query: SelectQueryBuilder<ObjectLiteral>): string {
  const [sql, params] = cappedCountQuery(query);
  return `${sql}\0${JSON.stringify(params)}`;
}

/** Whether the count of this query came back past the cap moments ago (`CappedCounts`). */
export function isKnownCapped<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): boolean {
  return memoryOf(query).isCapped(countKey(query));
}

/** The capped count from a raw count `n` (at most TOTAL_CAP + 1), remembered when past the cap. */
export function cappedCountOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, n: number): CappedCount {
  if (n > TOTAL_CAP) memoryOf(query).remember(countKey(query));
  return { total: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP };
}

/**
 * Counts the rows of a query, but stops at TOTAL_CAP + 1: an exact count over a million rows costs
 * more than the page itself. A count past the cap is reused for CAPPED_COUNT_TTL_MS (`CappedCounts`).
 */
export async function countCapped<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<CappedCount> {
  if (isKnownCapped(query)) return { total: TOTAL_CAP, capped: true };
  const [sql, params] = cappedCountQuery(query);
  const rows: Array<{ n: string }> = await query.connection.query(sql, params);
  return cappedCountOf(query, Number(rows[0].n));
}

/** The filtered rows, unordered, at most TOTAL_CAP + 1 of them: what a capped count counts. */
function cappedRows<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return query
    .clone()
    .orderBy()
    .skip(undefined)
    .take(undefined)
    .offset(undefined)
    .limit(TOTAL_CAP + 1)
    .select('1');
}

/** The SQL of countCapped. */
export function cappedCountQuery<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): [string, unknown[]] {
  const [sql, params] = cappedRows(query).getQueryAndParameters();
  return [wrapPrepared(sql, (inner) => `SELECT count(*) AS n FROM (${inner}) AS capped`), params];
}

/**
 * The capped count as a scalar subquery, to select beside a page of the same query (its named
 * parameters are the page's): Postgres runs it once per statement, and the page and its total
 * take one round trip instead of two.
 */
export function cappedCountSubquery<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): string {
  return `(SELECT count(*) FROM (${cappedRows(query).comment('').getQuery()}) AS capped)`;
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
