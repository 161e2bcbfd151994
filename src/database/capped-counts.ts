// Capped counts of filtered lists (API.md → Conventions → Lists) and the memory of those past the cap.
import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CappedCount, TOTAL_CAP } from '../common/pagination/pagination';
import { wrapPrepared } from './prepared-statements';

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

/**
 * The capped count of one filtered query: its SQL built once (a list needs it as its memory key
 * and as a subquery of the page, or as a statement of its own) and remembered past the cap.
 */
export class CappedCountOf {
  /** The counted rows (at most TOTAL_CAP + 1), with the query's named parameters. */
  private readonly rows: string;
  private readonly key: string;

  constructor(
    private readonly query: SelectQueryBuilder<ObjectLiteral>,
    private readonly memory: CappedCounts,
  ) {
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
 * One per application (a provider of DatabaseModule), so each app, and each test app, has its own
 * memory.
 */
@Injectable()
export class CappedCounter {
  private readonly memory = new CappedCounts();

  /** The capped count of `query`, to select beside its page or to count on its own. */
  of(query: SelectQueryBuilder<ObjectLiteral>): CappedCountOf {
    return new CappedCountOf(query, this.memory);
  }

  count(query: SelectQueryBuilder<ObjectLiteral>): Promise<CappedCount> {
    return this.of(query).count();
  }
}
