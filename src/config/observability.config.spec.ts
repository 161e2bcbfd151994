import { ConfigError, validateEnv } from '.';
import { tracingConfigFromEnv } from './observability.config';

describe('observability configuration', () => {
  it('has metrics and tracing off by default', () => {
    expect(validateEnv({}).observability).toEqual({
      metrics: { token: undefined, workerPort: undefined },
      tracing: { enabled: false, tracesUrl: undefined, serviceName: 'helpdesk-api' },
    });
  });

  it('appends /v1/traces to the generic OTLP endpoint and takes the traces endpoint as is', () => {
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'helpdesk-worker')).toEqual({
      enabled: true,
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'helpdesk-worker',
    });
    expect(
      tracingConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
        OTEL_SERVICE_NAME: 'desk-eu',
      }),
    ).toEqual({ enabled: true, tracesUrl: 'https://traces.example/otlp', serviceName: 'desk-eu' });
  });

  it.each([
    ['METRICS_TOKEN', 'short'],
    ['METRICS_PORT', '70000'],
    ['METRICS_PORT', 'nine'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'grpc://collector:4317'],
  ])('rejects %s=%j naming the variable, never echoing a token', (name, value) => {
    let error: unknown;
    try {
      validateEnv({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    if (name === 'METRICS_TOKEN') expect((error as Error).message).not.toContain(value);
  });
});
