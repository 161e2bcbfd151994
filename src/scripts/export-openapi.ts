// `npm run openapi` writes openapi.json; `--check` fails when the committed file differs from the code.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { envFromProcess } from '../config/process-env';
import { stableStringify } from '../common/stable-stringify';
import { buildOpenApiDocument } from '../openapi';
import { PACKAGE_VERSION } from '../common/package-info';
import { PROJECT_ROOT } from '../common/paths';

async function main(): Promise<void> {
  // Preview mode wires up the modules' metadata without connecting to Postgres or Redis.
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ workers: false, env: envFromProcess() }),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  const generated = stableStringify(buildOpenApiDocument(app, PACKAGE_VERSION));
  const file = join(PROJECT_ROOT, 'openapi.json');
  if (process.argv.includes('--check')) {
    const committed = readFileSync(file, 'utf8');
    if (committed !== generated) {
      process.stderr.write('openapi.json is out of date: run `npm run build && npm run openapi` and commit it.\n');
      process.exit(1);
    }
    process.stdout.write('openapi.json is up to date\n');
  } else {
    writeFileSync(file, generated);
    process.stdout.write(`wrote ${file}\n`);
  }
  await app.close();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
