// Completes the document @nestjs/swagger builds from the decorators with what the routes' metadata
// implies, so every route (new ones included) documents the answers it really gives:
//   not @Public()            → security bearer, 401
//   @Public()                → `security: []`
//   @Roles(...)              → 403
//   path parameters          → 404 (ids are integers 1..2147483647)
//   a body                   → 400, 413, 415;  query parameters → 400
//   If-Match header          → 412
//   @Idempotent()            → 409 IDEMPOTENCY_IN_PROGRESS, 422 IDEMPOTENCY_KEY_REUSED, `Idempotent-Replayed`
//   under /api/v1            → 429 with Retry-After, RateLimit-* headers on every answer, 503
//   @ApiErrors(...codes)     → what only the service knows (409 VERSION_CONFLICT, 422 UNPROCESSABLE, ...)
//   @ApiBodyExample(body)    → the request body Swagger UI pre-fills
// and X-Request-Id on every answer, class-validator's limits and enums in the schemas, an
// operation description, tag descriptions and the servers.
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { ErrorCode, HTTP_STATUS_OF } from '../common/errors/error-code';
import { MAX_ERROR_DETAILS } from '../common/errors/error-details';
import { RouteFacts, operationKey } from './route-facts';
import { constrainProperty, constrainSchemas, queryConstraints } from './validator-constraints';

type Schema = SchemaObject & { $ref?: string };

const MAX_ID = 2_147_483_647;
const RATE_LIMITED_PREFIX = '/api/v1/';
/** Routes that answer 503 UNAVAILABLE while Postgres is away (everything that reads it). */
const NEEDS_DATABASE = /^\/api\/(v1\/|health$)/;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: 'Accounts and tokens: register, log in, refresh, log out, password reset, email verification.',
  users: 'People and their roles (`user` = requester, `agent`, `admin`).',
  tickets: 'Tickets: the desk’s unit of work, with status, priority, SLA due dates and a timeline.',
  comments: 'Replies and internal notes on a ticket.',
  attachments: 'Files on tickets and comments: upload (multipart), list, download, delete.',
  categories: 'Ticket categories and their auto-assignment.',
  tags: 'Tags in use, most used first.',
  'sla-policies': 'Response and resolution targets per priority.',
  'business-hours': 'The desk’s week and holidays, for SLA targets counted in business hours.',
  templates: 'Response templates with `{name}` placeholders.',
  filters: 'Saved ticket-list filters.',
  reports: 'Counts and time series over tickets.',
  automations: 'Rules the worker applies to matching tickets every sweep (admin).',
  'audit-log': 'Admin and security actions: logins, role changes, configuration edits (admin).',
  webhooks: 'Outgoing event notifications signed per Standard Webhooks (admin).',
  email: 'The email channel’s HTTP ingest.',
  ops: 'Operations: health, build information, the static descriptor. Never rate limited.',
};

const STATUS_MEANING: Record<number, string> = {
  400: 'The request is malformed: bad JSON, wrong types, unknown fields, out-of-range values, or a query string over the bounds (`details` names the fields)',
  401: 'No valid access token (missing, malformed, expired, or its login session ended)',
  403: 'Authenticated, but your role or relation to the resource may not do this',
  404: 'No such resource, or one you may not see',
  409: 'Conflicts with the current state',
  412: '`If-Match` does not match the current ETag',
  413: 'The body is over the limit (1 MB of JSON; files over the attachment limit)',
  415: 'The body is not of a media type this route takes',
  416: 'The Range cannot be satisfied',
  422: 'Well-formed but impossible (`details` names what)',
  429: 'Rate limit exceeded: retry after `Retry-After` seconds',
  503: 'A dependency (Postgres) is unavailable: retry after `Retry-After` seconds',
};

const SUCCESS_MEANING: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
  '206': 'Partial content',
  '304': 'Not modified',
};

