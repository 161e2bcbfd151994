// Security headers on every response (@fastify/helmet), and CORS only for the configured origins.
import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id';

type Directives = Record<string, string[]>;

/** JSON loads nothing, runs nothing and is never framed: the strictest policy fits every API response. */
const API_CSP: Directives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * The pages we serve, Swagger UI (/docs) and Bull Board (/admin/queues): their own scripts (no inline script,
 * no eval), inline styles (both use them), data: images, Bull Board's Google font, XHR to us only.
 */
const UI_CSP: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The web console (/app): a Vite build of same-origin files only (one script, one stylesheet, no
 * style attributes), so nothing inline at all, no eval, no framing, and no hash or nonce to keep.
 * `connect-src 'self'` covers its fetches and its same-host WebSocket (/ws/notifications).
 */
const CONSOLE_CSP: Directives = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; ');
}

const UI_CSP_HEADER = cspHeader(UI_CSP);
const CONSOLE_CSP_HEADER = cspHeader(CONSOLE_CSP);

function isUnder(route: string | undefined, prefixes: string[]): boolean {
  return prefixes.some((prefix) => route === prefix || (route?.startsWith(`${prefix}/`) ?? false));
}

/**
 * Registers helmet on the root instance; routes under `uiRoutes` (matched routes, not raw URLs) get
 * the page policy instead of the API one, and routes under `consoleRoutes` the console's stricter one.
 * Call it before any other `onRequest` hook is added (the queue board's guard answers 401 from one),
 * so even those early answers carry the headers.
 */
export async function registerSecurityHeaders(
  app: NestFastifyApplication,
  uiRoutes: string[],
  consoleRoutes: string[] = [],
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    frameguard: { action: 'deny' },
    // Helmet's defaults otherwise: HSTS (honoured over HTTPS only), nosniff, no-referrer,
    // same-origin COOP/CORP, X-DNS-Prefetch-Control off, X-XSS-Protection 0.
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (isUnder(request.routeOptions.url, uiRoutes)) reply.header('content-security-policy', UI_CSP_HEADER);
    else if (isUnder(request.routeOptions.url, consoleRoutes))
      reply.header('content-security-policy', CONSOLE_CSP_HEADER);
    done();
  });
}

/** CORS for browser apps on other origins; off (no CORS header at all) when the list is empty. */
export function enableConfiguredCors(app: NestFastifyApplication, origins: string[]): void {
  if (origins.length === 0) return;
  app.enableCors({
    origin: origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', REQUEST_ID_HEADER],
    exposedHeaders: [
      REQUEST_ID_HEADER,
      'ETag',
      'Idempotent-Replayed',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Retry-After',
    ],
    // Bearer tokens, not cookies: browsers never need to send credentials cross-origin.
    credentials: false,
    maxAge: 600,
  });
}
