// The `details` of an audit entry: what changed, bounded and scrubbed before it is stored. Callers
// pass only non-secret fields; this is the second line of defence, and the bound that keeps an
// entry small whatever a caller hands in (a failed login's attempted email, an automation's comment).

/** Keys never stored, at any depth: whatever a caller passed by mistake. */
const SECRET_KEY = /pass(word)?|secret|token|hash|authorization|cookie|api_?key|signature/i;
export const MAX_DETAIL_STRING = 200;
export const MAX_DETAIL_ITEMS = 20;
export const MAX_DETAIL_KEYS = 30;
export const MAX_DETAIL_DEPTH = 8;
/** Past this many characters of JSON, only `{ "_truncated": true }` is kept. */
export const MAX_DETAILS_JSON = 4_096;

export type AuditDetails = Record<string, unknown>;

/** `details` as stored: secret-looking keys dropped, strings, lists, objects and depth bounded. */
export function boundDetails(details: AuditDetails | undefined): AuditDetails {
  if (!details) return {};
  const bounded = boundValue(details, 0) as AuditDetails;
  return JSON.stringify(bounded).length > MAX_DETAILS_JSON ? { _truncated: true } : bounded;
}

function boundValue(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    return value.length > MAX_DETAIL_STRING ? `${value.slice(0, MAX_DETAIL_STRING)}…` : value;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DETAIL_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_DETAIL_ITEMS).map((item) => boundValue(item, depth + 1));
    if (value.length > MAX_DETAIL_ITEMS) items.push(`… ${value.length - MAX_DETAIL_ITEMS} more`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key) || item === undefined) continue;
      if (kept++ >= MAX_DETAIL_KEYS) {
        out._truncated = true;
        break;
      }
      out[key.slice(0, MAX_DETAIL_STRING)] = boundValue(item, depth + 1);
    }
    return out;
  }
  return null; // functions, symbols, bigints: nothing a caller meant to record
}

/**
 * `{field: {from, to}}` for each field of `after` whose value differs from `before` (compared as
 * JSON): the before/after of an update, only what changed.
 */
export function changesBetween<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after) as Array<[keyof T & string, unknown]>) {
    if (to === undefined) continue;
    const from = before[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/**
 * A URL as the audit log may show it: scheme, host and port only. Webhook URLs often carry their
 * own secret in the path or query (Slack's `/services/T…/B…/XXXX`), so the rest never reaches the log.
 */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid)';
  }
}
