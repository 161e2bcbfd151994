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

export const API_BODY_EXAMPLE = 'openapi:body-example';

/**
 * A realistic request body, the one Swagger UI pre-fills: it must be a request the server accepts
 * (test/e2e/openapi-responses.e2e-spec.ts sends every operation's example).
 */
export const ApiBodyExample = (example: Record<string, unknown>) => SetMetadata(API_BODY_EXAMPLE, example);
