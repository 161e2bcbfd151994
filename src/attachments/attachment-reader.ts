// Attachments presented without the API's routes (webhooks' payloads in the worker process).
import { Injectable } from '@nestjs/common';
import { AttachmentJson } from '../tickets/read/ticket-attachments';
import { UserDirectory } from '../users/user-directory';
import { Attachment } from './attachment.entity';
import { toAttachmentJson } from './attachment.presenter';
import { AttachmentRepository } from './attachment.repository';

@Injectable()
export class AttachmentReader {
  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly users: UserDirectory,
  ) {}

  /** Attachments `ids` as staff read them; deleted ones are absent. */
  async presentByIds(ids: number[]): Promise<Map<number, AttachmentJson>> {
    const rows = await this.attachments.findByIds([...new Set(ids)]);
    return new Map((await this.present(rows)).map((json) => [json.id, json]));
  }

  /** The attachments of each of `commentIds` (internal ones only when `internal`). */
  async ofComments(commentIds: number[], options: { internal: boolean }): Promise<Map<number, AttachmentJson[]>> {
    const byComment = new Map<number, AttachmentJson[]>();
    if (!commentIds.length) return byComment;
    const rows = await this.attachments.listForComments(commentIds, options);
    for (const json of await this.present(rows)) {
      byComment.set(json.comment_id!, [...(byComment.get(json.comment_id!) ?? []), json]);
    }
    return byComment;
  }

  /** With their uploaders' names, in one lookup. */
  async present(rows: Attachment[]): Promise<AttachmentJson[]> {
    const uploaders = await this.users.refs(rows.map((row) => row.uploaderId));
    return rows.map((row) => toAttachmentJson(row, uploaders.get(row.uploaderId)!));
  }
}
