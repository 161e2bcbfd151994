// Reading and deleting attachments, and what comments need of them. Visibility is the ticket's
// (TicketRepository.findVisible) plus, like internal notes, `is_internal` for staff only.
import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { UserRole } from '../common/user-role';
import { TransactionContext } from '../database/transaction-context';
import { AttachmentJson, TicketAttachmentSource } from '../tickets/read/ticket-attachments';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { TicketRepository } from '../tickets/ticket.repository';
import { Attachment } from './attachment.entity';
import { AttachmentObjects } from './attachment-objects';
import { AttachmentReader } from './attachment-reader';
import { toAttachmentJson } from './attachment.presenter';
import { AttachmentRepository, CommentLink } from './attachment.repository';

/** Uploaders may delete their own file (not yet part of a comment) for this long; admins always. */
export const UPLOADER_DELETE_WINDOW_MS = 15 * 60 * 1000;

/** The most attachments one comment takes (`attachment_ids`). */
export const MAX_ATTACHMENTS_PER_COMMENT = 10;

@Injectable()
export class AttachmentsService implements TicketAttachmentSource {
  constructor(
    private readonly tx: TransactionContext,
    private readonly attachments: AttachmentRepository,
    private readonly objects: AttachmentObjects,
    private readonly tickets: TicketRepository,
    private readonly reader: AttachmentReader,
  ) {}

  /** GET /tickets/:id/attachments: every attachment of the ticket the caller may see, oldest first. */
  async list(caller: AuthUser, ticketId: number): Promise<AttachmentJson[]> {
    await this.tickets.findVisible(caller, ticketId);
    return this.reader.present(await this.attachments.listForTicket(ticketId, { internal: seesInternal(caller) }));
  }

  looseSelect(alias: string, caller: AuthUser): string {
    return this.attachments.looseSelect(alias, seesInternal(caller));
  }

  presentLoose(ticketId: number, column: unknown): AttachmentJson[] {
    return this.attachments
      .fromLooseSelect(ticketId, column)
      .map((row) => toAttachmentJson(row, { id: row.uploaderId, name: row.uploaderName }));
  }

  /** The attachments of each of `commentIds` the caller may see (the caller sees their ticket). */
  ofComments(caller: AuthUser, commentIds: number[]): Promise<Map<number, AttachmentJson[]>> {
    return this.reader.ofComments(commentIds, { internal: seesInternal(caller) });
  }

  /** The attachment `id` if the caller may see it; else the 404 of a missing one. */
  async findVisible(caller: AuthUser, id: number): Promise<Attachment> {
    const attachment = await this.attachments.findById(id);
    if (!attachment || (attachment.isInternal && !seesInternal(caller))) throw AppException.notFound('Attachment');
    try {
      await this.tickets.findVisible(caller, attachment.ticketId);
    } catch {
      throw AppException.notFound('Attachment');
    }
    return attachment;
  }

  /**
   * Inside a new comment's transaction: gives it `ids` (the caller's own files on the ticket, not
   * yet part of a comment, with the comment's visibility), or 422 naming the ones it may not take.
   */
  async attachToComment(ids: number[], link: CommentLink): Promise<AttachmentJson[]> {
    const unique = [...new Set(ids)];
    const linked = new Set(await this.attachments.linkToComment(unique, link));
    const refused = unique.filter((id) => !linked.has(id));
    if (refused.length) {
      throw AppException.unprocessable('Some attachments cannot be added to this comment', {
        attachment_ids: [
          `${refused.join(', ')}: not your file on this ticket, already part of a comment, or not ${
            link.isInternal ? 'internal' : 'public'
          } like the comment`,
        ],
      });
    }
    const rows = await this.attachments.listForComments([link.commentId], { internal: true });
    return this.reader.present(rows);
  }

  /** Inside a comment delete's transaction: its files go too; their objects after the commit. */
  async deleteForComment(commentId: number): Promise<void> {
    const digests = await this.attachments.deleteForComment(commentId);
    if (digests.length) this.tx.afterCommit(() => this.objects.release(digests));
  }

  /** DELETE /attachments/:id: the uploader within 15 minutes while it is not part of a comment, or an admin. */
  async remove(caller: AuthUser, id: number): Promise<void> {
    const deleted = await this.tx.begin(async () => {
      const attachment = await this.findVisible(caller, id);
      const ownRecent =
        attachment.uploaderId === caller.id &&
        attachment.commentId === null &&
        Date.now() - attachment.createdAt.getTime() <= UPLOADER_DELETE_WINDOW_MS;
      if (caller.role !== UserRole.ADMIN && !ownRecent) {
        throw AppException.forbidden(
          'Only admins, or the uploader within 15 minutes while it is not part of a comment, may delete a file',
        );
      }
      const row = await this.attachments.delete(id);
      if (!row) throw AppException.notFound('Attachment');
      await this.tickets.recordEvents(attachment.ticketId, caller.id, [
        {
          type: 'attachment.deleted',
          data: { attachment_id: id, filename: attachment.filename, is_internal: attachment.isInternal },
          isInternal: attachment.isInternal,
        },
      ]);
      return row;
    });
    // Answered only once the object is gone (or left to the sweep): a client may check at once.
    await this.objects.release([deleted.sha256]);
  }
}
