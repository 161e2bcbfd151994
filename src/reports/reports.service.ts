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

/** Reports are SQL aggregates, one statement each; no ticket row ever reaches this process. */
@Injectable()
export class ReportsService {
  /**
   * Stats scan every live ticket (~0.4–0.8 s at a million): computed once at a time per process,
   * served for REPORTS_STATS_CACHE_SECONDS, then served stale for up to a minute more while one
   * refresh runs, so a wall of dashboards costs one query and nobody waits on it.
   */
  private readonly cachedStats: RefreshingValue<ReportStatsJson>;

  constructor(
    private readonly tx: TransactionContext,
    @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>,
  ) {
    this.cachedStats = new RefreshingValue(() => this.computeStats(), config.reportsStatsCacheSeconds * 1000, 60_000);
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

  stats(): Promise<ReportStatsJson> {
    return this.cachedStats.get();
  }

  private async computeStats(): Promise<ReportStatsJson> {
    const [row] = (await this.tx.manager.query(STATS_SQL)) as StatsRow[];
    return toStatsJson(row);
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
