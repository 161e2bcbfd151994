// The body parsers for JSON and form bodies, which measure a body's shape on its bytes (input-bounds.ts)
// before parsing it, so a 1 MB body of 110k keys or 500k brackets costs a scan of a few
// milliseconds instead of ~100 ms of parsing (and then seconds of class-transformer).
import { parse as parseForm } from 'node:querystring';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception';
import {
  exceededBoundOfFormText,
  exceededBoundOfJsonTextAt,
  INPUT_BOUNDS,
  inputBoundMessage,
  InputBound,
} from './input-bounds';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Registers both parsers in place of Nest's defaults (which are the same, without the bounds):
 * JSON through Fastify's own parser (prototype-poisoning keys refused), forms through
 * node:querystring (what fast-querystring imitates) with `__proto__` refused as Nest does.
 */
export function registerBoundedBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  const refuse = (bound: InputBound, path = '') => {
    const message = inputBoundMessage('Request body', bound);
    // The field too long or too wide is named like a DTO's error would name it.
    return AppException.validation(message, path ? { [path]: [message.replace(/^Request body has /, 'is ')] } : {});
  };

  app.useBodyParser('application/json', { bodyLimit }, (request: FastifyRequest, body: Buffer, done: Done) => {
    const exceeded = exceededBoundOfJsonTextAt(body);
    if (exceeded) return done(refuse(exceeded.bound, exceeded.path));
    // Fastify's parser takes a Buffer as well (secure-json-parse decodes it), as Nest's default relies on.
    return parseJson(request, body as unknown as string, done);
  });

  app.useBodyParser(
    'application/x-www-form-urlencoded',
    { bodyLimit },
    (_request: FastifyRequest, body: Buffer, done: Done) => {
      const bound = exceededBoundOfFormText(body);
      if (bound) return done(refuse(bound));
      const parsed = parseForm(body.toString('utf8'), '&', '=', { maxKeys: INPUT_BOUNDS.formPairs });
      if (Object.hasOwn(parsed, '__proto__')) {
        return done(AppException.validation('Object contains forbidden prototype property'));
      }
      return done(null, parsed);
    },
  );
}
