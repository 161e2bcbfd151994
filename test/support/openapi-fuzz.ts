// fast-check arbitraries for requests to the operations of an OpenAPI document: bodies, query
// strings, path parameters and headers generated from the operation's schemas, mixed with
// hostile values (huge and negative numbers, odd unicode, wrong types, prototype-pollution keys,
// very long and very deep input, malformed JSON).
import fc from 'fast-check';

export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  oneOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  /** The templated path, e.g. `/api/v1/tickets/{id}`. */
  path: string;
  operation: Operation;
}

export type Role = 'anonymous' | 'user' | 'agent' | 'admin';
export const ROLES: readonly Role[] = ['anonymous', 'user', 'agent', 'admin'];

export interface FuzzCase {
  role: Role;
  method: string;
  /** Path and query string, percent-encoded as sent. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzContext {
  /** Real ids worth hitting for a path parameter (fixtures the run may change), by parameter. */
  pathIds(op: FuzzOperation, param: string): number[];
  /** Real ids for an id-like field of bodies and query strings (`category_id`, `ids`); [] → `anyIds`. */
  fieldIds?(name: string): number[];
  /** Real ids of any kind. */
  anyIds: number[];
  /** The entries a free-form map may hold, as parameters (`filter_params` → the ticket list's query). */
  dictionaryEntries?(name: string): Parameter[] | undefined;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

// ---------------------------------------------------------------------------------------------
// Hostile building blocks

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Fields no request may set (mass assignment), plus internal column names. */
const PROTECTED_KEYS = [
  'id',
  'role',
  'version',
  'requester_id',
  'is_internal',
  'created_at',
  'updated_at',
  'deleted_at',
  'password_hash',
  'passwordHash',
  'is_active',
  'owner_id',
  'author_id',
  'email_verified_at',
];

const withoutNul = (text: string) => text.split('\u0000').join('');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** encodeURIComponent throws on lone surrogates, which no URL can carry: they become U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\r\n',
      'null',
      'undefined',
      'NaN',
      'Infinity',
      '-1',
      '0',
      '1e309',
      '0x1f',
      '１２３',
      '١٢٣',
      '💥🔥👩‍👩‍👧‍👦',
      '\u202eevil\u202c',
      '\ufeffbom',
      '\ud800 lone surrogate',
      'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗ text',
      '<script>alert(1)</script>',
      "' OR '1'='1' --",
      '"; DROP TABLE tickets; --',
      '${7*7}{{7*7}}#{7*7}',
      '%s%s%n%x',
      '../../../etc/passwd',
      '%2e%2e%2f',
      '\\',
      'me',
      'none',
      'true',
      '2024-02-30T25:61:00Z',
      '+275760-09-13T00:00:00.000Z',
      '0001-01-01T00:00:00Z',
      'open,,closed,',
      'a:* & !b | (c <-> d)',
      '"unterminated -phrase or',
      'x'.repeat(256),
      'x'.repeat(10_001),
      '😀'.repeat(5_001),
      'open,'.repeat(2_000),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(withoutNul) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    1e21,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...POLLUTION_KEYS, ...PROTECTED_KEYS, 'a.b', 'a[b]', '$where', '$gt', '', ' '),
  fc.string({ maxLength: 20 }).map(withoutNul),
);

/** An object with these entries as own properties, `__proto__` included (as JSON.parse makes it). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries);
}

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Any JSON value, leaning to the ones that break parsers, validators and ORMs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(extraKey, tie('value')), { maxLength: 4 }).map(objectOf),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        objectOf([['__proto__', { role: 'admin', isAdmin: true, polluted: 'yes' }]]),
        { constructor: { prototype: { polluted: 'yes', role: 'admin' } } },
        { prototype: { polluted: 'yes' } },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 20, max: 2_000 }), fc.boolean()).map(([d, a]) => nested(d, a)),
    },
  ),
})).value;

/**
 * Width and size (API.md, "Bounded work"): values from just inside the input bounds (1,000 keys
 * per object, 1,000 array elements, 10,000 values) to about 1 MB of JSON, the body limit. Built
 * once each and shared: they are constants, and building them is the slow part.
 */
