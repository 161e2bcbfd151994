import type { ErrorDetails } from './app.exception';

/**
 * An error lists at most this many `details` entries besides `_truncated`, which counts the rest
 * (API.md, "Bounded work"): a body with thousands of bad fields must not get a body of megabytes.
 */
export const MAX_ERROR_DETAILS = 100;
export const TRUNCATED_KEY = '_truncated';

/** `details` with at most `max` entries, and `_truncated: N` for the N left out (added to any already there). */
export function capErrorDetails(details: ErrorDetails, max = MAX_ERROR_DETAILS): ErrorDetails {
  const keys = Object.keys(details).filter((key) => key !== TRUNCATED_KEY);
  if (keys.length <= max) return details;
  const kept: ErrorDetails = {};
  for (const key of keys.slice(0, max)) kept[key] = details[key];
  const before = details[TRUNCATED_KEY];
  kept[TRUNCATED_KEY] = keys.length - max + (typeof before === 'number' ? before : 0);
  return kept;
}
