// class-validator is the truth about what a request may hold: its decorators' limits and enums are
// copied into the OpenAPI schemas, so the document cannot drift from the validation that runs.
import { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Schema = SchemaObject & { $ref?: string };

interface Constraint {
  name: string;
  constraints: unknown[];
  each: boolean;
}

function constraintsOf(dto: Type<unknown>): Map<string, Constraint[]> {
  const byProperty = new Map<string, Constraint[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    if (meta.type !== 'customValidation' || !meta.name) continue;
    const list = byProperty.get(meta.propertyName) ?? [];
    list.push({ name: meta.name, constraints: (meta.constraints ?? []) as unknown[], each: meta.each === true });
    byProperty.set(meta.propertyName, list);
  }
  return byProperty;
}

function enumValues(entity: unknown): unknown[] | undefined {
  if (!entity || typeof entity !== 'object') return undefined;
  // TypeScript string enums; numeric enums would also have reverse (number → name) keys.
  const values = Object.entries(entity as Record<string, unknown>)
    .filter(([key]) => Number.isNaN(Number(key)))
    .map(([, value]) => value);
  return values.length ? values : undefined;
}

/** Applies one property's validators to its schema (`each` ones to the array's items). */
export function constrainProperty(schema: Schema, constraints: Constraint[]): void {
  for (const { name, constraints: args, each } of constraints) {
    const target: Schema = each && schema.type === 'array' && schema.items ? (schema.items as Schema) : schema;
    if (target.$ref) continue;
    const [a, b] = args;
    switch (name) {
      case 'isInt':
        if (target.type === 'number' || target.type === undefined) target.type = 'integer';
        break;
      case 'min':
        if (typeof a === 'number') target.minimum = a;
        break;
      case 'max':
        if (typeof a === 'number') target.maximum = a;
        break;
      case 'minLength':
        if (typeof a === 'number') target.minLength = a;
        break;
      case 'maxLength':
        if (typeof a === 'number') target.maxLength = a;
        break;
      case 'isLength':
        if (typeof a === 'number') target.minLength = a;
        if (typeof b === 'number') target.maxLength = b;
        break;
      case 'arrayMinSize':
        if (typeof a === 'number') target.minItems = a;
        break;
      case 'arrayMaxSize':
        if (typeof a === 'number') target.maxItems = a;
        break;
      case 'isEnum': {
        const values = enumValues(a);
        if (values) target.enum = values;
        break;
      }
      case 'isIn':
        if (Array.isArray(a)) target.enum = [...(a as unknown[])];
        break;
      case 'matches':
        if (a instanceof RegExp && !a.flags.replace('u', '')) target.pattern = a.source;
        else if (typeof a === 'string' && !b) target.pattern = a;
        break;
      case 'isEmail':
        target.format = 'email';
        break;
      case 'isHexColor':
        target.pattern ??= '^#[0-9a-fA-F]{6}$';
        break;
    }
  }
}

/** The DTO classes its properties point at (`@ApiProperty({ type: () => Nested })`), for the walk. */
function nestedTypes(dto: Type<unknown>): Array<Type<unknown>> {
  const prototype = dto.prototype as object;
  const names = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ?? []) as string[];
  const found: Array<Type<unknown>> = [];
  for (const name of names) {
    const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name.replace(/^:/, '')) as
      { type?: unknown } | undefined;
    let type = meta?.type;
    // A thunk (`type: () => Nested`) is a function without a prototype of its own making.
    if (typeof type === 'function' && !/^class\s/.test(Function.prototype.toString.call(type))) {
      try {
        type = (type as () => unknown)();
      } catch {
        continue;
      }
    }
    if (Array.isArray(type)) type = type[0];
    if (
      typeof type === 'function' &&
      (type as Type<unknown>).prototype &&
      ![String, Number, Boolean, Date, Object].includes(type as never)
    ) {
      found.push(type as Type<unknown>);
    }
  }
  return found;
}

/** Applies the validators of `dtos` and of every DTO they nest to the document's component schemas. */
export function constrainSchemas(schemas: Record<string, Schema>, dtos: Iterable<Type<unknown>>): void {
  const seen = new Set<Type<unknown>>();
  const queue = [...dtos];
  while (queue.length) {
    const dto = queue.pop()!;
    if (seen.has(dto)) continue;
    seen.add(dto);
    queue.push(...nestedTypes(dto));
    const schema = schemas[dto.name];
    if (!schema?.properties) continue;
    for (const [property, constraints] of constraintsOf(dto)) {
      const propertySchema = schema.properties[property] as Schema | undefined;
      if (propertySchema) constrainProperty(propertySchema, constraints);
    }
  }
}

/** The validators of a query DTO's properties, by property name (for the operation's parameters). */
export function queryConstraints(dto: Type<unknown>): Map<string, Constraint[]> {
  return constraintsOf(dto);
}
