// Validates real HTTP answers against openapi.json: the status must be documented for the
// operation, the body must match the documented schema (OpenAPI 3.0 `nullable` turned into JSON
// Schema for ajv), and the documented required headers must be there and well-formed.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { HttpResponse } from './http-client';

type Json = Record<string, unknown>;

export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  requestBody?: { content: Record<string, { schema?: Json; example?: unknown }> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { $ref?: string; required?: boolean; schema?: Json }>;
  content?: Record<string, { schema?: Json }>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, Json>;
    responses?: Record<string, OpenApiResponse>;
    headers?: Record<string, { required?: boolean; schema?: Json }>;
  };
}

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ROOT_ID = 'openapi.json';

/** OpenAPI 3.0 schema → JSON Schema: `nullable`, and refs into the one root schema. */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = `${ROOT_ID}${value}`;
    // `properties` and the like map names to schemas: convert the schemas, keep the names.
    else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]));
    } else out[key] = toJsonSchema(value);
  }
  if (source.nullable !== true) return out;
  if (out.allOf || out.$ref || out.oneOf || out.anyOf) {
    const { type: _type, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  return out;
}

export interface Violation {
  operation: string;
  status: number;
  problem: string;
}

export class OpenApiResponseValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** operationId → statuses seen and validated. */
  readonly seen = new Map<string, Set<number>>();
  readonly violations: Violation[] = [];

  constructor(readonly doc: OpenApiDoc) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ components: { schemas: toJsonSchema(doc.components.schemas) } }, ROOT_ID);
  }

  operations(): DocumentedOperation[] {
    return Object.entries(this.doc.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] })),
    );
  }

  find(operationId: string): DocumentedOperation {
    const found = this.operations().find((op) => op.operation.operationId === operationId);
    if (!found) throw new Error(`no operation ${operationId} in openapi.json`);
    return found;
  }

  /** The documented answer of `status`, references resolved. */
  response(operation: OpenApiOperation, status: number): OpenApiResponse | undefined {
    const found = operation.responses[String(status)];
    if (found && '$ref' in found) return this.doc.components.responses?.[found.$ref.split('/').pop()!];
    return found;
  }

  /** Checks `res` as an answer of `operationId`; records what is wrong instead of throwing. */
  check(operationId: string, res: HttpResponse): void {
    const { operation } = this.find(operationId);
    const fail = (problem: string): void => {
      this.violations.push({ operation: operationId, status: res.status, problem });
    };
    const documented = this.response(operation, res.status);
    if (!documented) return fail(`status ${res.status} is not documented (${res.text.slice(0, 200)})`);
    const statuses = this.seen.get(operationId) ?? new Set<number>();
    statuses.add(res.status);
    this.seen.set(operationId, statuses);

    for (const [name, declared] of Object.entries(documented.headers ?? {})) {
      const header = declared.$ref ? this.doc.components.headers?.[declared.$ref.split('/').pop()!] : declared;
      const value = res.headers.get(name);
      if (value === null) {
        if (header?.required) fail(`required header ${name} is missing`);
        continue;
      }
      const schema = header?.schema ?? {};
      if (schema.type === 'integer' && !/^\d+$/.test(value)) fail(`header ${name}: ${value} is not an integer`);
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail(`header ${name}: ${value} not in enum`);
    }

    const content = documented.content;
    if (!content) {
      if (res.text !== '') fail(`a body where none is documented: ${res.text.slice(0, 200)}`);
      return;
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const mediaType = content[type] ? type : content['*/*'] ? '*/*' : undefined;
    if (!mediaType) return fail(`content-type ${type} is not documented (${Object.keys(content).join(', ')})`);
    const schema = content[mediaType].schema;
    if (!schema || !type.includes('json')) return;
    const validate = this.validatorFor(`${operationId} ${res.status} ${mediaType}`, schema);
    if (!validate(res.body)) {
      fail(`body does not match: ${this.ajv.errorsText(validate.errors)} in ${res.text.slice(0, 300)}`);
    }
  }

  private validatorFor(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
