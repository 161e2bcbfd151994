// Hash routing (#/tickets/12): the server serves one index.html at /app/ and never sees the route.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** Path segments after `#/`: `#/tickets/12` → ['tickets', '12']. */
  parts: string[];
}

function current(): Route {
  const path = location.hash.replace(/^#\/?/, '').split('?')[0];
  try {
    return { parts: path.split('/').filter(Boolean).map(decodeURIComponent) };
  } catch {
    // A malformed escape (`#/tickets/%E0`) throws URIError: show the default page, not a blank one.
    return { parts: [] };
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(path: string): void {
  location.hash = `#${path}`;
}

export const href = (path: string): string => `#${path}`;
