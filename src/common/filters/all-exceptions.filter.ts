// The single place where any failure becomes the contract's error body (API.md → Errors).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppException, ErrorDetails } from '../errors/app.exception';
import { DependencyUnavailableError } from '../errors/dependency-unavailable.error';
import { capErrorDetails } from '../errors/error-details';
import { codeForStatus, ErrorCode, HTTP_STATUS_OF } from '../errors/error-code';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetails; request_id: string };
}

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetails;
  headers: Record<string, string>;
}

const PG_NUMERIC_OUT_OF_RANGE = '22003';
/** Input Postgres refuses (NUL characters, impossible dates): the client's fault, so 400 — a backstop behind validation. */
const PG_BAD_INPUT = new Set(['22021', '22P05', '22007', '22008', '22P02']);
/** Node's network errors (a `syscall` and one of these codes): the service at the other end is not there. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = this.map(exception);
    // Our own coded errors (503 UNAVAILABLE while shutting down, ...) are expected; anything else 5xx is a bug to look at.
    if (mapped.status >= 500 && !(exception instanceof AppException)) {
      this.logger.error(
        { err: loggable(exception), reqId: request.id, route: request.routeOptions?.url },
        `${request.method} ${request.routeOptions?.url ?? request.url} failed with ${mapped.status}`,
      );
    }
    const body: ErrorBody = {
      error: { code: mapped.code, message: mapped.message, details: mapped.details, request_id: String(request.id) },
    };
    if (reply.sent) return;
    reply.headers(mapped.headers).status(mapped.status).type('application/json; charset=utf-8').send(body);
  }

  map(exception: unknown): Mapped {
    if (exception instanceof AppException) {
      // The pipe caps its own details; this is the backstop for any other thrower.
      const details = capErrorDetails(exception.details);
      return { ...base(exception.code, exception.message, details), headers: exception.headers };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isUnavailable(exception)) {
      return base(
        ErrorCode.UNAVAILABLE,
        'The service is temporarily unavailable; retry shortly',
        {},
        { 'Retry-After': '5' },
      );
    }
    if (exception instanceof QueryFailedError) {
      // A violated constraint is mapped by the repository that owns it; one that reaches here is a bug (500).
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === PG_NUMERIC_OUT_OF_RANGE) return base(ErrorCode.VALIDATION_FAILED, 'A number is out of range');
      if (code && PG_BAD_INPUT.has(code)) return base(ErrorCode.VALIDATION_FAILED, 'A value cannot be stored as sent');
    }
    const fastifyStatus = fastifyErrorStatus(exception);
    if (fastifyStatus !== undefined) return fromFastifyError(exception as Error, fastifyStatus);
    return base(ErrorCode.INTERNAL, 'Internal server error');
  }
}

function base(
  code: ErrorCode,
  message: string,
  details: ErrorDetails = {},
  headers: Record<string, string> = {},
): Mapped {
  return { status: HTTP_STATUS_OF[code], code, message, details, headers };
}

function fromHttpException(exception: HttpException): Mapped {
  const status = exception.getStatus();
  const code = codeForStatus(status);
  const response = exception.getResponse();
  let message = exception.message;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const inner = (response as { message: unknown }).message;
    message = Array.isArray(inner) ? inner.join('; ') : String(inner);
  }
  if (status >= 500) message = 'Internal server error';
  return { status, code, message, details: {}, headers: {} };
}

/** Fastify's own errors (bad JSON, body too large, unsupported media type) carry a 4xx `statusCode`. */
function fastifyErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function fromFastifyError(error: Error, status: number): Mapped {
  const code = codeForStatus(status);
  const fastifyCode = (error as { code?: string }).code ?? '';
  let message = error.message;
  if (status === 413) message = 'Request body is larger than the 1 MB limit';
  else if (error instanceof SyntaxError || /JSON/i.test(fastifyCode)) message = 'Request body is not valid JSON';
  else if (status === 415) message = 'Unsupported Content-Type; send application/json';
  return { status, code, message, details: {}, headers: {} };
}

/** A dependency's outage, as its own layer reported it, or a network error reaching any service. */
function isUnavailable(exception: unknown): boolean {
  let current: unknown = exception;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof DependencyUnavailableError) return true;
    const { code, syscall } = current as { code?: unknown; syscall?: unknown };
    if (typeof syscall === 'string' && typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    current =
      (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What of an error may reach the log: never a failed query's SQL or parameters (password hashes,
 * token hashes and user text travel in them), only the kind, message, code and stack.
 */
export function loggable(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception, message: String(exception) };
  const { code } = exception as { code?: unknown };
  const driverCode = (exception as { driverError?: { code?: unknown } }).driverError?.code;
  return { type: exception.name, message: exception.message, code: code ?? driverCode, stack: exception.stack };
}
