import { AttachmentJson } from '../tickets/read/ticket-attachments';
import { Attachment } from './attachment.entity';

export function toAttachmentJson(attachment: Attachment, uploader: { id: number; name: string }): AttachmentJson {
  return {
    id: attachment.id,
    ticket_id: attachment.ticketId,
    comment_id: attachment.commentId,
    filename: attachment.filename,
    content_type: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    is_internal: attachment.isInternal,
    uploaded_by: { id: uploader.id, name: uploader.name },
    created_at: attachment.createdAt.toISOString(),
    url: `/api/v1/attachments/${attachment.id}`,
  };
}
