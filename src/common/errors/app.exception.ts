import { ErrorCode, HTTP_STATUS_OF } from './error-code';

export type ErrorDetails = Record<string, unknown>;

/**
 * A domain error with a contract code. Services throw these; the global filter turns them into
 * the wire shape, so no service knows about HTTP.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppException';
  }

  get status(): number {
    return HTTP_STATUS_OF[this.code];
  }

  static notFound(what = 'Resource'): AppException {
    return new AppException(ErrorCode.NOT_FOUND, `${what} not found`);
  }

  static forbidden(message = 'You may not do this'): AppException {
    return new AppException(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Authentication required'): AppException {
    return new AppException(ErrorCode.UNAUTHENTICATED, message);
  }

  static unprocessable(message: string, details: ErrorDetails = {}): AppException {
    return new AppException(ErrorCode.UNPROCESSABLE, message, details);
  }

  static validation(message: string, details: ErrorDetails = {}): AppException {
    return new AppException(ErrorCode.VALIDATION_FAILED, message, details);
  }

  static conflict(message: string, details: ErrorDetails = {}): AppException {
    return new AppException(ErrorCode.CONFLICT, message, details);
  }
}
