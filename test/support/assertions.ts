import { ErrorCode, HTTP_STATUS_OF } from '../../src/common/errors/error-code';
import { HttpResponse } from './http-client';

/**
 * What no response may ever contain: a stack frame, SQL or a driver error, a path into
 * node_modules, or an argon2 hash.
 */
export const LEAK_PATTERN =
  /\bat .+\.(js|ts):\d+|\(node:internal|node_modules|QueryFailedError|TypeORMError|\bSELECT .+\bFROM\b|\bINSERT INTO\b|\bUPDATE \S+ SET\b|\bDELETE FROM\b|syntax error at or near|violates .{0,20}constraint|invalid input syntax|\$argon2(id|i|d)\$/;

/**
 * The contract's error body, whatever the status: exactly `{error: {code, message, details,
 * request_id}}`, a known code that matches the status, the request id of the response's header,
 * and nothing leaked.
 */
export function assertErrorShape(response: HttpResponse): void {
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json\b/);
  expect(response.body !== null && typeof response.body === 'object' && !Array.isArray(response.body)).toBe(true);
  expect(Object.keys(response.body)).toEqual(['error']);
  const { error } = response.body;
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'request_id']);
  expect(Object.values(ErrorCode)).toContain(error.code);
  expect(HTTP_STATUS_OF[error.code as ErrorCode]).toBe(response.status);
  expect(typeof error.message).toBe('string');
  expect(error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details)).toBe(true);
  expect(error.request_id).toBe(response.headers.get('x-request-id'));
  expect(response.text).not.toMatch(LEAK_PATTERN);
}

/** Asserts the status, the code and the contract's error body (see `assertErrorShape`). */
export function expectError(response: HttpResponse, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  assertErrorShape(response);
}

/** Polls until `check` returns a truthy value (no fixed sleeps in tests). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 15_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
