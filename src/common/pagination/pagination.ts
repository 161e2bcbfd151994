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

/**
 * The capped count of one filtered query: its SQL built once (a list needs it as its memory key
 * and as a subquery of the page, or as a statement of its own) and remembered past the cap.
 */
export class CappedCountOf {
  /** The counted rows (at most TOTAL_CAP + 1), with the query's named parameters. */
  private readonly rows: string;
  private readonly key: string;
  private readonly memory: CappedCounts;

  constructor(private readonly query: SelectQueryBuilder<ObjectLiteral>) {
    this.rows = query
      .clone()
      .orderBy()
      .skip(undefined)
      .take(undefined)
      .offset(undefined)
      .limit(TOTAL_CAP + 1)
      .select('1')
      .getQuery();
    this.key = `${this.rows}\0${JSON.stringify(query.getParameters())}`;
    this.memory = memoryOf(query);
  }

  /** Whether this count came back past the cap moments ago (`CappedCounts`). */
  get knownCapped(): boolean {
    return this.memory.isCapped(this.key);
  }

  /**
   * As a scalar subquery, to select beside a page of the same query (whose parameters it shares):
   * Postgres runs it once per statement, and the page and its total take one round trip.
   */
  get subquery(): string {
    return `(SELECT count(*) FROM (${this.rows}) AS capped)`;
  }

  /** The statement that counts on its own, and its values. */
  statement(): [string, unknown[]] {
    const sql = wrapPrepared(this.rows, (rows) => `SELECT count(*) AS n FROM (${rows}) AS capped`);
    return this.query.connection.driver.escapeQueryWithParameters(sql, this.query.getParameters());
  }

  /** From a raw count `n` (at most TOTAL_CAP + 1), remembered when past the cap. */
  of(n: number): CappedCount {
    if (n > TOTAL_CAP) this.memory.remember(this.key);
    return { total: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP };
  }

  /** Counted by its own statement, unless known to be past the cap. */
  async count(): Promise<CappedCount> {
    if (this.knownCapped) return { total: TOTAL_CAP, capped: true };
    const rows: Array<{ n: string }> = await this.query.connection.query(...this.statement());
    return this.of(Number(rows[0].n));
  }
}

/**
 * Counts the rows of a query, but stops at TOTAL_CAP + 1: an exact count over a million rows costs
 * more than the page itself. A count past the cap is reused for CAPPED_COUNT_TTL_MS (`CappedCounts`).
 */
export function countCapped<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): Promise<CappedCount> {
  return new CappedCountOf(query).count();
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
