// The console's only way to the server: the public API (API.md). The session — access and refresh
// token — lives in this module's memory and nowhere else (no localStorage, no cookie), so a reload
// or a new tab signs in again. The access token is refreshed before it expires and after a 401,
// one refresh at a time: presenting a refresh token twice would make the server revoke the session.
// Signing in and the session's calls go through the typed client (clients/typescript), the others
// through `api` below.
import { createHelpdeskClient, isApiErrorBody } from '@helpdesk/client';
import type { TokenPair, User } from './types';

const API = '/api/v1';
/** Names the console as the client on every request (src/common/http/request-source.ts). */
const CLIENT_HEADER = 'x-helpdesk-client';
const NETWORK_MESSAGE = 'Cannot reach the server. Check your connection and try again.';

/** Same origin (''), the console's header, no cookies, no HTTP cache: as `request` sends the others. */
const client = createHelpdeskClient('', {
  headers: { accept: 'application/json', [CLIENT_HEADER]: 'console' },
  credentials: 'omit',
  cache: 'no-store',
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface Session {
  access: string;
  refresh: string;
  user: User | null;
}

let session: Session | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const userListeners = new Set<(user: User | null, reason?: string) => void>();
const tokenListeners = new Set<(accessToken: string | null) => void>();

export const currentUser = (): User | null => session?.user ?? null;
export const accessToken = (): string | null => session?.access ?? null;

/** Called with the user on sign-in, and with null (and why, if it was not asked for) on sign-out. */
export function onUserChange(listener: (user: User | null, reason?: string) => void): () => void {
  userListeners.add(listener);
  return () => userListeners.delete(listener);
}

/** Called with every new access token (realtime reconnects with it), and null on sign-out. */
export function onAccessToken(listener: (accessToken: string | null) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export async function login(email: string, password: string): Promise<User> {
  const pair = await typed(client.POST('/api/v1/auth/login', { body: { email, password } }));
  useTokens(pair);
  try {
    const user = await authorized((token) =>
      typed(client.GET('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })),
    );
    session!.user = user;
    for (const listener of userListeners) listener(user);
    return user;
  } catch (error) {
    end();
    throw error;
  }
}

export async function logout(): Promise<void> {
  const refresh = session?.refresh;
  end();
  if (refresh)
    await typed(client.POST('/api/v1/auth/logout', { body: { refresh_token: refresh } })).catch(() => undefined);
}

/**
 * A call as the signed-in user: JSON in and out, or a FormData body sent as multipart/form-data.
 * A 401 gets one refresh and one retry; if the session cannot be refreshed (revoked, expired, user
 * deactivated) it ends and the app shows the sign-in page.
 */
export function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<T> {
  return authorized((token) => send<T>(method, path, body, { ...options, token }));
}

/**
 * The bytes at `path` as the signed-in user (attachments: the server wants the Bearer header, which
 * an <img src> or a plain link cannot send). Failures are ApiErrors, as for `api`.
 */
export function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return authorized(async (token) => {
    const response = await request('GET', path, undefined, { token, signal, accept: '*/*' });
    try {
      return await response.blob();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, 'NETWORK', 'The download was interrupted. Check your connection and try again.');
    }
  });
}

async function authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
  const token = session?.access;
  if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'You are signed out.');
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (!(await refreshTokens()) || !session) throw error;
    try {
      return await call(session.access);
    } catch (retryError) {
      if (retryError instanceof ApiError && retryError.status === 401)
        end('Your session has ended. Please sign in again.');
      throw retryError;
    }
  }
}

/** Refreshes the token pair (single flight). True when the session has a fresh access token. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= rotate().finally(() => (refreshing = null));
  return refreshing;
}

async function rotate(): Promise<boolean> {
  const presented = session?.refresh;
  if (!presented) return false;
  try {
    const pair = await typed(client.POST('/api/v1/auth/refresh', { body: { refresh_token: presented } }));
    if (session?.refresh !== presented) return false; // signed out meanwhile
    useTokens(pair);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      end('Your session has ended. Please sign in again.');
    } else {
      // The server is unreachable or busy: keep the session and try again soon.
      schedule(10);
    }
    return false;
  }
}

function useTokens(pair: TokenPair): void {
  session = { access: pair.access_token, refresh: pair.refresh_token, user: session?.user ?? null };
  // A minute before expiry, or halfway through a short lifetime.
  schedule(Math.max(pair.expires_in - 60, pair.expires_in / 2));
  for (const listener of tokenListeners) listener(pair.access_token);
}

function schedule(seconds: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshTokens(), seconds * 1000);
}

function end(reason?: string): void {
  const wasSignedIn = session !== null;
  session = null;
  clearTimeout(refreshTimer);
  if (!wasSignedIn) return;
  for (const listener of tokenListeners) listener(null);
  for (const listener of userListeners) listener(null, reason);
}

async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { token?: string; idempotencyKey?: string } = {},
): Promise<T> {
  const response = await request(method, path, body, options);
  if (response.status === 204) return undefined as T;
  return parseJson(await response.text()) as T;
}

/**
 * A typed client call (openapi-fetch's `{data, error, response}`) as `request` answers the others: the
 * data, or an ApiError.
 */
async function typed<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!result.response.ok) throw failure(result.response, result.error);
  // A 2xx always has `data` (the declared body), but for a 204, whose declared body is none.
  return result.data as T;
}

/** The fetch itself: a response that is not 2xx becomes an ApiError carrying the contract's error body. */
async function request(
  method: string,
  path: string,
  body: unknown,
  options: { token?: string; idempotencyKey?: string; signal?: AbortSignal; accept?: string },
): Promise<Response> {
  const multipart = body instanceof FormData;
  // The client header marks the console's writes as `source: web` (anything else is `api`).
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/json',
    [CLIENT_HEADER]: 'console',
  };
  // FormData: the browser writes the multipart content-type with its boundary.
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path.startsWith('/api/') ? path : API + path, {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (response.ok) return response;
  throw failure(response, parseJson(await response.text().catch(() => '')));
}

/** The ApiError for a response that is not 2xx, from the contract's error body when it has one. */
function failure(response: Response, body: unknown): ApiError {
  if (response.status === 429) {
    const wait = response.headers.get('retry-after');
    return new ApiError(429, 'RATE_LIMIT', `Too many requests. Try again in ${wait ?? 'a few'} seconds.`);
  }
  const error = isApiErrorBody(body) ? body.error : undefined;
  return new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? `The server answered ${response.status}.`,
    error?.details ?? {},
  );
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A key for Idempotency-Key: one per form submission, so a retried submit never creates twice. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
