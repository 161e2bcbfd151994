// Imported first by src/main.ts: tracing (if configured) for the API process.
import { startTracing } from './start-tracing';

startTracing('helpdesk-api');
