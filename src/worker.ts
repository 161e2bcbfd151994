// The worker process: queue processors only, no HTTP. Run as many as you like.
// First: tracing must be registered before the modules it instruments load.
import './tracing/register-worker';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { validateEnv } from './config';
import { envFromProcess } from './config/process-env';
import { preflight } from './preflight';
import { exitOnStartupError, runUntilSignal } from './shutdown';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = envFromProcess();
  await preflight(validateEnv(env));
  const app = await NestFactory.createApplicationContext(WorkerModule.register(env), {
    logger: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  runUntilSignal(app, 'Worker started');
}

void main().catch(exitOnStartupError);
