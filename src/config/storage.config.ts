import { registerAs } from '@nestjs/config';
import { bool, ConfigError, Env, int, oneOf, optionalStr, str, url } from './env';

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

export function storageConfigFromEnv(env: Env) {
  const driver = oneOf(env, 'STORAGE_DRIVER', 'local', STORAGE_DRIVERS);
  const s3 = {
    /** Unset: AWS's own endpoint for the region. */
    endpoint: url(env, 'S3_ENDPOINT', undefined, ['http', 'https']),
    region: str(env, 'S3_REGION', 'us-east-1'),
    bucket: optionalStr(env, 'S3_BUCKET') ?? '',
    accessKeyId: optionalStr(env, 'S3_ACCESS_KEY_ID'),
    secretAccessKey: optionalStr(env, 'S3_SECRET_ACCESS_KEY'),
    /** MinIO, Ceph and most self-hosted servers want `http://host/bucket/key` addressing. */
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
  };
  if (driver === 's3' && !s3.bucket) throw new ConfigError('S3_BUCKET', 'is required when STORAGE_DRIVER=s3', '');
  if (Boolean(s3.accessKeyId) !== Boolean(s3.secretAccessKey)) {
    throw new ConfigError('S3_SECRET_ACCESS_KEY', 'and S3_ACCESS_KEY_ID must be set together', '');
  }
  return {
    driver,
    /** The local driver's root; relative paths are relative to the working directory. */
    dir: str(env, 'STORAGE_DIR', './data/attachments'),
    s3,
    /** The largest file one part of an upload may carry (API: 25 MiB). */
    maxBytes: int(env, 'ATTACHMENT_MAX_BYTES', 26_214_400, 1, 5 * 1024 ** 3),
    /** An upload that sends nothing for this long is answered 408 and forgotten. */
    uploadIdleSeconds: int(env, 'UPLOAD_IDLE_TIMEOUT_SECONDS', 30, 1, 3_600),
  };
}

/** The `storage` namespace read from `env`; `storageConfig.KEY` injects whichever one was loaded. */
export const storageConfigFrom = (env: Env) => registerAs('storage', () => storageConfigFromEnv(env));
export const storageConfig = storageConfigFrom(process.env);
export type StorageConfig = ReturnType<typeof storageConfigFromEnv>;
