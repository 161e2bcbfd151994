// How the desk is doing (admins): the 30-day timeseries as a chart, the all-time stats, and the
// tickets that missed an SLA target and are still open.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNotice } from '../components/notice';
import { TicketTable } from '../components/ticket-table';
import { TimeseriesChart } from '../components/timeseries-chart';
import { ACTIVE_STATUSES, formatClock, priorityLabel } from '../format';
import { useLiveRefresh } from '../live';
import { href } from '../router';
import type { Page, Stats, Summary, Ticket, Timeseries, TimeseriesPoint } from '../types';

const DAYS = 30;

interface Data {
  stats: Stats;
  summary: Summary;
  series: TimeseriesPoint[];
  breached: Page<Ticket>;
}

const hours = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} h`);

export function DashboardPage() {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = () => {
    const breachedQuery = new URLSearchParams({
      is_breached: 'true',
      status: ACTIVE_STATUSES.join(','),
      sort: 'resolution_due_at',
      limit: '10',
    });
    Promise.all([
      api<Stats>('GET', '/reports/stats'),
      api<Summary>('GET', `/reports/summary?days=${DAYS}`),
      api<Timeseries>('GET', `/reports/timeseries?days=${DAYS}`),
      api<Page<Ticket>>('GET', `/tickets?${breachedQuery}`),
    ])
      .then(([stats, summary, series, breached]) => {
        setData({ stats, summary, series: series.items, breached });
        setError(null);
      })
      .catch(setError);
  };
  useEffect(load, []);
  // Four requests per refresh: at most every 15 s, however busy the desk.
  useLiveRefresh((message) => message.type !== 'attachment.added', load, 15_000); // files change no figure

  if (!data) return <main>{error ? <ErrorNotice error={error} /> : <p class="muted">Loading…</p>}</main>;
  const { stats, summary, series, breached } = data;
  const cards: Array<[string, string | number, string?]> = [
    ['Open', stats.open_tickets],
    ['In progress', stats.in_progress_tickets],
    ['Pending', stats.pending_tickets],
    ['Escalated', stats.escalated_tickets, stats.escalated_tickets ? 'alert' : undefined],
    ['Overdue', stats.overdue_tickets, stats.overdue_tickets ? 'alert' : undefined],
    ['Resolved', stats.resolved_tickets],
    ['Closed', stats.closed_tickets],
    ['All tickets', stats.total_tickets],
    ['Created today', stats.tickets_created_today],
    ['Resolved today', stats.tickets_resolved_today],
    ['Avg first response', hours(stats.avg_first_response_hours)],
    ['Avg resolution', hours(stats.avg_resolution_hours)],
  ];

  return (
    <main>
      <div class="page-head">
        <h1>Dashboard</h1>
        <a class="button" href={href('/tickets')}>
          Open the queue
        </a>
      </div>
      <ErrorNotice error={error} />
      <section class="card">
        <h2>Last {DAYS} days</h2>
        <p class="summary">
          <span>
            <strong>{summary.tickets_opened}</strong> opened
          </span>
          <span>
            <strong>{summary.tickets_resolved}</strong> resolved
          </span>
          <span>
            <strong>{summary.tickets_escalated}</strong> escalated
          </span>
          <span class={summary.tickets_breached ? 'alert' : undefined}>
            <strong>{summary.tickets_breached}</strong> breached
          </span>
        </p>
        <TimeseriesChart points={series} />
      </section>

      {/* The stats are cached by the server for a few seconds: say so, so a count that trails the queue reads as such. */}
      <p class="muted as-of">
        Counts as of <time dateTime={stats.as_of}>{formatClock(stats.as_of)}</time> (the server recomputes them every
        few seconds)
      </p>
      <section class="stats" aria-label="Stats">
        {cards.map(([label, value, tone]) => (
          <div key={label} class={tone ? `stat card ${tone}` : 'stat card'}>
            <span class="stat-value">{value}</span>
            <span class="stat-label">{label}</span>
          </div>
        ))}
      </section>

      <section class="card breached-list">
        <h2>SLA breached and still open</h2>
        <TicketTable tickets={breached.items} staff empty="No open ticket has missed its SLA. Well done." />
        {breached.total > breached.items.length && (
          <p class="muted">{breached.total - breached.items.length} more in the queue (filter “SLA breached only”).</p>
        )}
      </section>

      <div class="columns">
        <section class="card">
          <h2>By priority</h2>
          <Counts counts={stats.tickets_by_priority} label={priorityLabel} />
        </section>
        <section class="card">
          <h2>By category</h2>
          <Counts counts={stats.tickets_by_category} label={(name) => name} />
        </section>
      </div>
    </main>
  );
}

function Counts({ counts, label }: { counts: Record<string, number>; label: (key: string) => string }) {
  const entries = Object.entries(counts);
  if (!entries.length) return <p class="muted">Nothing yet.</p>;
  return (
    <table class="counts">
      <tbody>
        {entries.map(([key, count]) => (
          <tr key={key}>
            <td>{label(key)}</td>
            <td class="num">{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
