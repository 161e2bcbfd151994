import { Test } from '@nestjs/testing';
import { isAbsolute } from 'node:path';
import { configModuleFrom, Env } from '../../config';
import { LocalObjectStorage } from './local-storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3ObjectStorage } from './s3-storage';
import { StorageModule } from './storage.module';

describe('StorageModule', () => {
  async function compile(env: Env) {
    return Test.createTestingModule({ imports: [configModuleFrom(env), StorageModule] }).compile();
  }

  it('provides the local driver by default, rooted at an absolute STORAGE_DIR', async () => {
    const module = await compile({ STORAGE_DIR: 'relative/attachments' });
    try {
      const storage = module.get<ObjectStorage>(OBJECT_STORAGE);
      expect(storage).toBeInstanceOf(LocalObjectStorage);
      const { root } = storage as LocalObjectStorage;
      expect(isAbsolute(root) && root.endsWith('relative/attachments')).toBe(true);
    } finally {
      await module.close();
    }
  });

  it('provides the S3 driver when configured, and closes its client at shutdown', async () => {
    const close = jest.spyOn(S3ObjectStorage.prototype, 'close');
    try {
      const module = await compile({
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'attachments',
        S3_ENDPOINT: 'http://127.0.0.1:9',
      });
      expect(module.get(OBJECT_STORAGE)).toBeInstanceOf(S3ObjectStorage);
      expect(close).not.toHaveBeenCalled();
      await module.close();
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
    }
  });
});
