import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Help desk API')
    .setDescription(
      'Tickets, comments, SLA escalation. Errors always have the shape ' +
        '`{"error": {"code", "message", "details", "request_id"}}`. Send `Authorization: Bearer <access_token>`.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Stable ids for generated clients: the handler's own name, which we choose per route.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

/** Deterministic JSON: keys sorted at every level, so the committed file only changes when the API does. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