const ref = (kind: 'schemas' | 'headers', name: string): ReferenceObject => ({ $ref: `#/components/${kind}/${name}` });

function errorSchema(code: Schema, details: Schema): Schema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details', 'request_id'],
        properties: {
          code,
          message: { type: 'string', description: 'for people, not for programs (it may change)' },
          details,
          request_id: { type: 'string', description: 'the `X-Request-Id` of the answer' },
        },
      },
    },
  };
}

const COMPONENT_SCHEMAS: Record<string, Schema> = {
  Error: {
    ...errorSchema(
      {
        type: 'string',
        // VERSION_CONFLICT comes only as VersionConflictError, so a client narrowing on `code` gets its
        // typed `details.current_version`.
        enum: Object.values(ErrorCode).filter((code) => code !== ErrorCode.VERSION_CONFLICT),
        description: 'stable; see the table in the API description (`VERSION_CONFLICT`: VersionConflictError)',
      },
      {
        type: 'object',
        additionalProperties: true,
        description:
          `what went wrong where, e.g. \`{"title": ["must not be empty"]}\`; at most ${MAX_ERROR_DETAILS} entries ` +
          'besides `_truncated` (how many more)',
      },
    ),
    description: 'Every error has this shape and nothing else.',
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'title must be shorter than or equal to 200 characters',
        details: { title: ['must be shorter than or equal to 200 characters'] },
        request_id: '7b0a5f0e-3c1d-4e7a-9d52-0c6f1b2a9e41',
      },
    },
  },
  VersionConflictError: {
    ...errorSchema(
      { type: 'string', enum: [ErrorCode.VERSION_CONFLICT] },
      {
        type: 'object',
        required: ['current_version'],
        properties: {
          current_version: { type: 'integer', minimum: 1, description: 'the version to reload and retry from' },
        },
      },
    ),
    description: 'A stale `version`: reload the resource and retry from `details.current_version`.',
    example: {
      error: {
        code: 'VERSION_CONFLICT',
        message: 'The ticket was changed by someone else; reload it',
        details: { current_version: 4 },
        request_id: '7b0a5f0e-3c1d-4e7a-9d52-0c6f1b2a9e41',
      },
    },
  },
};

const integerHeader = (description: string) => ({ description, required: true, schema: { type: 'integer' } });
const COMPONENT_HEADERS = {
  'X-Request-Id': {
    description: 'The request’s id (yours, if you sent one), also in logs and error bodies',
    required: true,
    schema: { type: 'string' },
  },
  'RateLimit-Limit': integerHeader('Requests allowed per minute to your budget (per user; per IP when anonymous)'),
  'RateLimit-Remaining': integerHeader('Requests left in the current window'),
  'RateLimit-Reset': integerHeader('Seconds until the window resets'),
  'Retry-After': integerHeader('Seconds to wait before retrying'),
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    required: false,
    schema: { type: 'string', enum: ['true'] },
  },
};

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/** OpenAPI 3.0 ignores a `$ref`'s siblings: `{$ref, nullable}` becomes `{allOf: [{$ref}], nullable}`. */
function wrapReferenceSiblings(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(wrapReferenceSiblings);
  if (typeof node !== 'object' || node === null) return;
  const object = node as Record<string, unknown>;
  if (typeof object.$ref === 'string' && Object.keys(object).length > 1) {
    const target = object.$ref;
    delete object.$ref;
    object.allOf = [{ $ref: target }];
  }
  // OpenAPI 3.0 allows `nullable` only beside a `type`.
  if (Array.isArray(object.allOf) && object.nullable === true) object.type ??= 'object';
  Object.values(object).forEach(wrapReferenceSiblings);
}

function parametersOf(operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).filter((p): p is ParameterObject => !isReference(p));
}

/** @Idempotent(), or a route that reads the Idempotency-Key header itself (uploads). */
function isIdempotent(operation: OperationObject, facts: RouteFacts): boolean {
  return (
    facts.idempotent ||
    parametersOf(operation).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')
  );
}