const SIZED_KINDS = {
  'wide object': (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0])),
  'long array': (n: number) => new Array<number>(n).fill(0),
  'array of objects': (n: number) => Array.from({ length: n }, () => ({})),
  'many values': (n: number) => Array.from({ length: Math.ceil(n / 999) }, () => new Array<number>(999).fill(0)),
  'long string': (n: number) => 'x'.repeat(n * 9),
  // JSON.stringify writes each control character as a 6-byte \u escape.
  'unicode escapes': (n: number) => '\u0001'.repeat(Math.floor(n * 1.5)),
} as const;
/** Elements: inside the bounds, just past them, and as many as fit in ~0.9 MB. */
const SIZED_COUNTS = [999, 1_001, 11_000, 90_000];
const sizedCache = new Map<string, unknown>();

export const sizedValue: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.constantFrom(...(Object.keys(SIZED_KINDS) as Array<keyof typeof SIZED_KINDS>)),
    fc.constantFrom(...SIZED_COUNTS),
  )
  .map(([kind, count]) => {
    const key = `${kind}:${count}`;
    if (!sizedCache.has(key)) sizedCache.set(key, SIZED_KINDS[kind](count));
    return sizedCache.get(key);
  });

/** Bodies that are not what JSON.stringify would write. */
const rawPayload: fc.Arbitrary<string> = fc.constantFrom(
  '',
  '{',
  '{"a":1,}',
  '[',
  'null',
  'true',
  '123',
  '"text"',
  '[]',
  '{"title": 1e999, "description": -1e999}',
  '{"a": 1, "a": 2}',
  '\ufeff{}',
  '{"title":"\\ud800","description":"\\udfff"}',
  '{"body":"\\u0000"}',
  '{"__proto__": {"role": "admin", "polluted": "yes"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  'title=x&description=y',
  '\u0000',
);

const CONTENT_TYPES = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'multipart/form-data; boundary=x',
      'message/rfc822',
      'application/xml',
      'application/vnd.api+json',
      '',
    ),
  },
);

/** Path segments as sent (already %-encoded where needed). */
const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0',
      '-1',
      '-0',
      '1.5',
      '1e3',
      '0x1f',
      '+1',
      '%201',
      '1%20',
      '2147483648',
      '4294967296',
      '99999999999999999999999',
      'abc',
      'null',
      'undefined',
      'NaN',
      '%2e%2e',
      '..',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%2f..%2f',
      '%2F',
      '%00',
      '%',
      '%E0%A4%A',
      '%zz',
      '%C0%AE',
      encodeURIComponent('١٢٣'),
      encodeURIComponent('１'),
      encodeURIComponent('😀'),
      encodeURIComponent('\u202e1'),
      '__proto__',
      'constructor',
      '%5Bobject%20Object%5D',
      '1;DROP%20TABLE%20tickets',
      '%27',
      '9'.repeat(500),
      'a'.repeat(5_000),
    ),
  },
  // Never all digits: those are small ids, which may belong to the fuzzing users themselves.
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .map((text) => encode(/^\d+$/.test(text) ? `${text}x` : text)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000_000, max: 2 ** 31 - 1 }).map(String) },
);

/** Header values Node will send (visible ASCII), some of them absurd. */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom('', '*', 'W/"1-1"', '"1-1"', 'W/"999999999-1"', 'x'.repeat(256), 'x'.repeat(4_000), '%00', 'null'),
);

// ---------------------------------------------------------------------------------------------
// From the document's schemas

/**
 * `valid`: what the schemas allow, with real ids, so requests get past validation into the
 * services and the database. `hostile`: the same mixed with everything above.
 */
type Mode = 'valid' | 'hostile';

const IDENTIFIER = /^[a-z_][a-z0-9_.]{0,20}$/;

