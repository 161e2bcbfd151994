// Every statement on `attachments`. Statements run in the ambient transaction (TransactionContext).
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { rawRows } from '../database/raw-rows';
import { TransactionContext } from '../database/transaction-context';
import { Attachment } from './attachment.entity';

/** The columns a new attachment is inserted with. */
export type NewAttachment = Pick<
  Attachment,
  'ticketId' | 'uploaderId' | 'filename' | 'contentType' | 'size' | 'sha256' | 'isInternal'
> &
  Partial<Pick<Attachment, 'commentId'>>;

/** An element of a `looseSelect` column. */
interface LooseColumn {
  id: number;
  uploader_id: number;
  uploader_name: string;
  filename: string;
  content_type: string;
  size: number | string;
  sha256: string;
  is_internal: boolean;
  created_ms: number;
}

/** What a comment asks of the attachments it takes (`attachment_ids`). */
export interface CommentLink {
  ticketId: number;
  uploaderId: number;
  isInternal: boolean;
  commentId: number;
}

@Injectable()
export class AttachmentRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get manager(): EntityManager {
    return this.tx.manager;
  }

  /** The new rows, in the order given. */
  async insert(rows: NewAttachment[]): Promise<Attachment[]> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(Attachment)
      .values(rows)
      .returning(['id', 'createdAt'])
      .execute();
    return rows.map((row, index) =>
      Object.assign(new Attachment(), row, {
        id: result.identifiers[index].id as number,
        commentId: row.commentId ?? null,
        createdAt: (result.generatedMaps[index] as { createdAt: Date }).createdAt,
      }),
    );
  }

  findById(id: number): Promise<Attachment | null> {
    return this.manager.findOneBy(Attachment, { id });
  }

  async findByIds(ids: number[]): Promise<Attachment[]> {
    if (!ids.length) return [];
    return this.manager.findBy(Attachment, { id: In(ids) });
  }

  /** The attachments of a ticket, oldest first. */
  listForTicket(ticketId: number, options: { internal: boolean }): Promise<Attachment[]> {
    const qb = this.manager
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .where('a.ticketId = :ticketId', { ticketId })
      .orderBy('a.id', 'ASC');
    if (!options.internal) qb.andWhere('a.isInternal = false');
    return qb.getMany();
  }

  /**
   * A scalar subquery for the ticket query of GET /tickets/:id (TicketReader): the attachments of
   * ticket row `alias` that are not part of a comment, oldest first, with their uploader's name, as
   * a JSON array (`fromLooseSelect` reads it). One statement for the page instead of a second round
   * trip; the SQL stays here, with the table's owner.
   */
  looseSelect(alias: string, withInternal: boolean): string {
    return `(SELECT coalesce(json_agg(json_build_object('id', a.id, 'uploader_id', a.uploader_id,
              'uploader_name', u.name, 'filename', a.filename, 'content_type', a.content_type, 'size', a.size,
              'sha256', a.sha256, 'is_internal', a.is_internal,
              'created_ms', floor(extract(epoch FROM a.created_at) * 1000)) ORDER BY a.id), '[]'::json)
       FROM attachments a JOIN users u ON u.id = a.uploader_id
      WHERE a.ticket_id = ${alias}.id AND a.comment_id IS NULL${withInternal ? '' : ' AND NOT a.is_internal'})`;
  }

  /** The rows of a `looseSelect` column of ticket `ticketId`. */
  fromLooseSelect(ticketId: number, column: unknown): Array<Attachment & { uploaderName: string }> {
    return ((column ?? []) as LooseColumn[]).map((row) =>
      Object.assign(new Attachment(), {
        id: row.id,
        ticketId,
        commentId: null,
        uploaderId: row.uploader_id,
        filename: row.filename,
        contentType: row.content_type,
        size: Number(row.size),
        sha256: row.sha256,
        isInternal: row.is_internal,
        createdAt: new Date(row.created_ms),
        uploaderName: row.uploader_name,
      }),
    );
  }

  /** The attachments of comments `commentIds`, oldest first. */
  async listForComments(commentIds: number[], options: { internal: boolean }): Promise<Attachment[]> {
    if (!commentIds.length) return [];
    const qb = this.manager
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .where('a.commentId IN (:...commentIds)', { commentIds })
      .orderBy('a.id', 'ASC');
    if (!options.internal) qb.andWhere('a.isInternal = false');
    return qb.getMany();
  }

  /**
   * Gives comment `link.commentId` those of `ids` that the uploader may attach: theirs, on that
   * ticket, not part of a comment yet, with the comment's visibility. Returns the ids it took; a
   * concurrent comment taking the same one waits on its row lock and then takes nothing.
   */
  async linkToComment(ids: number[], link: CommentLink): Promise<number[]> {
    if (!ids.length) return [];
    const rows = rawRows<{ id: number }>(
      await this.manager.query(
        `UPDATE attachments SET comment_id = $5
          WHERE id = ANY($1::int[]) AND ticket_id = $2 AND uploader_id = $3 AND is_internal = $4 AND comment_id IS NULL
          RETURNING id`,
        [ids, link.ticketId, link.uploaderId, link.isInternal, link.commentId],
      ),
    );
    return rows.map((row) => row.id);
  }

  /** Deletes attachment `id`; the deleted row, or null when it was gone already. */
  async delete(id: number): Promise<Attachment | null> {
    const rows = rawRows<{ sha256: string }>(
      await this.manager.query(`DELETE FROM attachments WHERE id = $1 RETURNING sha256`, [id]),
    );
    return rows.length ? Object.assign(new Attachment(), { id, sha256: rows[0].sha256 }) : null;
  }

  /** Deletes the attachments of comment `commentId` (a deleted comment shows no files); their digests. */
  async deleteForComment(commentId: number): Promise<string[]> {
    const rows = rawRows<{ sha256: string }>(
      await this.manager.query(`DELETE FROM attachments WHERE comment_id = $1 RETURNING sha256`, [commentId]),
    );
    return rows.map((row) => row.sha256);
  }

  /** Which of `digests` some row still names. */
  async digestsInUse(digests: string[]): Promise<Set<string>> {
    if (!digests.length) return new Set();
    const rows: Array<{ sha256: string }> = await this.manager.query(
      `SELECT DISTINCT sha256 FROM attachments WHERE sha256 = ANY($1::char(64)[])`,
      [digests],
    );
    return new Set(rows.map((row) => row.sha256));
  }
}
