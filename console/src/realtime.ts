// Live updates from /ws/notifications (API.md → Realtime). Messages only say what changed; pages
// refetch over REST. The socket is opened with the current access token (?token=, since browsers
// cannot set headers on a WebSocket) and replaced whenever the token is refreshed: the server closes
// a socket whose token expired (4401) instead of delivering to it.
import { accessToken, onAccessToken, refreshTokens } from './api';
import type { Notification } from './types';

export type RealtimeMessage = Notification | { type: 'reconnected' };
export type Connection = 'connecting' | 'live' | 'offline';

const CLOSE_UNAUTHORIZED = 4401;

/** The socket in use (or being opened). */
let socket: WebSocket | null = null;
/** Every socket not yet closed: a replaced one stays open until its successor is. */
const sockets = new Set<WebSocket>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let everOpened = false;
let state: Connection = 'offline';
const listeners = new Set<(message: RealtimeMessage) => void>();
const stateListeners = new Set<(state: Connection) => void>();

/** Every message, plus `reconnected` after a gap (anything may have been missed: refetch). */
export function subscribe(listener: (message: RealtimeMessage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onConnectionChange(listener: (state: Connection) => void): () => void {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}

// Connect on sign-in and on every refresh; disconnect on sign-out.
onAccessToken((token) => {
  if (token) connect(token);
  else disconnect();
});

function setState(next: Connection): void {
  state = next;
  for (const listener of stateListeners) listener(next);
}

function connect(token: string): void {
  clearTimeout(retryTimer);
  const replacing = socket?.readyState === WebSocket.OPEN || state === 'live';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const next = new WebSocket(`${scheme}://${location.host}/ws/notifications?token=${encodeURIComponent(token)}`);
  socket = next;
  sockets.add(next);
  if (!replacing) setState('connecting');
  next.onopen = () => {
    if (socket !== next) return next.close(1000, 'replaced');
    // Older sockets stay open until this one is, so nothing published in between is lost.
    for (const other of sockets) if (other !== next) other.close(1000, 'replaced');
    const wasGap = everOpened && state !== 'live';
    everOpened = true;
    attempts = 0;
    setState('live');
    if (wasGap) emit({ type: 'reconnected' });
  };
  next.onmessage = (event) => {
    let message: Notification;
    try {
      message = JSON.parse(String(event.data)) as Notification;
    } catch {
      return;
    }
    emit(message);
  };
  next.onclose = (event) => {
    sockets.delete(next);
    if (socket !== next) return; // replaced, or signed out
    socket = null;
    setState('offline');
    if (event.code === CLOSE_UNAUTHORIZED) {
      // A new token reconnects through onAccessToken; if the refresh fails for a network reason, retry later.
      void refreshTokens().then((ok) => !ok && accessToken() && retryLater());
    } else {
      retryLater();
    }
  };
}

function retryLater(): void {
  clearTimeout(retryTimer);
  const delay = Math.min(30_000, 1000 * 2 ** attempts++) * (0.75 + Math.random() / 2);
  retryTimer = setTimeout(() => {
    const token = accessToken();
    if (token) connect(token);
  }, delay);
}

function disconnect(): void {
  clearTimeout(retryTimer);
  socket = null;
  everOpened = false;
  attempts = 0;
  for (const open of sockets) open.close(1000, 'signed out');
  setState('offline');
}

function emit(message: RealtimeMessage): void {
  for (const listener of listeners) listener(message);
}
