// The automations (GET /automations), one row each: name, whether active, and in words what it
// matches and what it does. Read-only here; they are edited through the API.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorNotice } from '../../components/notice';
import { priorityLabel, statusLabel } from '../../format';
import type { Automation, AutomationList, CategoryList } from '../../types';

export function AutomationsSection() {
  const [automations, setAutomations] = useState<Automation[] | null>(null);
  const [categories, setCategories] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<AutomationList>('GET', '/automations')
      .then((list) => setAutomations(list.items))
      .catch(setError);
    api<CategoryList>('GET', '/categories')
      .then((list) => setCategories(new Map(list.items.map((category) => [category.id, category.name]))))
      .catch(() => undefined); // ids are shown instead
  }, []);

  return (
    <section aria-label="Automations">
      <ErrorNotice error={error} />
      {automations && !automations.length && <p class="empty muted">No automations.</p>}
      {automations && automations.length > 0 && (
        <table class="tickets automations">
          <thead>
            <tr>
              <th>Name</th>
              <th>Active</th>
              <th>When</th>
              <th>Then</th>
            </tr>
          </thead>
          <tbody>
            {automations.map((automation) => (
              <tr key={automation.id} data-automation-id={automation.id}>
                <td>{automation.name}</td>
                <td>{automation.active ? 'Active' : <span class="muted">Inactive</span>}</td>
                <td>{conditionsText(automation.conditions, categories)}</td>
                <td>{actionsText(automation.actions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const list = (values: string[]) => values.join(', ');
const hoursText = (hours: number) => (hours >= 48 && hours % 24 === 0 ? `${hours / 24} days` : `${hours} h`);

export function conditionsText(conditions: Automation['conditions'], categories: Map<number, string>): string {
  const parts: string[] = [];
  if (conditions.status?.length) parts.push(`status ${list(conditions.status.map(statusLabel))}`);
  if (conditions.priority?.length) parts.push(`priority ${list(conditions.priority.map(priorityLabel))}`);
  if (conditions.category_id?.length) {
    parts.push(`category ${list(conditions.category_id.map((id) => categories.get(id) ?? `#${id}`))}`);
  }
  if (conditions.tags_all?.length) parts.push(`tagged ${list(conditions.tags_all)}`);
  if (conditions.tags_none?.length) parts.push(`not tagged ${list(conditions.tags_none)}`);
  if (conditions.hours_in_status !== undefined) parts.push(`${hoursText(conditions.hours_in_status)} in that status`);
  if (conditions.hours_since_update !== undefined) {
    parts.push(`${hoursText(conditions.hours_since_update)} without an update`);
  }
  return parts.length ? parts.join('; ') : 'any ticket';
}

export function actionsText(actions: Automation['actions']): string {
  const parts: string[] = [];
  if (actions.status) parts.push(`set status ${statusLabel(actions.status)}`);
  if (actions.priority) parts.push(`set priority ${priorityLabel(actions.priority)}`);
  if (actions.assignee_id !== undefined) {
    parts.push(actions.assignee_id === null ? 'unassign' : `assign to user #${actions.assignee_id}`);
  }
  if (actions.add_tags?.length) parts.push(`add tags ${list(actions.add_tags)}`);
  if (actions.remove_tags?.length) parts.push(`remove tags ${list(actions.remove_tags)}`);
  if (actions.comment) {
    const body = actions.comment.body.length > 60 ? `${actions.comment.body.slice(0, 57)}…` : actions.comment.body;
    parts.push(`${actions.comment.is_internal ? 'internal note' : 'reply'} “${body}”`);
  }
  return parts.length ? parts.join('; ') : 'nothing';
}