function successHeaders(path: string, operation: OperationObject, facts: RouteFacts): Record<string, ReferenceObject> {
  return {
    'X-Request-Id': ref('headers', 'X-Request-Id'),
    ...(path.startsWith(RATE_LIMITED_PREFIX) ? rateLimitHeaders() : {}),
    ...(isIdempotent(operation, facts) ? { 'Idempotent-Replayed': ref('headers', 'Idempotent-Replayed') } : {}),
  };
}

function rateLimitHeaders(): Record<string, ReferenceObject> {
  return {
    'RateLimit-Limit': ref('headers', 'RateLimit-Limit'),
    'RateLimit-Remaining': ref('headers', 'RateLimit-Remaining'),
    'RateLimit-Reset': ref('headers', 'RateLimit-Reset'),
  };
}

/** The error codes an operation can answer, from its shape and its route's metadata. */
function errorCodesOf(path: string, operation: OperationObject, facts: RouteFacts): Set<ErrorCode> {
  const parameters = parametersOf(operation);
  // Every route checks its query string (size, depth, NUL characters) before anything else: 400.
  const codes = new Set<ErrorCode>([ErrorCode.VALIDATION_FAILED, ...facts.errors]);
  if (operation.requestBody) codes.add(ErrorCode.PAYLOAD_TOO_LARGE).add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  if (!facts.isPublic) codes.add(ErrorCode.UNAUTHENTICATED);
  if (facts.roles.length) codes.add(ErrorCode.FORBIDDEN);
  if (parameters.some((p) => p.in === 'path')) codes.add(ErrorCode.NOT_FOUND);
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) {
    codes.add(ErrorCode.PRECONDITION_FAILED);
  }
  if (isIdempotent(operation, facts)) {
    codes.add(ErrorCode.IDEMPOTENCY_IN_PROGRESS).add(ErrorCode.IDEMPOTENCY_KEY_REUSED);
  }
  if (path.startsWith(RATE_LIMITED_PREFIX)) codes.add(ErrorCode.RATE_LIMIT);
  if (NEEDS_DATABASE.test(path)) codes.add(ErrorCode.UNAVAILABLE);
  return codes;
}

function errorSchemaOf(codes: ErrorCode[]): ReferenceObject | SchemaObject {
  if (!codes.includes(ErrorCode.VERSION_CONFLICT)) return ref('schemas', 'Error');
  if (codes.length === 1) return ref('schemas', 'VersionConflictError');
  return { oneOf: [ref('schemas', 'VersionConflictError'), ref('schemas', 'Error')] };
}

/** `[VERSION_CONFLICT]` → `VersionConflict`; `[IDEMPOTENCY_KEY_REUSED, UNPROCESSABLE]` → `IdempotencyKeyReusedOrUnprocessable`. */
function responseName(codes: ErrorCode[], rateLimited: boolean): string {
  const pascal = (code: string) =>
    code
      .toLowerCase()
      .split('_')
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join('');
  return `${rateLimited ? '' : 'Ops'}${[...codes].sort().map(pascal).join('Or')}`;
}

/**
 * Adds the operation's error responses: a shared one from components/responses (`NotFound`,
 * `VersionConflict`, ...) unless the route documented that status with its own description.
 */
