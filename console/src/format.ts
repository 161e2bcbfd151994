// How values read on screen.
import type { Priority, Role, Status } from './types';

export const STATUSES: Status[] = ['open', 'in_progress', 'pending', 'escalated', 'resolved', 'closed'];
export const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'urgent'];
export const ACTIVE_STATUSES: Status[] = ['open', 'in_progress', 'pending', 'escalated'];

const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  in_progress: 'In progress',
  pending: 'Pending',
  escalated: 'Escalated',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** API.md → Tickets → Transitions (`escalated` is the worker's alone). */
export const TRANSITIONS: Record<Status, Status[]> = {
  open: ['in_progress', 'pending', 'resolved', 'closed'],
  in_progress: ['open', 'pending', 'resolved', 'closed'],
  pending: ['open', 'in_progress', 'resolved', 'closed'],
  escalated: ['in_progress', 'pending', 'resolved', 'closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const statusLabel = (status: string): string => STATUS_LABELS[status as Status] ?? status;
export const priorityLabel = (priority: string): string => priority.charAt(0).toUpperCase() + priority.slice(1);
export const roleLabel = (role: Role): string => ({ user: 'Requester', agent: 'Agent', admin: 'Admin' })[role];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDate(iso: string | null): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "21:07:03", in the browser's time zone. */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

/** "in 3 hours", "5 minutes ago". */
export function fromNow(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const BYTE_UNITS = ['KB', 'MB', 'GB'];

/** "512 B", "3.4 KB", "25 MB" (binary units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // 1023.97 KB would read "1024 KB": move up before rounding does.
  while (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}