export class OperationArbitraries {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly context: FuzzContext,
  ) {}

  /** One request to `op`: half of them well-formed (by a signed-in role), half hostile (by anyone). */
  requestFor(op: FuzzOperation): fc.Arbitrary<FuzzCase> {
    return fc.oneof(this.requestIn(op, 'valid'), this.requestIn(op, 'hostile'));
  }

  /**
   * A well-formed request by a signed-in role, made wide or large: a sized value as the whole body,
   * in place of one of its fields, or (no body) a query key repeated past the array bound.
   */
  sizedRequestFor(op: FuzzOperation): fc.Arbitrary<FuzzCase> {
    const hasBody = !!op.operation.requestBody?.content?.['application/json']?.schema;
    return fc
      .tuple(this.requestIn(op, 'valid'), sizedValue, fc.nat(), fc.boolean())
      .map(([base, value, pick, whole]): FuzzCase => {
        if (!hasBody) {
          const name = op.operation.parameters?.find((p) => p.in === 'query')?.name ?? 'x';
          const repeated = Array.from({ length: 1_001 }, () => `${encode(name)}=1`).join('&');
          return { ...base, url: `${base.url}${base.url.includes('?') ? '&' : '?'}${repeated}` };
        }
        const fields = JSON.parse(base.body ?? '{}') as Record<string, unknown>;
        const keys = Object.keys(fields);
        const field = keys.length ? keys[pick % keys.length] : 'extra';
        const body = whole ? value : { ...fields, [field]: value };
        return {
          ...base,
          headers: { ...base.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
      });
  }

  private requestIn(op: FuzzOperation, mode: Mode): fc.Arbitrary<FuzzCase> {
    const params = op.operation.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const pathArb = fc
      .tuple(...pathParams.map((p) => this.pathValue(op, p, mode)))
      .map((values) => pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, values[i]), op.path));
    const headerParams = mode === 'hostile' ? params.filter((p) => p.in === 'header') : [];
    const headersArb = fc
      .tuple(...headerParams.map(() => fc.option(headerValue, { freq: 2 })))
      .map((values) =>
        Object.fromEntries(
          headerParams.flatMap((p, i) => (values[i] === null ? [] : [[p.name.toLowerCase(), values[i] as string]])),
        ),
      );
    const roles = mode === 'valid' ? ROLES.filter((role) => role !== 'anonymous') : ROLES;
    return fc
      .record({
        role: fc.constantFrom(...roles),
        path: pathArb,
        query: this.queryString(
          params.filter((p) => p.in === 'query'),
          mode,
        ),
        headers: headersArb,
        body: this.body(op, mode),
        contentType: mode === 'valid' ? fc.constant('application/json') : CONTENT_TYPES,
      })
      .map(({ role, path, query, headers, body, contentType }) => ({
        role,
        method: op.method,
        url: query ? `${path}?${query}` : path,
        headers: body === undefined ? headers : { ...headers, 'content-type': contentType },
        body,
      }));
  }

  private pathValue(op: FuzzOperation, param: Parameter, mode: Mode): fc.Arbitrary<string> {
    const schema = this.resolve(param.schema ?? {});
    const real = this.context.pathIds(op, param.name);
    const options: Array<fc.WeightedArbitrary<string>> = [];
    if (schema.enum?.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...schema.enum.map(String)) });
    if (real.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...real.map(String)) });
    if (real.length && mode === 'hostile') {
      // Other spellings of a real id (the same id, or none; never another one).
      const spellings: Array<(id: number) => string> = [
        (id) => `0${id}`,
        (id) => `+${id}`,
        (id) => `%20${id}`,
        (id) => `${id}%20`,
        (id) => `${id}e0`,
        (id) => `${id}.0`,
        (id) => `0x${id.toString(16)}`,
        (id) => `${id}/`,
      ];
      options.push({
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...real), fc.constantFrom(...spellings)).map(([id, spell]) => spell(id)),
      });
    }
    if (mode === 'hostile' || !options.length) options.push({ weight: 2, arbitrary: hostilePathSegment });
    return fc.oneof(...options);
  }

  private queryString(params: Parameter[], mode: Mode): fc.Arbitrary<string> {
    const value = (p: Parameter) => this.queryValue(p.name, this.resolve(p.schema ?? {}), mode);
    const documented = fc.tuple(
      ...params.map((p) =>
        mode === 'valid'
          ? fc.option(
              value(p).map((v) => [v]),
              { freq: params.length > 3 ? 1 : 3 },
            )
          : fc.option(
              fc.oneof(
                { weight: 4, arbitrary: value(p).map((v) => [v]) },
                { weight: 1, arbitrary: hostileString.map((v) => [v]) },
                // A repeated key: most parsers make it an array, where a string is expected.
                { weight: 1, arbitrary: fc.array(value(p), { minLength: 2, maxLength: 3 }) },
              ),
              { freq: 2 },
            ),
      ),
    );
    const extra =
      mode === 'valid'
        ? fc.constant([] as Array<[string, string]>)
        : fc.array(
            fc.tuple(
              fc.oneof(
                extraKey,
                fc.constantFrom('__proto__[role]', 'constructor[prototype][polluted]', 'a[]', 'limit[]'),
              ),
              hostileString,
            ),
            { maxLength: 2 },
          );
    const rawTail =
      mode === 'valid'
        ? fc.constant(null)
        : fc.option(fc.constantFrom('%', '%E0%A4%A', '&&', '=', '&=x', 'a=1&a', '%00=1', '#frag'), { freq: 8 });
    return fc.tuple(documented, extra, rawTail).map(([values, extras, tail]) => {
      const pairs: string[] = [];
      params.forEach((p, i) => {
        for (const v of values[i] ?? []) pairs.push(`${encode(p.name)}=${encode(v)}`);
      });
      for (const [key, v] of extras) pairs.push(`${encode(key)}=${encode(v)}`);
      if (tail) pairs.push(tail);
      return pairs.join('&');
    });
  }

  private queryValue(name: string, schema: Schema, mode: Mode): fc.Arbitrary<string> {
    if (schema.type === 'array') {
      // Comma lists (status, priority): any enum of that name in the document, in any combination.
      const values = this.enumNamed(name);
      if (values.length) return fc.subarray(values, { minLength: 1 }).map((list) => list.join(','));
      return mode === 'valid' ? fc.string({ minLength: 1, maxLength: 20 }) : hostileString;
    }
    if (name.endsWith('_id') && schema.type !== 'number') {
      // A user id, `me` or `none`.
      return fc.oneof(fc.constantFrom('me', 'none'), fc.constantFrom(...this.idsFor(name)).map(String));
    }
    return this.value(name, schema, mode).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }

  private body(op: FuzzOperation, mode: Mode): fc.Arbitrary<string | undefined> {
    const schema = op.operation.requestBody?.content?.['application/json']?.schema;
    if (mode === 'valid') {
      return schema ? this.object(this.resolve(schema), mode).map((v) => JSON.stringify(v)) : fc.constant(undefined);
    }
    const hostile = hostileValue.map((v) => JSON.stringify(v) as string | undefined);
    if (!schema) {
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: hostile },
        { weight: 1, arbitrary: rawPayload },
      );
    }
    return fc.oneof(
      { weight: 4, arbitrary: this.object(this.resolve(schema), mode).map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: hostile },
      { weight: 1, arbitrary: rawPayload },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }

  /** An object for an object schema; hostile: a hostile value here and there, required keys missing, extra keys. */
  private object(schema: Schema, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
    const properties = schema.properties ?? {};
    const model = Object.fromEntries(
      Object.entries(properties).map(([name, prop]) => [
        name,
        mode === 'valid'
          ? this.value(name, this.resolve(prop), mode)
          : fc.oneof(
              { weight: 5, arbitrary: this.value(name, this.resolve(prop), mode) },
              { weight: 1, arbitrary: hostileValue },
            ),
      ]),
    );
    const required = schema.required ?? [];
    if (mode === 'valid') return fc.record(model, { requiredKeys: required });
    const base = fc.oneof(
      { weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) },
      { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
    );
    const extras = fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Array<[string, unknown]>) },
      { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, hostileValue), { minLength: 1, maxLength: 3 }) },
    );
    return fc.tuple(base, extras).map(([record, more]) => objectOf([...Object.entries(record), ...more]));
  }

  /** A value the schema allows; hostile: also one just past its bounds. */
  private value(name: string, schema: Schema, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 4) return fc.constant(null);
    const value = this.nonNull(name, schema, mode, depth);
    return schema.nullable
      ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) })
      : value;
  }

  private nonNull(name: string, schema: Schema, mode: Mode, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    if (schema.oneOf?.length) {
      return fc.oneof(...schema.oneOf.map((s) => this.value(name, this.resolve(s), mode, depth + 1)));
    }
    if (schema.allOf?.length) return this.value(name, this.merge(schema.allOf), mode, depth + 1);
    switch (schema.type) {
      case 'string':
        return this.string(name, schema, mode);
      case 'number':
      case 'integer':
        return this.number(name, schema, mode);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const item = this.value(name, this.resolve(schema.items ?? {}), mode, depth + 1);
        const min = schema.minItems ?? 0;
        const max = Math.max(min, Math.min(schema.maxItems ?? 5, 8));
        const options: Array<fc.WeightedArbitrary<unknown>> = [
          { weight: 5, arbitrary: fc.array(item, { minLength: min, maxLength: max }) },
        ];
        if (mode === 'hostile' && schema.maxItems !== undefined) {
          const over = schema.maxItems + 1;
          options.push({ weight: 1, arbitrary: fc.array(item, { minLength: over, maxLength: over }) });
        }
        return fc.oneof(...options);
      }
      case undefined: // no type: an object or a dictionary, like type 'object'
      default:
        if (schema.properties) return this.object(schema, mode);
        return this.dictionary(name, schema, mode, depth);
    }
  }

  private string(name: string, schema: Schema, mode: Mode): fc.Arbitrary<string> {
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
    if (schema.format === 'date-time') {
      return fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    }
    if (name === 'email') {
      const valid = fc.emailAddress({ size: 'small' }).filter((email) => email.length <= 254);
      if (mode === 'valid') return valid;
      return fc.oneof(
        valid,
        fc.constantFrom(
          'a@b',
          'not-an-email',
          `${'x'.repeat(250)}@example.test`,
          'ADMIN@EXAMPLE.COM',
          ' user@example.test ',
        ),
      );
    }
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    // A visible character first, so trimming never empties a required text.
    const text = fc
      .tuple(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
        fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) - 1 }),
      )
      .map(([first, rest]) => `${first.trim() || 'x'}${rest}`.slice(0, max));
    if (mode === 'valid') return text;
    const options: Array<fc.WeightedArbitrary<string>> = [
      {
        weight: 6,
        arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, Math.min(max, 40)) }),
      },
      { weight: 2, arbitrary: text },
      { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
      { weight: 1, arbitrary: fc.constant('x'.repeat(max + 1)) },
    ];
    if (min > 0) options.push({ weight: 1, arbitrary: fc.constant(' '.repeat(min)) });
    return fc.oneof(...options).map(withoutNul);
  }

  private number(name: string, schema: Schema, mode: Mode): fc.Arbitrary<number> {
    const ids = this.idsFor(name);
    if (name.endsWith('_id') || name === 'ids') {
      if (mode === 'valid') return fc.constantFrom(...ids);
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ids) },
        { weight: 2, arbitrary: fc.integer({ min: -2, max: 2 ** 31 + 2 }) },
        { weight: 1, arbitrary: hostileNumber },
      );
    }
    if (name === 'version') return fc.integer({ min: mode === 'valid' ? 1 : 0, max: 8 });
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? 1_000;
    if (mode === 'valid') return fc.integer({ min, max });
    return fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, min + 0.5) },
      { weight: 1, arbitrary: hostileNumber },
    );
  }

  /** Free-form maps (`filter_params`, `context`): the context's keys when it knows them, any keys otherwise. */
  private dictionary(name: string, schema: Schema, mode: Mode, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const known = this.context.dictionaryEntries?.(name);
    const valueSchema =
      typeof schema.additionalProperties === 'object' ? this.resolve(schema.additionalProperties) : {};
    const validEntry: fc.Arbitrary<[string, unknown]> = known
      ? fc
          .constantFrom(...known)
          .chain((p) =>
            this.queryValue(p.name, this.resolve(p.schema ?? {}), 'valid').map((v): [string, unknown] => [p.name, v]),
          )
      : fc.tuple(fc.stringMatching(IDENTIFIER), this.value(name, valueSchema, 'valid', depth + 1));
    const maxKeys = Math.min(schema.maxProperties ?? 6, 6);
    if (mode === 'valid') {
      return fc.uniqueArray(validEntry, { maxLength: maxKeys, selector: ([key]) => key }).map(objectOf);
    }
    const hostileEntry = fc.tuple(fc.oneof(extraKey, fc.string({ maxLength: 30 }).map(withoutNul)), hostileValue);
    const entries = fc.array(fc.oneof({ weight: 3, arbitrary: validEntry }, { weight: 1, arbitrary: hostileEntry }), {
      maxLength: maxKeys,
    });
    const options: Array<fc.WeightedArbitrary<Array<[string, unknown]>>> = [{ weight: 8, arbitrary: entries }];
    if (schema.maxProperties !== undefined) {
      const over = schema.maxProperties + 1;
      options.push({
        weight: 1,
        arbitrary: fc.constant(Array.from({ length: over }, (_, i): [string, unknown] => [`k${i}`, i])),
      });
    }
    return fc.oneof(...options).map(objectOf);
  }

  private idsFor(name: string): number[] {
    const ids = this.context.fieldIds?.(name) ?? [];
    return ids.length ? ids : this.context.anyIds;
  }

  private enumNamed(name: string): string[] {
    for (const schema of Object.values(this.doc.components?.schemas ?? {})) {
      const values = schema.properties?.[name]?.enum;
      if (values?.length) return values.map(String);
    }
    return [];
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 10; hops++) {
      const target = this.doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')] ?? {};
      current = { ...target, nullable: current.nullable ?? target.nullable };
    }
    return current;
  }

  private merge(schemas: Schema[]): Schema {
    return schemas
      .map((s) => this.resolve(s))
      .reduce<Schema>(
        (all, s) => ({
          ...all,
          ...s,
          properties: { ...all.properties, ...s.properties },
          required: [...(all.required ?? []), ...(s.required ?? [])],
        }),
        {},
      );
  }
}
