// Messages above content: errors, confirmations, and the version conflict.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';

export function Notice({
  kind,
  children,
}: {
  kind: 'error' | 'info' | 'success' | 'warning';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** What an error means to the person who clicked, with the server's words where they help. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  const details = Object.entries(error.details ?? {})
    .filter(([, value]) => Array.isArray(value))
    .map(([field, value]) => `${field}: ${(value as unknown[]).join(', ')}`);
  return details.length ? `${error.message} (${details.join('; ')})` : error.message;
}

export function ErrorNotice({ error }: { error: unknown }) {
  return error ? <Notice kind="error">{describeError(error)}</Notice> : null;
}
