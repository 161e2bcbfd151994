// POST /tickets/:id/attachments: multipart parts streamed to storage as they arrive (hashed and
// measured on the way, never held whole), then one short transaction that makes the objects and
// writes the rows. No database connection is held while bytes arrive, however slowly.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type {} from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { stableStringify } from '../common/stable-stringify';
import { storageConfig } from '../config';
import { TransactionContext } from '../database/transaction-context';
import { IdempotencyStore, IdempotentOutcome, idempotencyKeyOf, routeScopeOf } from '../idempotency/idempotency-store';
import { AttachmentJson } from '../tickets/read/ticket-attachments';
import { seesInternal } from '../tickets/read/ticket-visibility';
import { TicketRepository } from '../tickets/ticket.repository';
import { AttachmentIntake, StagedFile } from './attachment-intake';
import { AttachmentObjects } from './attachment-objects';
import { toAttachmentJson } from './attachment.presenter';
import { cleanFilename } from './filename';
import { FileTooLargeError } from './upload-meter';

/** The most files one upload carries (API: 10). */
export const MAX_FILES_PER_UPLOAD = 10;
const FILE_FIELD = 'file';
const INTERNAL_FIELD = 'is_internal';

/** Limits handed to busboy for every multipart request (app.factory registers the plugin with them). */
export function multipartLimits(maxFileBytes: number) {
  return {
    fieldNameSize: 100,
    fieldSize: 100,
    fields: 3,
    // One past the limit, so UploadMeter (which answers 413 the contract's way) sees the excess first.
    fileSize: maxFileBytes + 1,
    files: MAX_FILES_PER_UPLOAD,
    parts: MAX_FILES_PER_UPLOAD + 3,
    headerPairs: 20,
  };
}

export class UploadStalledError extends Error {
  constructor(seconds: number) {
    super(`Nothing arrived for ${seconds} s`);
    this.name = 'UploadStalledError';
  }
}

/** A file received and stored as a temporary, before its row exists. */
type ReceivedFile = StagedFile;

interface Received {
  files: ReceivedFile[];
  isInternal: boolean;
}

/** What an upload in progress holds, so a failure anywhere (or a stall) can undo it. */
class UploadState {
  readonly temps: string[] = [];
  /** The part being stored: destroyed (with the failure) when the upload stalls. */
  current: Readable | null = null;
  failure: Error | null = null;
}

export type UploadOutcome = IdempotentOutcome<{ items: AttachmentJson[] }>;

