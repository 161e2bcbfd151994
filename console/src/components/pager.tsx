// Previous / next for the API's offset pagination.
import type { Page } from '../types';

export function Pager({ page, onOffset }: { page: Page<unknown>; onOffset: (offset: number) => void }) {
  if (page.total === 0) return null;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  return (
    <div class="pager">
      <span class="muted">
        {first}–{last} of {page.total}
        {page.total_capped ? '+' : ''}
      </span>
      <button
        type="button"
        disabled={page.offset === 0}
        onClick={() => onOffset(Math.max(0, page.offset - page.limit))}
      >
        Previous
      </button>
      <button type="button" disabled={page.next_offset === null} onClick={() => onOffset(page.next_offset!)}>
        Next
      </button>
    </div>
  );
}
