// Where a ticket or comment written over HTTP came from: the console says so with a header, any
// other client is `api`. Informational (shown as `source`), so a client may claim either.
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MessageSource } from '../ticket-enums';

/** The header the console sends with every request. */
export const CLIENT_HEADER = 'x-helpdesk-client';
export const CONSOLE_CLIENT = 'console';

export function sourceOf(request: Pick<FastifyRequest, 'headers'>): MessageSource {
  return request.headers[CLIENT_HEADER] === CONSOLE_CLIENT ? MessageSource.WEB : MessageSource.API;
}

/** The request's MessageSource: `web` from the console, `api` from anything else. */
export const RequestSource = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  sourceOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
