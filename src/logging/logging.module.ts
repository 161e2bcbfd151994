import { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { appConfig } from '../config';

/** Field paths that must never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.current_password',
  '*.passwordHash',
  '*.password_hash',
  '*.token',
  '*.access_token',
  '*.refresh_token',
];

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => ({
        pinoHttp: {
          logger: pino(
            {
              level: config.logLevel,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              base: { service: 'helpdesk' },
              timestamp: pino.stdTimeFunctions.isoTime,
            },
            // Asynchronous stdout: lines written while a write is in flight go out together, instead
            // of one blocking write(2) per access line (~5% of the API's CPU under load). Nothing
            // waits for a buffer to fill (minLength 0), and pino flushes what is left when the
            // process exits; only a SIGKILL can drop the last few milliseconds of lines. If stdout
            // stalls, lines beyond 8 MB of backlog are dropped rather than growing the heap.
            pino.destination({ dest: 1, sync: false, minLength: 0, maxLength: 8 * 1024 * 1024 }),
          ),
          // One access line per request is written by our own onResponse hook, which knows the route.
          autoLogging: false,
          quietReqLogger: true,
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