@Injectable()
export class AttachmentUploadService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly intake: AttachmentIntake,
    private readonly objects: AttachmentObjects,
    private readonly idempotency: IdempotencyStore,
    @Inject(storageConfig.KEY) private readonly config: ConfigType<typeof storageConfig>,
  ) {}

  async upload(caller: AuthUser, ticketId: number, request: FastifyRequest): Promise<UploadOutcome> {
    // Before a byte is read: who may not see the ticket learns nothing else, and sends nothing.
    await this.tickets.findVisible(caller, ticketId);
    const key = idempotencyKeyOf(request);
    if (!request.isMultipart()) {
      throw AppException.validation('Send the files as multipart/form-data', {
        body: ['must be multipart/form-data with one or more "file" parts'],
      });
    }
    const state = new UploadState();
    try {
      const received = await this.receiveWithin(caller, request, state);
      const persist = () => this.persist(caller, ticketId, received);
      if (key === undefined) return { kind: 'fresh', body: await persist() };
      const scope = {
        userId: caller.id,
        method: request.method,
        route: routeScopeOf(request),
        key,
        fingerprint: fingerprintOf(received),
      };
      const outcome = await this.idempotency.execute(scope, 201, persist);
      // A replay stores nothing: the bytes are stored already, under the rows of the first request.
      if (outcome.kind === 'replay') await this.objects.discard(state.temps);
      return outcome;
    } catch (error) {
      state.failure ??= error as Error;
      state.current?.destroy(state.failure);
      // The parser stops here; the rest of the body is drained (bounded) before the answer goes out.
      request.raw.unpipe();
      // Temporaries promoted before a failed commit are gone already; their objects are orphans.
      await this.objects.discard(state.temps);
      throw toClientError(error, this.config.maxBytes);
    }
  }

  /** `receive`, given up when nothing arrives for the configured time (a stalled or lying client). */
  private async receiveWithin(caller: AuthUser, request: FastifyRequest, state: UploadState): Promise<Received> {
    const idleMs = this.config.uploadIdleSeconds * 1000;
    // Progress is read off the socket's byte count: any listener on the socket or the request would
    // change how Node's HTTP parser feeds the body (a 'data' listener stalled bodies over 64 KB).
    const socket = request.raw.socket;
    let seen = socket.bytesRead;
    let lastProgress = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setInterval(
        () => {
          if (socket.bytesRead !== seen) {
            seen = socket.bytesRead;
            lastProgress = Date.now();
          } else if (Date.now() - lastProgress >= idleMs) {
            state.failure = new UploadStalledError(this.config.uploadIdleSeconds);
            state.current?.destroy(state.failure);
            reject(state.failure);
          }
        },
        Math.min(1_000, idleMs / 4),
      );
    });
    try {
      return await Promise.race([this.receive(caller, request, state), stalled]);
    } finally {
      clearInterval(timer);
    }
  }

  private async receive(caller: AuthUser, request: FastifyRequest, state: UploadState): Promise<Received> {
    const files: ReceivedFile[] = [];
    let isInternal: boolean | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== INTERNAL_FIELD) {
          throw AppException.validation(`Unexpected field "${part.fieldname.slice(0, 50)}"`, {
            [part.fieldname === FILE_FIELD ? FILE_FIELD : 'body']: [
              part.fieldname === FILE_FIELD
                ? 'each file part needs a filename'
                : `only "${FILE_FIELD}" parts and an "${INTERNAL_FIELD}" field are accepted`,
            ],
          });
        }
        if (isInternal !== undefined) throw AppException.validation('is_internal was sent twice');
        isInternal = parseBooleanField(part.value);
        if (isInternal && !seesInternal(caller)) {
          throw AppException.forbidden('Requesters cannot upload internal files');
        }
        continue;
      }
      if (part.fieldname !== FILE_FIELD) {
        throw AppException.validation(`Unexpected file field "${part.fieldname.slice(0, 50)}"`, {
          body: [`files go in "${FILE_FIELD}" parts`],
        });
      }
      const filename = cleanFilename(part.filename ?? '');
      if (filename === null) {
        throw AppException.validation('Each file needs a filename', { [FILE_FIELD]: ['has no usable filename'] });
      }
      state.current = part.file;
      const file = await this.intake.stage(part.file, filename, this.config.maxBytes);
      state.temps.push(file.tempId);
      state.current = null;
      if (state.failure) throw state.failure;
      if (file.size === 0) {
        throw AppException.validation(`"${filename}" is empty`, { [FILE_FIELD]: ['must not be empty'] });
      }
      files.push(file);
    }
    if (!files.length) {
      throw AppException.validation('No file was sent', { [FILE_FIELD]: ['send one or more file parts'] });
    }
    return { files, isInternal: isInternal ?? false };
  }

  /** The one transaction: objects made, rows written, timeline recorded; realtime after commit. */
  private persist(caller: AuthUser, ticketId: number, received: Received): Promise<{ items: AttachmentJson[] }> {
    return this.tx.run(async () => {
      const ticket = await this.tickets.findVisible(caller, ticketId);
      const rows = await this.intake.persist(received.files, {
        ticket,
        uploaderId: caller.id,
        isInternal: received.isInternal,
      });
      return { items: rows.map((row) => toAttachmentJson(row, caller)) };
    });
  }
}

function parseBooleanField(value: unknown): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw AppException.validation('is_internal must be true or false', { is_internal: ['must be true or false'] });
}

/** What makes two uploads the same request: the files' names and bytes, and their visibility. */
function fingerprintOf(received: Received): string {
  const files = received.files.map((file) => ({ filename: file.filename, sha256: file.sha256, size: file.size }));
  return createHash('sha256')
    .update(stableStringify({ is_internal: received.isInternal, files }))
    .digest('hex');
}

/** Multipart and stream failures as the contract's errors; anything else as it is. */
function toClientError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppException) return error;
  if (error instanceof FileTooLargeError) {
    return new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `Each file may be at most ${error.maxBytes} bytes`, {
      [FILE_FIELD]: [`must be at most ${error.maxBytes} bytes`],
    });
  }
  if (error instanceof UploadStalledError) {
    return new AppException(ErrorCode.REQUEST_TIMEOUT, `The upload stalled: ${error.message}`);
  }
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return toClientError(new FileTooLargeError(maxBytes), maxBytes);
  if (code === 'FST_FILES_LIMIT') {
    return AppException.validation(`At most ${MAX_FILES_PER_UPLOAD} files per upload`, {
      [FILE_FIELD]: [`at most ${MAX_FILES_PER_UPLOAD} files`],
    });
  }
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return AppException.validation('The multipart body could not be read', { body: ['is not a valid upload'] });
  }
  // busboy's own parse errors (a truncated or malformed body) are plain Errors without a code.
  if (error instanceof Error && /multipart|form|part header|boundary/i.test(error.message)) {
    return AppException.validation('The multipart body could not be read', { body: ['is not a valid upload'] });
  }
  return error;
}
