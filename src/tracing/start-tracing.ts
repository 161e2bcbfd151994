// Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set.
// Must run before http, pg, ioredis, undici and pino are first loaded, so the entry points import
// ./register-api or ./register-worker before anything else. Without an endpoint nothing of
// OpenTelemetry is loaded at all.
import { ConfigError } from '../config/env';
import { tracingConfigFromEnv } from '../config/observability.config';
import { envFromProcess } from '../config/process-env';

export function startTracing(defaultServiceName: string): void {
  let config: ReturnType<typeof tracingConfigFromEnv>;
  try {
    config = tracingConfigFromEnv(envFromProcess(), defaultServiceName);
  } catch (error) {
    // This runs while the entry point is still importing, before main() and its
    // exitOnStartupError: the same one line and exit 1 as any other configuration error.
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (!config.enabled || config.tracesUrl === undefined) return;
  // Synchronous on purpose: an import() would resolve after the instrumented modules loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./otel-sdk') as typeof import('./otel-sdk');
  sdk.startOtelSdk({ serviceName: config.serviceName, tracesUrl: config.tracesUrl });
}
