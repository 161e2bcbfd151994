import { SetMetadata } from '@nestjs/common';
import { ErrorCode } from '../errors/error-code';

export const API_ERRORS = 'openapi:errors';

/**
 * The error codes a route answers that its metadata does not show (what only the service knows:
 * 409 `VERSION_CONFLICT`, 422 `UNPROCESSABLE`, a 403 decided by ownership, a 401 on a public route).
 * The OpenAPI post-processor (src/openapi.ts) turns them into error responses, beside the ones it
 * derives from the route itself (guards, roles, path ids, bodies, If-Match, rate limits).
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS, codes);
