// An embedded Redis for development: `redis-memory-server` (a devDependency, imported only when
// needed) running the system's `redis-server`; it downloads nothing (its postinstall is off).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { StartupError } from '../common/errors/startup.error';
import { EmbeddedService } from './embedded-service';

/** The first executable `redis-server` on `searchPath` (a PATH value), or undefined. */
export function findRedisServer(searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function startEmbeddedRedis(options: {
  port: number;
  binary: string | undefined;
}): Promise<EmbeddedService> {
  if (!options.binary) {
    throw new StartupError(
      `Redis is not answering on localhost:${options.port} and there is no redis-server to start: install Redis ` +
        '(apt-get install redis-server, brew install redis, or any Redis 7+) or set REDIS_URL',
    );
  }
  const { RedisMemoryServer } = await import('redis-memory-server').catch(() => {
    throw new StartupError(
      `Redis is not answering on localhost:${options.port} and redis-memory-server is not installed (npm ci installs it; production needs REDIS_URL)`,
    );
  });
  const server = new RedisMemoryServer({
    instance: { port: options.port, ip: '127.0.0.1' },
    binary: { systemBinary: options.binary },
    autoStart: false,
  });
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new StartupError(`Could not start ${options.binary} on port ${options.port}: ${(error as Error).message}`);
  }
  return {
    url: `redis://127.0.0.1:${options.port}`,
    description: `Redis on 127.0.0.1:${options.port} (${options.binary}, data in memory)`,
    stop: () => server.stop(),
  };
}
