// Builds the HTTP application. main.ts and the e2e tests both use createApp(), so the tested app is the shipped app.
import type { IncomingMessage } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { protectQueueBoard, QUEUE_BOARD_ROUTE } from './admin/queue-board-auth';
import { AppModule } from './app.module';
import { multipartLimits } from './attachments/attachment-upload.service';
import { AppException } from './common/errors/app.exception';
import { ErrorCode } from './common/errors/error-code';
import { acceptsMultipart } from './common/http/multipart-routes';
import { registerBoundedBodyParsers } from './common/http/bounded-body-parsers';
import { exceededBoundOfValue, inputBoundMessage } from './common/http/input-bounds';
import { drainRequestBody } from './common/http/request-drain';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGES } from './common/http/unstorable-text';
import { generateRequestId, REQUEST_ID_HEADER } from './common/http/request-id';
import {
  answerClientError,
  answerFrameworkError,
  MAX_PARAM_LENGTH,
  repairPercentEncoding,
} from './common/http/framework-errors';
import { enableConfiguredCors, registerSecurityHeaders } from './common/http/security-headers';
import { appConfig, Env, storageConfig, validateEnv, ValidatedEnv } from './config';
import { envFromProcess } from './config/process-env';
import { Metrics } from './metrics/metrics';
import { NotificationsWsAdapter } from './notifications/notifications-ws-adapter';
import { buildOpenApiDocument } from './openapi';
import { PACKAGE_VERSION } from './common/package-info';
import { RateLimiter } from './rate-limit/rate-limiter';
import { preflight } from './preflight';
import { isShuttingDown } from './shutdown';
import { activeTracing } from './tracing/tracing-state';
import { RFC822 } from './email/inbound/inbound-email.controller';
import { serveWebConsole, WEB_CONSOLE_ROUTE } from './web-console/web-console';

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
    // Undecodable %-escapes and overlong path ids reach our routes (and become 404s there) instead
    // of the router's own error bodies.
    rewriteUrl: (request: IncomingMessage) => repairPercentEncoding(request.url ?? '/'),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    // Requests Node's parser refuses (headers over 16 KB, malformed HTTP): the contract's error body too.
    clientErrorHandler: answerClientError,
    // Nest's router is the one users see; keep Fastify's built-in logger off (we log via pino ourselves).
    logger: false,
  });
}

/** A multipart request answered with an error before its body was read to the end. */
function isRefusedUpload(request: FastifyRequest, reply: FastifyReply): boolean {
  return reply.statusCode >= 400 && !request.raw.readableEnded && request.isMultipart();
}

export interface CreateAppOptions {
  /** Overrides WORKER_IN_PROCESS; tests turn workers on only where they need them. */
  workers?: boolean;
  /** The variables to configure the app from; the process environment unless given (tests hand in their own). */
  env?: Env;
}

/** Validates the environment, then builds and configures the app. Throws ConfigError or StartupError. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const variables = options.env ?? envFromProcess();
  const env = validateEnv(variables);
  await preflight(env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ workers: options.workers ?? env.worker.inProcess, env: variables }),
    createFastifyAdapter(env),
    // Nest's own logger stays off until ours is installed, so a failed start prints only our one line.
    { logger: false, abortOnError: false },
  );
  await configureApp(app);
  return app;
}

export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const logger = app.get(Logger);
  app.useLogger(logger);
  // First, so every answer carries the headers, even those sent from the hooks added below.
  await registerSecurityHeaders(app, ['/docs', QUEUE_BOARD_ROUTE], [WEB_CONSOLE_ROUTE]);
  enableConfiguredCors(app, app.get<ConfigType<typeof appConfig>>(appConfig.KEY).corsOrigins);
  // WebSockets (/ws/notifications) on the same server: upgrades bypass Fastify's hooks, so the
  // access log below never sees their URLs (which may carry ?token=).
  app.useWebSocketAdapter(new NotificationsWsAdapter(app));
  const fastify = app.getHttpAdapter().getInstance();
  registerBoundedBodyParsers(app, BODY_LIMIT_BYTES);
  // Raw emails (POST /inbound/email) are not parsed here either: the route streams them to a spool file.
  fastify.addContentTypeParser(RFC822, (_request: FastifyRequest, _payload: unknown, done: (error: null) => void) =>
    done(null),
  );
  // Multipart bodies are not parsed here: an upload route reads its parts as a stream (request.parts()).
  const storage = app.get<ConfigType<typeof storageConfig>>(storageConfig.KEY);
  await app.register(fastifyMultipart as never, {
    limits: multipartLimits(storage.maxBytes),
    throwFileSizeLimit: true,
  });

  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // A keep-alive connection would hold the server open past the shutdown deadline.
    if (isShuttingDown()) reply.header('connection', 'close');
    if (reply.statusCode !== 413 && !isRefusedUpload(request, reply)) return done(null, payload);
    // A body over the limit, or an upload refused before it was read: read the rest of it (bounded)
    // before the answer goes out, so clients that only read after writing (Node's http) get it
    // instead of a reset connection. (Never rejects; every other answer goes out without waiting.)
    reply.header('connection', 'close');
    void drainRequestBody(request.raw).then(() => done(null, payload));
  });
  // With tracing on, the server span is named after the matched route (not added at all otherwise).
  const tracing = activeTracing();
  if (tracing) {
    fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      tracing.nameServerSpan(request.method, request.routeOptions?.url);
      done();
    });
  }
  // Rate limits before the body is read: a refused request costs one Redis round trip, no parsing.
  const limiter = app.get(RateLimiter);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const decision = await limiter.decide({
      method: request.method,
      route: request.routeOptions?.url,
      ip: request.ip,
      headers: request.headers,
    });
    reply.headers(decision.headers);
    if (decision.refusal) throw decision.refusal;
  });
  // JSON and form bodies were measured before parsing (bounded-body-parsers.ts); this bounds the
  // query string, and any body a parser of another kind produced, before the pipe sees them.
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    // The multipart parser is global, but only routes marked @AcceptsMultipart() read parts: to
    // every other route a multipart body would look like no body at all.
    if (request.isMultipart() && !acceptsMultipart(request)) {
      return done(new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'This route takes a JSON body'));
    }
    const bodyBound = exceededBoundOfValue(request.body);
    const queryBound = exceededBoundOfValue(request.query);
    if (bodyBound) {
      done(AppException.validation(inputBoundMessage('Request body', bodyBound)));
    } else if (queryBound) {
      done(AppException.validation(inputBoundMessage('Query string', queryBound)));
    } else {
      const problem = findUnstorableText(request.body) ?? findUnstorableText(request.query);
      done(problem ? AppException.validation(UNSTORABLE_TEXT_MESSAGES[problem]) : undefined);
    }
  });
  // One structured line per request: never bodies, headers or query strings (they may hold tokens).
  // And one histogram observation (in memory), labelled by the route template.
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const user = (request as FastifyRequest & { user?: { id?: number } }).user;
    metrics.observeRequest(request.method, request.routeOptions?.url, reply.statusCode, reply.elapsedTime);
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
  await serveWebConsole(app);

  const document = buildOpenApiDocument(app, PACKAGE_VERSION);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
