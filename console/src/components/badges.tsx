// Small labels: status, priority, SLA breach, internal note, role, email source.
import { priorityLabel, roleLabel, statusLabel } from '../format';
import type { Role } from '../types';

export const StatusBadge = ({ status }: { status: string }) => (
  <span class={`badge status-${status}`}>{statusLabel(status)}</span>
);

export const PriorityBadge = ({ priority }: { priority: string }) => (
  <span class={`badge priority-${priority}`}>{priorityLabel(priority)}</span>
);

export const BreachedBadge = () => (
  <span class="badge breached" title="A first-response or resolution target was missed">
    SLA breached
  </span>
);

export const InternalBadge = () => <span class="badge internal">Internal</span>;

export const RoleBadge = ({ role }: { role: Role }) => <span class={`badge role-${role}`}>{roleLabel(role)}</span>;

/** A ticket opened, or a comment written, by email (`source: 'email'`); nothing for web and api. */
export const EmailBadge = ({ source, title }: { source: string; title: string }) =>
  source === 'email' ? (
    <span class="badge email" title={title}>
      ✉ email
    </span>
  ) : null;
