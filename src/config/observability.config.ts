import { registerAs } from '@nestjs/config';
import { ConfigError, Env, int, optionalStr, str, url } from './env';

/** A scrape token shorter than this is refused: it is the only thing between /metrics and the internet. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

export function metricsConfigFromEnv(env: Env) {
  const token = optionalStr(env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${METRICS_TOKEN_MIN_LENGTH} characters`, '[hidden]');
  }
  return {
    /** Bearer token `GET /metrics` requires; unset = the endpoint is off (404). */
    token,
    /** The worker process (dist/worker.js) serves its own /metrics on this port; unset = none. */
    workerPort: env.METRICS_PORT?.trim() ? int(env, 'METRICS_PORT', 0, 1, 65535) : undefined,
  };
}

/**
 * OpenTelemetry tracing: on only when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set. Read before anything else loads (src/tracing/).
 */
export function tracingConfigFromEnv(env: Env, defaultServiceName = 'helpdesk-api') {
  const base = url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', undefined, ['http', 'https']);
  const traces = url(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined, ['http', 'https']);
  // As the OTLP specification says: the generic endpoint gets /v1/traces appended, the signal-specific one is used as is.
  const tracesUrl = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  return {
    enabled: tracesUrl !== undefined,
    tracesUrl,
    serviceName: str(env, 'OTEL_SERVICE_NAME', defaultServiceName),
  };
}

export function observabilityConfigFromEnv(env: Env) {
  return { metrics: metricsConfigFromEnv(env), tracing: tracingConfigFromEnv(env) };
}

/** The `observability` namespace read from `env`; `observabilityConfig.KEY` injects whichever one was loaded. */
export const observabilityConfigFrom = (env: Env) => registerAs('observability', () => observabilityConfigFromEnv(env));
export const observabilityConfig = observabilityConfigFrom(process.env);
export type ObservabilityConfig = ReturnType<typeof observabilityConfigFromEnv>;
