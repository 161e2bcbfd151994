// Which routes read multipart bodies. @fastify/multipart registers its parser for every route; a
// route opts in with @AcceptsMultipart(), and app.factory answers 415 to the others.
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

const MULTIPART = 'acceptsMultipart';

/** Marks a handler that reads its own parts (`request.parts()`). */
export const AcceptsMultipart = () => RouteConfig({ [MULTIPART]: true });

export function acceptsMultipart(request: FastifyRequest): boolean {
  return (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[MULTIPART] === true;
}
