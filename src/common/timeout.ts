// One way to bound a promise in time, for every caller that must not wait on a slow dependency
// (Redis commands, scrape tasks, DNS lookups).

/** The default timeout error: its code ETIMEDOUT is what the error filter maps to 503. */
export function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' });
}

/**
 * `work`'s outcome, or a rejection with `timedOut()` (by default {@link timeoutError}) once `ms`
 * passed first. The timer is cleared either way; `work` itself is not cancelled.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  timedOut: () => Error = () => timeoutError(ms),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
