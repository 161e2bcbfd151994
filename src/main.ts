// The API process (and, unless WORKER_IN_PROCESS=false, the queue workers too).
// First: tracing must be registered before the modules it instruments load.
import './tracing/register-api';
import 'reflect-metadata';
import { createApp } from './app.factory';
import { validateEnv } from './config';
import { exitOnStartupError, runUntilSignal } from './shutdown';

async function main(): Promise<void> {
  const env = validateEnv();
  const app = await createApp();
  await app.listen({ port: env.app.port, host: env.app.host });
  runUntilSignal(app, `API listening on http://localhost:${env.app.port} (docs at /docs)`);
}

void main().catch(exitOnStartupError);
