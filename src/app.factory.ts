// Builds the HTTP application. main.ts and the e2e tests both use createApp(), so the tested app is the shipped app.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { protectQueueBoard } from './admin/queue-board-auth';
import { AppModule } from './app.module';
import { AppException } from './common/errors/app.exception';
import { containsNul } from './common/http/no-nul';
import { generateRequestId, REQUEST_ID_HEADER } from './common/http/request-id';
import { validateEnv, ValidatedEnv } from './config';
import { buildOpenApiDocument } from './openapi';
import { PACKAGE_VERSION } from './package-info';
import { preflight } from './preflight';
import { isShuttingDown } from './shutdown';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export function createFastifyAdapter(env: ValidatedEnv): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: generateRequestId,
    // Trust X-Forwarded-For only from the configured number of proxy hops in front of us.
    trustProxy: (_address: string, hop: number) => hop < env.app.trustProxyHops,
    return503OnClosing: true,
    // On close, drop idle keep-alive sockets so a stop never waits on a client's open connection.
    forceCloseConnections: 'idle',
    // Nest's router is the one users see; keep Fastify's built-in logger off (we log via pino ourselves).
    logger: false,
  });
}

export interface CreateAppOptions {
  /** Overrides WORKER_IN_PROCESS; tests turn workers on only where they need them. */
  workers?: boolean;
}

/** Validates the environment, then builds and configures the app. Throws ConfigError or StartupError. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnv();
  await preflight(env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ workers: options.workers ?? env.worker.inProcess }),
    createFastifyAdapter(env),
    // Nest's own logger stays off until ours is installed, so a failed start prints only our one line.
    { logger: false, abortOnError: false },
  );
  configureApp(app);
  return app;
}

export function configureApp(app: NestFastifyApplication): void {
  const logger = app.get(Logger);
  app.useLogger(logger);
  // WebSockets (/ws/notifications) on the same server: upgrades bypass Fastify's hooks, so the
  // access log below never sees their URLs (which may carry ?token=).
  app.useWebSocketAdapter(new WsAdapter(app));
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // A keep-alive connection would hold the server open past the shutdown deadline.
    if (isShuttingDown()) reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (containsNul(request.body) || containsNul(request.query)) {
      done(AppException.validation('Text must not contain NUL (\\u0000) characters'));
    } else {
      done();
    }
  });
  // One structured line per request: never bodies, headers or query strings (they may hold tokens).
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const user = (request as FastifyRequest & { user?: { id?: number } }).user;
    PinoLogger.root.info(
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        userId: user?.id,
      },
      'request completed',
    );
    done();
  });

  // Before the app initialises: the hook must exist when Bull Board's plugin is registered.
  protectQueueBoard(app);

  const document = buildOpenApiDocument(app, PACKAGE_VERSION);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
