// Files that arrive by other ways than the upload route (today: email) take the same two steps
// as an upload: bytes streamed into a storage temporary (measured and hashed on the way), then,
// inside the caller's transaction, the objects made, the rows written and the timeline recorded.
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { TransactionContext } from '../database/transaction-context';
import { RealtimePublisher } from '../realtime/realtime-publisher';
import { attachmentAddedEvent } from '../tickets/ticket-notifications';
import { TicketRepository } from '../tickets/ticket.repository';
import { AttachmentObjects, PendingObject } from './attachment-objects';
import { Attachment } from './attachment.entity';
import { AttachmentRepository } from './attachment.repository';
import { OBJECT_STORAGE, ObjectStorage } from './storage/object-storage';
import { UploadMeter } from './upload-meter';

/** A file stored as a temporary, waiting for the transaction that names it. */
export interface StagedFile extends PendingObject {
  filename: string;
  contentType: string;
  size: number;
}

/** Where staged files go: the ticket, who added them, and (optionally) the comment they belong to. */
export interface IntakeTarget {
  ticket: { id: number; requesterId: number };
  uploaderId: number;
  isInternal: boolean;
  commentId?: number | null;
}

@Injectable()
export class AttachmentIntake {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly rows: AttachmentRepository,
    private readonly objects: AttachmentObjects,
    private readonly notifications: RealtimePublisher,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /**
   * Streams `body` into a temporary. Rejects with FileTooLargeError past `maxBytes` (nothing is
   * left behind) and with whatever error `body` emits. `filename` must be clean (`cleanFilename`).
   */
  async stage(body: Readable, filename: string, maxBytes: number): Promise<StagedFile> {
    const meter = new UploadMeter(maxBytes);
    body.on('error', (error: Error) => meter.destroy(error));
    // Bytes already buffered in `body` flow into the meter at once, and its limit may be hit before
    // the storage driver (after an await of its own) attaches its listeners: without this one the
    // FileTooLargeError would be an uncaught 'error' event. The driver still sees the error (a
    // pipeline reports an already errored stream), so `putTemp` rejects with it as it should.
    meter.on('error', () => undefined);
    const tempId = await this.storage.putTemp(body.pipe(meter));
    const detected = await fileTypeFromBuffer(meter.head());
    return {
      tempId,
      sha256: meter.digest(),
      filename,
      contentType: detected?.mime ?? 'application/octet-stream',
      size: meter.size,
    };
  }

  /**
   * Inside the caller's transaction: makes the objects, writes the rows and their
   * `attachment.added` events; the realtime notification goes out after commit.
   */
  async persist(files: StagedFile[], target: IntakeTarget): Promise<Attachment[]> {
    if (!files.length) return [];
    const { ticket, uploaderId, isInternal } = target;
    const commentId = target.commentId ?? null;
    await this.objects.promote(files);
    const rows = await this.rows.insert(
      files.map((file) => ({
        ticketId: ticket.id,
        uploaderId,
        filename: file.filename,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        isInternal,
        commentId,
      })),
    );
    await this.tickets.recordEvents(
      ticket.id,
      uploaderId,
      rows.map((row) => ({
        type: 'attachment.added' as const,
        data: { attachment_id: row.id, filename: row.filename, comment_id: commentId, is_internal: isInternal },
        isInternal,
      })),
    );
    const ids = rows.map((row) => row.id);
    this.tx.afterCommit(() => this.notifications.publish(attachmentAddedEvent(ticket, { ids, isInternal })));
    return rows;
  }

  /** Removes the temporaries of files that will not be persisted (best effort; the sweep gets the rest). */
  discard(files: Array<Pick<PendingObject, 'tempId'>>): Promise<void> {
    return this.objects.discard(files.map((file) => file.tempId));
  }
}
