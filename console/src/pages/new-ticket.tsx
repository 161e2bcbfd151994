// Open a ticket: title, description, priority and (optionally) a category.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../api';
import { ErrorNotice } from '../components/notice';
import { PRIORITIES, priorityLabel } from '../format';
import { href, navigate } from '../router';
import type { Category, CategoryList, Priority, Ticket } from '../types';

export function NewTicketPage() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [categoryId, setCategoryId] = useState('');
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per ticket being written: a double click or a retry after a lost answer creates it once.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    api<CategoryList>('GET', '/categories')
      .then((result) => setCategories(result.items))
      .catch(() => setCategories([]));
  }, []);

  // Never rejects: a failure is shown in the form, so the handler can leave the promise alone.
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { title: title.trim(), description, priority };
      if (categoryId) body.category_id = Number(categoryId);
      const ticket = await api<Ticket>('POST', '/tickets', body, { idempotencyKey: idempotencyKey.current });
      navigate(`/tickets/${ticket.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <main class="narrow">
      <p>
        <a href={href('/tickets')}>← Tickets</a>
      </p>
      <h1>New ticket</h1>
      <form class="card form" onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error} />
        <label>
          Title
          <input
            name="title"
            required
            maxLength={200}
            value={title}
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </label>
        <label>
          What happened?
          <textarea
            name="description"
            required
            rows={8}
            maxLength={10000}
            value={description}
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
        </label>
        <div class="row">
          <label>
            Priority
            <select
              name="priority"
              value={priority}
              onChange={(event) => setPriority(event.currentTarget.value as Priority)}
            >
              {PRIORITIES.map((value) => (
                <option key={value} value={value}>
                  {priorityLabel(value)}
                </option>
              ))}
            </select>
          </label>
          {categories.length > 0 && (
            <label>
              Category
              <select name="category" value={categoryId} onChange={(event) => setCategoryId(event.currentTarget.value)}>
                <option value="">None</option>
                {categories.map((category) => (
                  <option key={category.id} value={String(category.id)}>
                    {category.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create ticket'}
        </button>
      </form>
    </main>
  );
}
