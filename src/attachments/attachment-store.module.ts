import { Module } from '@nestjs/common';
import { UserDirectoryModule } from '../users/user-directory.module';
import { AttachmentObjects } from './attachment-objects';
import { AttachmentReader } from './attachment-reader';
import { AttachmentRepository } from './attachment.repository';
import { StorageModule } from './storage/storage.module';

/**
 * The owner of `attachments` and of the stored objects, without the API's routes: the worker's
 * orphan sweep and webhooks' payloads import this alone; AttachmentsModule builds the routes on it.
 */
@Module({
  imports: [StorageModule, UserDirectoryModule],
  providers: [AttachmentRepository, AttachmentObjects, AttachmentReader],
  exports: [AttachmentRepository, AttachmentObjects, AttachmentReader, StorageModule],
})
export class AttachmentStoreModule {}