function addErrorResponses(
  path: string,
  operation: OperationObject,
  facts: RouteFacts,
  shared: Record<string, ResponseObject>,
): void {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(path, operation, facts)) {
    const status = HTTP_STATUS_OF[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const rateLimited = path.startsWith(RATE_LIMITED_PREFIX);
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const existing = responses[String(status)];
    const custom = existing && !isReference(existing) ? existing.description : undefined;
    const list = [...codes]
      .sort()
      .map((code) => `\`${code}\``)
      .join(', ');
    const response: ResponseObject = {
      description: `${list}: ${custom ?? STATUS_MEANING[status]}`,
      headers: {
        'X-Request-Id': ref('headers', 'X-Request-Id'),
        ...(rateLimited ? rateLimitHeaders() : {}),
        ...(status === 429 || status === 503 ? { 'Retry-After': ref('headers', 'Retry-After') } : {}),
      },
      content: { 'application/json': { schema: errorSchemaOf(codes) } },
    };
    if (custom) {
      responses[String(status)] = response;
      continue;
    }
    const name = responseName(codes, rateLimited);
    shared[name] = response;
    responses[String(status)] = { $ref: `#/components/responses/${name}` };
  }
}

function describeAccess(facts: RouteFacts): string {
  const who = facts.isPublic
    ? 'Public: no access token needed.'
    : facts.roles.length
      ? `Roles: ${facts.roles.join(', ')}.`
      : 'Any signed-in user.';
  return who;
}

function completeParameters(operation: OperationObject, facts: RouteFacts): void {
  const query = facts.query ? queryConstraints(facts.query) : undefined;
  for (const parameter of operation.parameters ?? []) {
    if (isReference(parameter)) continue;
    const schema = (parameter.schema ?? {}) as Schema;
    if (parameter.in === 'path' && (schema.type === 'number' || schema.type === 'integer')) {
      parameter.schema = { type: 'integer', minimum: 1, maximum: MAX_ID };
    }
    if (parameter.in === 'query') {
      const constraints = query?.get(parameter.name);
      if (constraints) constrainProperty(schema, constraints);
      // Comma lists (`?status=open,pending`); a repeated parameter is accepted too.
      if (schema.type === 'array') {
        parameter.style = 'form';
        parameter.explode = false;
        // @nestjs/swagger 12.1 copies a parameter's example into its array schema, where the
        // comma-list string is not a valid array: keep it on the parameter, as an array.
        if (typeof schema.example === 'string') {
          parameter.example ??= schema.example.split(',');
          delete schema.example;
        }
      }
    }
  }
}

export interface DocumentCompletion {
  facts: Map<string, RouteFacts>;
  servers: Array<{ url: string; description: string }>;
}

export function completeDocument(doc: OpenAPIObject, { facts, servers }: DocumentCompletion): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, ...COMPONENT_SCHEMAS };
  doc.components.headers = { ...doc.components.headers, ...COMPONENT_HEADERS };
  constrainSchemas(
    doc.components.schemas as Record<string, Schema>,
    [...facts.values()].flatMap((route) => (route.body ? [route.body] : [])),
  );
  const usedTags = new Set<string>();
  const sharedResponses: Record<string, ResponseObject> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = facts.get(operationKey(method, path));
      if (!route) throw new Error(`OpenAPI: no controller route behind ${method.toUpperCase()} ${path}`);
      operation.security = route.isPublic ? [] : [{ bearer: [] }];
      completeParameters(operation, route);
      const json = isReference(operation.requestBody) ? undefined : operation.requestBody?.content['application/json'];
      if (json && route.bodyExample) json.example = route.bodyExample;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response || isReference(response) || !/^[23]/.test(status)) continue;
        response.description ||= SUCCESS_MEANING[status] ?? 'Success';
        response.headers = { ...successHeaders(path, operation, route), ...response.headers };
      }
      addErrorResponses(path, operation, route, sharedResponses);
      const access = describeAccess(route);
      operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
      operation.tags?.forEach((tag) => usedTags.add(tag));
    }
  }
  doc.tags = [...usedTags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? '' }));
  doc.components.responses = Object.fromEntries(
    Object.entries({ ...doc.components.responses, ...sharedResponses }).sort(([a], [b]) => a.localeCompare(b)),
  );
  doc.servers = servers;
  wrapReferenceSiblings(doc.paths);
  wrapReferenceSiblings(doc.components.schemas);
  return doc;
}
