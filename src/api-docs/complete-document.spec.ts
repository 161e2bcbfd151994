import type { OpenAPIObject } from '@nestjs/swagger';
import { ArrayMaxSize, IsEnum, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { ErrorCode } from '../common/errors/error-code';
import { UserRole } from '../common/user-role';
import { completeDocument } from './complete-document';
import { RouteFacts } from './route-facts';

enum Colour {
  RED = 'red',
  BLUE = 'blue',
}

class UpdateThingDto {
  @IsInt()
  @Min(1)
  @Max(9)
  version!: number;

  @IsString()
  @MaxLength(20)
  name!: string;

  @ArrayMaxSize(3)
  @IsEnum(Colour, { each: true })
  colours!: Colour[];
}

function documentWith(path: string, method: 'get' | 'patch', operation: Record<string, unknown>): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { [path]: { [method]: { operationId: 'op', responses: { '200': { description: '' } }, ...operation } } },
    components: {
      schemas: {
        UpdateThingDto: {
          type: 'object',
          properties: {
            version: { type: 'number' },
            name: { type: 'string' },
            colours: { type: 'array', items: { type: 'string' } },
          },
        },
        Holder: {
          type: 'object',
          properties: { ref: { $ref: '#/components/schemas/UpdateThingDto', nullable: true } },
        },
      },
    },
  };
}

const facts = (key: string, route: Partial<RouteFacts>) =>
  new Map<string, RouteFacts>([[key, { isPublic: false, roles: [], idempotent: false, errors: [], ...route }]]);

describe('completeDocument', () => {
  const path = '/api/v1/things/{id}';
  const patch = () =>
    completeDocument(
      documentWith(path, 'patch', {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'number' } },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateThingDto' } } } },
      }),
      {
        facts: facts(`patch ${path}`, {
          roles: [UserRole.ADMIN],
          errors: [ErrorCode.VERSION_CONFLICT],
          body: UpdateThingDto,
          bodyExample: { version: 1, name: 'x', colours: ['red'] },
        }),
        servers: [{ url: '/', description: 'here' }],
      },
    );

  it('derives the error responses from the route', () => {
    const doc = patch();
    const operation = doc.paths[path].patch!;
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '412', '413', '415', '429', '503'].sort(),
    );
    expect(operation.responses['409']).toEqual({ $ref: '#/components/responses/VersionConflict' });
    expect(doc.components!.responses!.VersionConflict).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/VersionConflictError' } } },
    });
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(operation.description).toBe('Roles: admin.');
    expect(operation.requestBody).toMatchObject({ content: { 'application/json': { example: { version: 1 } } } });
    expect(Object.keys(operation.responses['200'] as object)).toContain('headers');
  });

  it('copies the validators into the schemas and makes path ids integers', () => {
    const doc = patch();
    expect(doc.components!.schemas!.UpdateThingDto).toMatchObject({
      properties: {
        version: { type: 'integer', minimum: 1, maximum: 9 },
        name: { type: 'string', maxLength: 20 },
        colours: { type: 'array', maxItems: 3, items: { type: 'string', enum: ['red', 'blue'] } },
      },
    });
    expect(doc.paths[path].patch!.parameters![0]).toMatchObject({ schema: { type: 'integer', minimum: 1 } });
  });

  it('turns $ref siblings into allOf, with a type beside nullable', () => {
    const doc = patch();
    expect(doc.components!.schemas!.Holder).toEqual({
      type: 'object',
      properties: {
        ref: { allOf: [{ $ref: '#/components/schemas/UpdateThingDto' }], nullable: true, type: 'object' },
      },
    });
  });

  it('marks public routes with security: [] and leaves their 401 out', () => {
    const doc = completeDocument(documentWith('/api/health', 'get', {}), {
      facts: facts('get /api/health', { isPublic: true }),
      servers: [],
    });
    const operation = doc.paths['/api/health'].get!;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '503']);
  });

  it('refuses a documented operation without a controller route behind it', () => {
    expect(() => completeDocument(documentWith('/x', 'get', {}), { facts: new Map(), servers: [] })).toThrow(
      /no controller route behind GET \/x/,
    );
  });
});
