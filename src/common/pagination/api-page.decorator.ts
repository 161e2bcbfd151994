import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a paginated list of `model` (API.md → Conventions → Lists). */
export function ApiPage(model: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'total', 'total_capped', 'limit', 'offset', 'next_offset'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer', description: 'exact up to 10000' },
          total_capped: { type: 'boolean', description: 'true when there are more than 10000 matches' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
          next_offset: { type: 'integer', nullable: true },
        },
      },
    }),
  );
}
