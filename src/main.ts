// The API process (and, unless WORKER_IN_PROCESS=false, the queue workers too).
// First: tracing must be registered before the modules it instruments load.
import './tracing/register-api';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { validateEnv } from './config';
import { envFromProcess } from './config/process-env';
import { startDevServices } from './dev-services/dev-services';
import { exitOnStartupError, runUntilSignal } from './shutdown';

async function main(): Promise<void> {
  const variables = envFromProcess();
  // Development without DATABASE_URL/REDIS_URL and nothing on their default ports: start them here.
  const devServices = await startDevServices(validateEnv(variables).devServices);
  try {
    const withServices = { ...variables, ...devServices.env };
    const env = validateEnv(withServices);
    const app = await createApp({ env: withServices });
    await app.listen({ port: env.app.port, host: env.app.host });
    if (devServices.summary) new Logger('DevServices').log(devServices.summary);
    runUntilSignal(app, `API listening on http://localhost:${env.app.port} (docs at /docs)`, devServices.stop);
  } catch (error) {
    await devServices.stop();
    throw error;
  }
}

void main().catch(exitOnStartupError);
