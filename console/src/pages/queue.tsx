// The agents' queue: filters, full-text search, and "Claim next 15".
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Notice, ErrorNotice } from '../components/notice';
import { Pager } from '../components/pager';
import { TicketTable } from '../components/ticket-table';
import { ACTIVE_STATUSES, PRIORITIES, plural, priorityLabel, STATUSES, statusLabel } from '../format';
import { useLiveRefresh } from '../live';
import type { Page, Ticket } from '../types';

interface Filters {
  q: string;
  status: string;
  priority: string;
  assignee: string;
  breached: boolean;
  sort: string;
  offset: number;
}

const PAGE_SIZE = 25;
const SORTS: Record<string, string> = {
  '-created_at': 'Newest',
  created_at: 'Oldest',
  '-priority': 'Priority',
  resolution_due_at: 'Due soonest',
  '-updated_at': 'Recently updated',
};

// Kept while the console is open, so coming back from a ticket shows the same queue.
let remembered: Filters = {
  q: '',
  status: ACTIVE_STATUSES.join(','),
  priority: '',
  assignee: '',
  breached: false,
  sort: '-created_at',
  offset: 0,
};

export function QueuePage() {
  const [filters, setFiltersState] = useState<Filters>(remembered);
  const [search, setSearch] = useState(filters.q);
  const [page, setPage] = useState<Page<Ticket> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [claimed, setClaimed] = useState<string | null>(null);
  const [claiming, setClaiming] = useState(false);

  const setFilters = (change: Partial<Filters>) => {
    remembered = { ...filters, offset: 0, ...change };
    setFiltersState(remembered);
  };

  const load = () => {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(filters.offset), sort: filters.sort });
    if (filters.q) query.set('q', filters.q);
    if (filters.status) query.set('status', filters.status);
    if (filters.priority) query.set('priority', filters.priority);
    if (filters.assignee) query.set('assignee_id', filters.assignee);
    if (filters.breached) query.set('is_breached', 'true');
    api<Page<Ticket>>('GET', `/tickets?${query}`)
      .then((result) => {
        setPage(result);
        setError(null);
      })
      .catch(setError);
  };
  useEffect(load, [filters]);
  // Agents hear about every ticket: refetch at most every 3 s, whatever the desk's pace.
  // Neither comments nor attachments change what the queue lists.
  useLiveRefresh((message) => message.type !== 'comment.created' && message.type !== 'attachment.added', load, 3000);

  // Never rejects: a failure is shown on the page, so the button can leave the promise alone.
  const claim = async () => {
    setClaiming(true);
    setClaimed(null);
    setError(null);
    try {
      const result = await api<{ items: Ticket[] }>('POST', '/tickets/claim', { limit: 15 });
      setClaimed(
        result.items.length
          ? `Claimed ${plural(result.items.length, 'ticket')}: ${result.items.map((t) => `#${t.id}`).join(', ')}.`
          : 'Nothing to claim: every open or escalated ticket has an assignee.',
      );
      load();
    } catch (failure) {
      setError(failure);
    } finally {
      setClaiming(false);
    }
  };

  return (
    <main>
      <div class="page-head">
        <h1>Queue</h1>
        <button type="button" class="primary" disabled={claiming} onClick={() => void claim()}>
          {claiming ? 'Claiming…' : 'Claim next 15'}
        </button>
      </div>
      <form
        class="toolbar filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ q: search.trim() });
        }}
      >
        <input
          type="search"
          name="q"
          placeholder="Search tickets and comments"
          aria-label="Search"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
        <button type="submit">Search</button>
        <select
          aria-label="Status"
          value={filters.status}
          onChange={(e) => setFilters({ status: e.currentTarget.value })}
        >
          <option value={ACTIVE_STATUSES.join(',')}>Active</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
          <option value="">Any status</option>
        </select>
        <select
          aria-label="Priority"
          value={filters.priority}
          onChange={(e) => setFilters({ priority: e.currentTarget.value })}
        >
          <option value="">Any priority</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>
        <select
          aria-label="Assignee"
          value={filters.assignee}
          onChange={(e) => setFilters({ assignee: e.currentTarget.value })}
        >
          <option value="">Anyone</option>
          <option value="me">Assigned to me</option>
          <option value="none">Unassigned</option>
        </select>
        <select aria-label="Sort" value={filters.sort} onChange={(e) => setFilters({ sort: e.currentTarget.value })}>
          {Object.entries(SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label class="check">
          <input
            type="checkbox"
            checked={filters.breached}
            onChange={(e) => setFilters({ breached: e.currentTarget.checked })}
          />
          SLA breached only
        </label>
      </form>
      {claimed && <Notice kind="success">{claimed}</Notice>}
      <ErrorNotice error={error} />
      {page && (
        <>
          <TicketTable tickets={page.items} staff empty="No tickets match these filters." />
          <Pager page={page} onOffset={(offset) => setFilters({ offset })} />
        </>
      )}
    </main>
  );
}
