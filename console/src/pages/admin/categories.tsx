// Categories and who gets their new tickets (auto-assignment: none, round robin, least open).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice, Notice } from '../../components/notice';
import type { Category, CategoryList, Page, User } from '../../types';

type Assignment = NonNullable<Category['assignment']>;

const ASSIGNMENTS: Array<[Assignment, string]> = [
  ['none', 'None (stay unassigned)'],
  ['round_robin', 'Round robin'],
  ['least_open', 'Fewest unresolved tickets'],
];

export function CategoriesSection() {
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [staff, setStaff] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<CategoryList>('GET', '/categories')
      .then((list) => setCategories(list.items))
      .catch(setError);
    // Inactive people are listed too: a category may keep them (they are skipped when assigning).
    Promise.all(
      ['agent', 'admin'].map((role) =>
        api<Page<User>>('GET', `/users?role=${role}&limit=100`).then((page) => page.items),
      ),
    )
      .then((lists) => setStaff(lists.flat().sort((a, b) => a.id - b.id)))
      .catch(setError);
  }, []);

  return (
    <section aria-label="Categories">
      <ErrorNotice error={error} />
      {categories && !categories.length && <p class="empty muted">No categories yet.</p>}
      {categories?.map((category) => (
        <CategoryCard
          key={category.id}
          category={category}
          staff={staff}
          onSaved={(saved) => setCategories((list) => list?.map((c) => (c.id === saved.id ? saved : c)) ?? null)}
        />
      ))}
    </section>
  );
}

function CategoryCard({
  category,
  staff,
  onSaved,
}: {
  category: Category;
  staff: User[];
  onSaved: (category: Category) => void;
}) {
  // Both are always there for staff (only a requester's view leaves them out).
  const [assignment, setAssignment] = useState<Assignment>(category.assignment ?? 'none');
  const [agentIds, setAgentIds] = useState<number[]>(category.agent_ids ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // Listed ids that are not among the people read (more than 100 staff): kept, shown by id.
  const known = new Set(staff.map((person) => person.id));
  const people = [
    ...staff,
    ...agentIds.filter((id) => !known.has(id)).map((id) => ({ id, name: `#${id}`, is_active: true }) as User),
  ];

  const toggle = (id: number, on: boolean) =>
    setAgentIds((ids) => (on ? [...ids, id].sort((a, b) => a - b) : ids.filter((other) => other !== id)));

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      onSaved(await api<Category>('PATCH', `/categories/${category.id}`, { assignment, agent_ids: agentIds }));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="card form category-assignment"
      data-category-id={category.id}
      aria-label={category.name}
      onSubmit={(event) => void save(event)}
    >
      <h2>{category.name}</h2>
      {category.description && <p class="muted">{category.description}</p>}
      <label>
        Auto-assignment
        <select
          name="assignment"
          value={assignment}
          onChange={(event) => setAssignment(event.currentTarget.value as Assignment)}
        >
          {ASSIGNMENTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="agents">
        <legend>Agents</legend>
        {people.map((person) => (
          <label key={person.id} class="check">
            <input
              type="checkbox"
              name="agent"
              value={String(person.id)}
              checked={agentIds.includes(person.id)}
              onChange={(event) => toggle(person.id, event.currentTarget.checked)}
            />
            {person.name}
            {!person.is_active && <span class="muted"> (inactive)</span>}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={error} />
      {saved && <Notice kind="success">Saved.</Notice>}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
