// Refetch when the server says something changed, without flooding the API (60 requests/minute).
import { useEffect, useRef } from 'preact/hooks';
import { subscribe, type RealtimeMessage } from './realtime';

/**
 * Calls `refresh` after realtime messages that `matches` accepts (and after a reconnect), at most
 * once per `minIntervalMs`; a burst (a PATCH sends `ticket.updated` and `ticket.assigned`) is one refetch.
 */
export function useLiveRefresh(
  matches: (message: RealtimeMessage) => boolean,
  refresh: () => void,
  minIntervalMs = 250,
): void {
  const latest = useRef({ matches, refresh });
  latest.current = { matches, refresh };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const unsubscribe = subscribe((message) => {
      if (message.type !== 'reconnected' && !latest.current.matches(message)) return;
      if (timer) return;
      const wait = Math.max(50, last + minIntervalMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        latest.current.refresh();
      }, wait);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [minIntervalMs]);
}
