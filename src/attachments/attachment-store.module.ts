import { Module } from '@nestjs/common';
import { AttachmentObjects } from './attachment-objects';
import { AttachmentRepository } from './attachment.repository';
import { StorageModule } from './storage/storage.module';

/**
 * The owner of `attachments` and of the stored objects, without the API's routes: the worker's
 * orphan sweep imports this alone; AttachmentsModule builds the routes on it.
 */
@Module({
  imports: [StorageModule],
  providers: [AttachmentRepository, AttachmentObjects],
  exports: [AttachmentRepository, AttachmentObjects, StorageModule],
})
export class AttachmentStoreModule {}
