// What the controllers' metadata says about each route, for the OpenAPI post-processor: whether it
// is public, which roles it needs, which error codes it declares, and its body and query DTOs.
import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '../common/decorators/public.decorator';
import { ROLES } from '../common/decorators/roles.decorator';
import { ErrorCode } from '../common/errors/error-code';
import { UserRole } from '../common/user-role';
import { IDEMPOTENT } from '../idempotency/idempotent.decorator';
import { API_BODY_EXAMPLE, API_ERRORS } from '../common/openapi/openapi.decorators';

export interface RouteFacts {
  isPublic: boolean;
  roles: UserRole[];
  idempotent: boolean;
  errors: ErrorCode[];
  bodyExample?: Record<string, unknown>;
  body?: Type<unknown>;
  query?: Type<unknown>;
}

/** `get /api/v1/tickets/{id}`: how an OpenAPI document keys an operation. */
export const operationKey = (method: string, path: string) => `${method.toLowerCase()} ${path}`;

const METHOD_NAMES: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.HEAD]: 'head',
  [RequestMethod.OPTIONS]: 'options',
};

const first = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? '') : String(value ?? ''));

/** `api/v1/tickets` + `:id/comments` → `/api/v1/tickets/{id}/comments`. */
function joinPath(controllerPath: string, routePath: string): string {
  const joined = `/${controllerPath}/${routePath}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function argumentTypes(controller: Type<unknown>, method: string): { body?: Type<unknown>; query?: Type<unknown> } {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as Array<
    Type<unknown> | undefined
  >;
  const found: { body?: Type<unknown>; query?: Type<unknown> } = {};
  for (const [key, arg] of Object.entries(args)) {
    // Whole-object arguments only (`@Body() body`, `@Query() query`), never `@Query('x')`.
    if (arg.data !== undefined) continue;
    const kind = Number(key.split(':')[0]);
    const type = types[arg.index];
    if (!type || [Object, String, Number, Boolean].includes(type as never)) continue;
    if (kind === RouteParamtypes.BODY) found.body = type;
    if (kind === RouteParamtypes.QUERY) found.query = type;
  }
  return found;
}

/** Every controller route of the application, keyed as its OpenAPI operation. */
export function collectRouteFacts(modules: ModulesContainer): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller?.prototype) continue;
      const controllerPath = first(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const routePath = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = METHOD_NAMES[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        if (routePath === undefined || !method) continue;
        const read = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
        facts.set(operationKey(method, joinPath(controllerPath, first(routePath))), {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          roles: read<UserRole[]>(ROLES) ?? [],
          idempotent: read<boolean>(IDEMPOTENT) === true,
          errors: read<ErrorCode[]>(API_ERRORS) ?? [],
          bodyExample: read<Record<string, unknown>>(API_BODY_EXAMPLE),
          ...argumentTypes(controller, name),
        });
      }
    }
  }
  return facts;
}
