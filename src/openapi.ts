import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeDocument } from './api-docs/complete-document';
import { collectRouteFacts } from './api-docs/route-facts';
import { PACKAGE_LICENSE } from './common/package-info';

const ERROR_TABLE = [
  '| status | code | when |',
  '|---|---|---|',
  '| 400 | `VALIDATION_FAILED` | bad JSON, wrong types, unknown fields, out-of-range query parameters |',
  '| 401 | `UNAUTHENTICATED` | no, invalid or expired token; bad credentials |',
  '| 403 | `FORBIDDEN` | authenticated, but the role may not do this |',
  '| 404 | `NOT_FOUND` | no such resource, or one the caller may not see |',
  '| 409 | `VERSION_CONFLICT` | stale `version` on update; `details.current_version` |',
  '| 409 | `IDEMPOTENCY_IN_PROGRESS` | the same Idempotency-Key is still executing |',
  '| 409 | `CONFLICT` | unique violation (email taken, category name taken) |',
  '| 412 | `PRECONDITION_FAILED` | `If-Match` does not match the current ETag |',
  '| 413 | `PAYLOAD_TOO_LARGE` | a JSON body over 1 MB, a file over the attachment limit |',
  '| 415 | `UNSUPPORTED_MEDIA_TYPE` | a body of a media type the route does not take |',
  '| 422 | `IDEMPOTENCY_KEY_REUSED` | the same Idempotency-Key with a different body |',
  '| 422 | `INVALID_TRANSITION` | a status change not allowed from the current status |',
  '| 422 | `UNPROCESSABLE` | well-formed but impossible; `details` names what |',
  '| 429 | `RATE_LIMIT` | rate limit exceeded; `Retry-After` says when to retry |',
  '| 500 | `INTERNAL` | anything else; no stack traces or SQL in the body |',
  '| 503 | `UNAVAILABLE` | Postgres unavailable (answered at once, never hanging); `Retry-After` |',
].join('\n');

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Help desk API')
    .setDescription(
      'Tickets, comments, SLA escalation. JSON bodies with snake_case fields; ids are integers; timestamps are ' +
        'ISO 8601 UTC. Send `Authorization: Bearer <access_token>`; an access token works while its login session ' +
        'lives (until logout, a password change or reset, or a refresh-token reuse; then 401).\n\n' +
        'Every answer carries `X-Request-Id`; every `/api/v1` answer carries `RateLimit-Limit`, ' +
        '`RateLimit-Remaining` and `RateLimit-Reset` (one budget per caller across `/api/v1`).\n\n' +
        'Errors always have the shape `{"error": {"code", "message", "details", "request_id"}}` (schema `Error`):\n\n' +
        ERROR_TABLE,
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Stable ids for generated clients: the handler's own name, which we choose per route.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  document.info.license = {
    name: PACKAGE_LICENSE,
    url:
      PACKAGE_LICENSE === 'UNLICENSED'
        ? 'https://docs.npmjs.com/cli/configuring-npm/package-json#license'
        : `https://spdx.org/licenses/${PACKAGE_LICENSE}.html`,
  };
  return completeDocument(document, {
    facts: collectRouteFacts(app.get(ModulesContainer)),
    // Relative: Swagger UI and generated clients talk to the server that served the document.
    servers: [{ url: '/', description: 'The server that serves this document' }],
  });
}
