import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { RefreshingValue } from '../common/cache/refreshing-value';
import { appConfig } from '../config';
import { TransactionContext } from '../database/transaction-context';
import {
  ReportStatsJson,
  ReportSummaryJson,
  StatsRow,
  TimeseriesJson,
  TimeseriesPointJson,
  toStatsJson,
} from './report.presenter';
import { STATS_SQL, SUMMARY_SQL, TIMESERIES_SQL } from './report-queries';

/** The stats and how fresh they are, for the answer's `Age` and `Cache-Control`. */
export interface FreshStats {
  stats: ReportStatsJson;
  /** Whole seconds since the numbers were computed. */
  ageSeconds: number;
  /** Their lifetime in seconds counted from when they were computed (the TTL; 0 once stale or when the cache is off). */
  maxAgeSeconds: number;
}

/** Reports are SQL aggregates, one statement each; no ticket row ever reaches this process. */
@Injectable()
export class ReportsService {
  /**
   * Stats scan every live ticket (~0.4–0.8 s at a million): computed once at a time per process,
   * served for REPORTS_STATS_CACHE_SECONDS, then served stale for up to a minute more while one
   * refresh runs, so a wall of dashboards costs one query and nobody waits on it.
   */
  private readonly cachedStats: RefreshingValue<StatsRow>;
  private readonly freshSeconds: number;

  constructor(
    private readonly tx: TransactionContext,
    @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>,
  ) {
    this.freshSeconds = config.reportsStatsCacheSeconds;
    this.cachedStats = new RefreshingValue(() => this.computeStats(), this.freshSeconds * 1000, 60_000);
  }

  async summary(days: number): Promise<ReportSummaryJson> {
    const [row] = (await this.tx.manager.query(SUMMARY_SQL, [days])) as Array<Omit<ReportSummaryJson, 'days'>>;
    return {
      days,
      tickets_opened: row.tickets_opened,
      tickets_resolved: row.tickets_resolved,
      tickets_escalated: row.tickets_escalated,
      tickets_breached: row.tickets_breached,
    };
  }

  /** `as_of` is when the computation began (the statement's snapshot is no older). */
  async stats(): Promise<FreshStats> {
    const { data, at } = await this.cachedStats.getStamped();
    const ageMs = Math.max(0, Date.now() - at);
    return {
      stats: toStatsJson(data, new Date(at)),
      ageSeconds: Math.floor(ageMs / 1000),
      // RFC 9111 §4.2.3: a cache adds Age to its own clock, so max-age is the whole lifetime (the TTL),
      // not what is left of it; 0 once the numbers are stale (served while one refresh runs).
      maxAgeSeconds: ageMs < this.freshSeconds * 1000 ? this.freshSeconds : 0,
    };
  }

  private async computeStats(): Promise<StatsRow> {
    const [row] = (await this.tx.manager.query(STATS_SQL)) as StatsRow[];
    return row;
  }

  async timeseries(days: number): Promise<TimeseriesJson> {
    const rows = (await this.tx.manager.query(TIMESERIES_SQL, [days])) as TimeseriesPointJson[];
    return {
      items: rows.map((row) => ({
        date: row.date,
        opened: row.opened,
        resolved: row.resolved,
        breached: row.breached,
      })),
    };
  }
}
