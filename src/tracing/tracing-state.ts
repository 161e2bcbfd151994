// What the rest of the app needs to know of tracing, without loading OpenTelemetry: undefined
// unless the SDK was started (OTEL_EXPORTER_OTLP_ENDPOINT set), in which case ./otel-sdk fills it.
import type { Telemetry } from 'bullmq';

export interface ActiveTracing {
  /** BullMQ's `telemetry` option: spans for adding and processing jobs, linked across processes. */
  bullTelemetry: Telemetry;
  /** Names the current HTTP server span after the matched route (`GET /api/v1/tickets/:id`). */
  nameServerSpan(method: string, route: string | undefined): void;
  /** Exports what is buffered and stops (bounded); called once the app has closed. */
  shutdown(): Promise<void>;
}

let active: ActiveTracing | undefined;

export function activeTracing(): ActiveTracing | undefined {
  return active;
}

export function setActiveTracing(tracing: ActiveTracing): void {
  active = tracing;
}
