import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { StorageConfig, storageConfig } from '../../config';
import { LocalObjectStorage } from './local-storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-storage';

/** The driver STORAGE_DRIVER names, built from the `storage` config namespace. */
export function createObjectStorage(config: StorageConfig): ObjectStorage {
  switch (config.driver) {
    case 'local':
      return new LocalObjectStorage(config.dir);
    case 's3':
      return new S3ObjectStorage(config.s3);
  }
}

/**
 * Provides `OBJECT_STORAGE`, the configured ObjectStorage, to the modules that import this one
 * (attachments, and the sweep that removes orphans). Not global: who touches stored bytes should
 * be visible in the imports.
 */
@Module({
  providers: [
    {
      provide: OBJECT_STORAGE,
      inject: [storageConfig.KEY],
      useFactory: (config: ConfigType<typeof storageConfig>) => createObjectStorage(config),
    },
  ],
  exports: [OBJECT_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  /**
   * At shutdown rather than module destroy: Nest runs onModuleDestroy before the HTTP server has
   * closed, and destroying the S3 client then would cut downloads still streaming.
   */
  onApplicationShutdown(): void {
    if (this.storage instanceof S3ObjectStorage) this.storage.close();
  }
}
