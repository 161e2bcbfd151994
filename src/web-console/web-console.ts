// Serves the web console (the Vite build of console/, in dist/console) at /app, from this process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECT_ROOT } from '../common/paths';

export const WEB_CONSOLE_ROUTE = '/app';
/** Where `npm run build` puts the console (`vite build --config console/vite.config.mts`). */
export const WEB_CONSOLE_DIR = join(PROJECT_ROOT, 'dist/console');

/**
 * `/app` redirects to `/app/` (index.html); the console routes with the URL hash, so no other path
 * needs a fallback to index.html. Built asset names carry a content hash: cached for a year;
 * index.html is revalidated on every load, so a deploy is picked up at once.
 */
export async function serveWebConsole(app: NestFastifyApplication): Promise<void> {
  if (!existsSync(join(WEB_CONSOLE_DIR, 'index.html'))) {
    // `nest start --watch` alone does not build it; the API works without it.
    new Logger('WebConsole').warn(`${WEB_CONSOLE_DIR} is not built (npm run build): ${WEB_CONSOLE_ROUTE} answers 404`);
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_CONSOLE_DIR,
    prefix: WEB_CONSOLE_ROUTE,
    redirect: true, // /app → /app/
    // Swagger UI registers @fastify/static too; only one may decorate the reply.
    decorateReply: false,
    cacheControl: false,
    dotfiles: 'ignore',
    // The build writes .br and .gz beside each file (console/vite.config.mts).
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
