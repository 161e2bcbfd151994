// Requests refused below Nest, before any hook or filter of ours runs: by the router (a path whose
// %-escapes do not decode, a path parameter longer than its limit) or by Node's HTTP parser
// (headers over 16 KB, malformed HTTP, a client too slow to send its request). Fastify would
// answer those in its own error shape; we route what we can through our pipeline and answer the
// rest in the contract's shape.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, HTTP_STATUS_OF } from '../errors/error-code';
import { ErrorBody } from '../filters/all-exceptions.filter';
import { REQUEST_ID_HEADER } from './request-id';

/** Node's default limit on the request line and headers: no path parameter can be longer. */
export const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * Fastify's `rewriteUrl`: %-escapes in the path that do not decode as UTF-8 (`%E0%A4%A`, `%zz`,
 * a lone `%`) are read as literal text (`%` → `%25`), so the router matches the request as it
 * would any other and the route answers (a path id like that is a 404). Valid paths are untouched.
 */
export function repairPercentEncoding(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!path.includes('%') || decodes(path)) return url;
  const repaired = path.replace(/(?:%[0-9a-fA-F]{2})+|%/g, (run) => (decodes(run) ? run : run.replace(/%/g, '%25')));
  return queryAt === -1 ? repaired : repaired + url.slice(queryAt);
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fastify's `frameworkErrors`, a backstop behind `repairPercentEncoding` and `MAX_PARAM_LENGTH`
 * (e.g. if Node is started with a larger header limit): the contract's error body and request id.
 * No hook runs for these requests, so of the security headers only nosniff is set here.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const notFound = error.code === 'FST_ERR_MAX_PARAM_LENGTH' || error.code === 'FST_ERR_BAD_URL';
  const code = notFound ? ErrorCode.NOT_FOUND : ErrorCode.INTERNAL;
  void reply
    .code(HTTP_STATUS_OF[code])
    .header(REQUEST_ID_HEADER, request.id)
    .header('x-content-type-options', 'nosniff')
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code,
        message: notFound ? 'Resource not found' : 'Internal server error',
        details: {},
        request_id: String(request.id),
      },
    });
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the request, so there is no request object
 * and no route; answer on the socket in the contract's shape (with a fresh request id) and close it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let code = ErrorCode.VALIDATION_FAILED;
  let message = 'Malformed HTTP request';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    code = ErrorCode.HEADERS_TOO_LARGE;
    message = 'The URL and headers exceed the 16 KB limit';
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    code = ErrorCode.REQUEST_TIMEOUT;
    message = 'The request was not received in time';
  }
  const status = HTTP_STATUS_OF[code];
  const requestId = randomUUID();
  const body: ErrorBody = { error: { code, message, details: {}, request_id: requestId } };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
