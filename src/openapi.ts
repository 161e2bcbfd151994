import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Help desk API')
    .setDescription(
      'Tickets, comments, SLA escalation. Errors always have the shape ' +
        '`{"error": {"code", "message", "details", "request_id"}}`. Send `Authorization: Bearer <access_token>`; ' +
        'an access token works while its login session lives (until logout, a password change or reset, or a ' +
        'refresh-token reuse; then 401).',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Stable ids for generated clients: the handler's own name, which we choose per route.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}
