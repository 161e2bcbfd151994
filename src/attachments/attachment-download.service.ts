// GET /attachments/:id: the bytes streamed from storage with the headers that make a download safe
// (never rendered as a page of ours: nosniff, a sandboxing CSP, `attachment` unless a plain image
// was asked for inline), conditional and ranged requests answered from the digest.
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { AttachmentsService } from './attachments.service';
import { decideRange } from './byte-range';
import { contentDisposition, INLINE_TYPES } from './content-disposition';
import { OBJECT_STORAGE, ObjectStorage } from './storage/object-storage';

export interface DownloadRequest {
  inline: boolean;
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
}

export interface Download {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  body?: Readable;
}

@Injectable()
export class AttachmentDownloadService {
  constructor(
    private readonly attachments: AttachmentsService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async open(caller: AuthUser, id: number, request: DownloadRequest): Promise<Download> {
    const attachment = await this.attachments.findVisible(caller, id);
    const etag = `"${attachment.sha256}"`;
    const inline = request.inline && INLINE_TYPES.has(attachment.contentType);
    const headers: Record<string, string> = {
      'content-type': attachment.contentType,
      etag,
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.filename),
      // Behind a login: never in a shared cache; revalidated with the ETag.
      'cache-control': 'private, no-cache',
    };
    if (request.ifNoneMatch && matchesEtag(request.ifNoneMatch, attachment.sha256)) {
      return { status: 304, headers };
    }
    // If-Range: a range only of the bytes the client already has part of.
    const rangeHeader = request.ifRange === undefined || request.ifRange === etag ? request.range : undefined;
    const decision = decideRange(rangeHeader, attachment.size);
    if (decision.kind === 'unsatisfiable') {
      throw new AppException(
        ErrorCode.RANGE_NOT_SATISFIABLE,
        `The file has ${attachment.size} bytes`,
        { range: [`must start below ${attachment.size}`] },
        { 'Content-Range': `bytes */${attachment.size}` },
      );
    }
    if (decision.kind === 'partial') {
      const { start, end } = decision.range;
      return {
        status: 206,
        headers: {
          ...headers,
          'content-length': String(end - start + 1),
          'content-range': `bytes ${start}-${end}/${attachment.size}`,
        },
        body: await this.storage.read(attachment.sha256, decision.range),
      };
    }
    return {
      status: 200,
      headers: { ...headers, 'content-length': String(attachment.size) },
      body: await this.storage.read(attachment.sha256),
    };
  }
}

/** If-None-Match: `*`, or a list of (weak or strong) tags one of which is ours. */
function matchesEtag(header: string, digest: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${digest}"`);
}
