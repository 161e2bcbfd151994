// The OpenTelemetry SDK, loaded only when tracing is on (start-tracing.ts). Traces only, over OTLP
// (protobuf over HTTP); no OTLP metrics or logs (metrics are /metrics; logs carry trace ids instead).
import type { IncomingMessage } from 'node:http';
import { Attributes, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BullMQOtel } from 'bullmq-otel';
import { setActiveTracing } from './tracing-state';

/** Probes and scrapes, every few seconds from every orchestrator and scraper: not worth a trace. */
const UNTRACED_PATHS = /^\/(metrics|api\/health(\/live|\/ready)?)(\?|$)/;
const SHUTDOWN_TIMEOUT_MS = 3_000;

/**
 * Incoming requests: no query string in the span at all. It can hold secrets (the queue board's
 * `?token=` is an admin access token) and the route already names the request. An attribute set
 * to undefined by a start-span hook is dropped by the SDK.
 */
export function serverSpanAttributes(): Attributes {
  return { 'url.query': undefined };
}

/**
 * Outgoing fetches (webhook deliveries, mostly): only the origin, as the audit log keeps. A
 * webhook URL's path or query can be its secret.
 */
export function clientSpanAttributes(request: { origin: string }): Attributes {
  let origin: string;
  try {
    origin = new URL(request.origin).origin;
  } catch {
    origin = 'invalid';
  }
  return { 'url.full': origin, 'url.path': undefined, 'url.query': undefined };
}

export function startOtelSdk(options: { serviceName: string; tracesUrl: string }): void {
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    traceExporter: new OTLPTraceExporter({ url: options.tracesUrl }),
    // Explicitly none: the SDK would otherwise export metrics and logs over OTLP as well.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
        startIncomingSpanHook: serverSpanAttributes,
      }),
      // Only inside a trace (a request, a job): BullMQ's blocking reads and the pool's housekeeping
      // would otherwise each be a trace of their own.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation({ startSpanHook: clientSpanAttributes }),
      // trace_id and span_id in every log line written while a span is active.
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  sdk.start();
  setActiveTracing({
    bullTelemetry: new BullMQOtel(),
    nameServerSpan(method, route) {
      const span = trace.getActiveSpan();
      if (!span || route === undefined) return;
      span.setAttribute('http.route', route);
      span.updateName(`${method} ${route}`);
    },
    async shutdown() {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS)));
      await Promise.race([sdk.shutdown().catch(() => undefined), gaveUp]);
      clearTimeout(timer);
    },
  });
}
