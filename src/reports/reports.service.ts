import { Injectable } from '@nestjs/common';
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
  constructor(private readonly tx: TransactionContext) {}

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

  async stats(): Promise<ReportStatsJson> {
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
