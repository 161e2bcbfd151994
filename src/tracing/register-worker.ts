// Imported first by src/worker.ts: tracing (if configured) for the worker process.
import { startTracing } from './start-tracing';

startTracing('helpdesk-worker');
