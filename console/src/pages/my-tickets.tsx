// A requester's own tickets (the API shows a requester nothing else).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorNotice } from '../components/notice';
import { Pager } from '../components/pager';
import { TicketTable } from '../components/ticket-table';
import { ACTIVE_STATUSES } from '../format';
import { useLiveRefresh } from '../live';
import { href } from '../router';
import type { Page, Ticket } from '../types';

const VIEWS = {
  active: { label: 'Active', status: ACTIVE_STATUSES.join(',') },
  done: { label: 'Resolved and closed', status: 'resolved,closed' },
  all: { label: 'All', status: '' },
} as const;
type View = keyof typeof VIEWS;

const PAGE_SIZE = 25;

export function MyTicketsPage() {
  const [view, setView] = useState<View>('active');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<Ticket> | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = () => {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset), sort: '-updated_at' });
    if (VIEWS[view].status) query.set('status', VIEWS[view].status);
    api<Page<Ticket>>('GET', `/tickets?${query}`)
      .then((result) => {
        setPage(result);
        setError(null);
      })
      .catch(setError);
  };
  useEffect(load, [view, offset]);
  // A requester only hears about their own tickets: any message may change this list.
  useLiveRefresh((message) => message.type !== 'attachment.added', load, 1000); // files change no column

  return (
    <main>
      <div class="page-head">
        <h1>My tickets</h1>
        <a class="button primary" href={href('/tickets/new')}>
          New ticket
        </a>
      </div>
      <div class="toolbar" role="group" aria-label="Show">
        {(Object.keys(VIEWS) as View[]).map((key) => (
          <button
            key={key}
            type="button"
            class={key === view ? 'tab active' : 'tab'}
            aria-pressed={key === view}
            onClick={() => {
              setView(key);
              setOffset(0);
            }}
          >
            {VIEWS[key].label}
          </button>
        ))}
      </div>
      <ErrorNotice error={error} />
      {page && (
        <>
          <TicketTable tickets={page.items} staff={false} empty="No tickets here yet." />
          <Pager page={page} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
