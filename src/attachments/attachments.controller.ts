import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { AcceptsMultipart } from '../common/http/multipart-routes';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { sendReplay } from '../idempotency/idempotency.interceptor';
import { AttachmentDownloadService } from './attachment-download.service';
import { AttachmentUploadService } from './attachment-upload.service';
import { AttachmentsService } from './attachments.service';
import { AttachmentListJson, DownloadQueryDto, UPLOAD_BODY_SCHEMA } from './dto/attachment.dtos';
import { ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

/** Headers of every download answer (the bytes are also `nosniff`, `sandbox` and `private, no-cache`). */
const DOWNLOAD_HEADERS = {
  ETag: { description: 'the quoted SHA-256 of the bytes', required: true, schema: { type: 'string' } },
  'Content-Disposition': {
    description: "`attachment` (or `inline` for images with `?inline=1`); `filename*=UTF-8''…`",
    required: true,
    schema: { type: 'string' },
  },
};

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api/v1')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly uploads: AttachmentUploadService,
    private readonly downloads: AttachmentDownloadService,
  ) {}

  @Post('tickets/:id/attachments')
  @AcceptsMultipart()
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.IDEMPOTENCY_IN_PROGRESS, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  @ApiOperation({
    operationId: 'uploadAttachments',
    summary: 'Attach files (multipart, up to 10 `file` parts); whoever may comment on the ticket may upload',
    description:
      'Streamed to storage as it arrives. A file over ATTACHMENT_MAX_BYTES is 413 and nothing of the request ' +
      'is stored; more than 10 files, an empty file or a part without a filename is 400. `content_type` is ' +
      'read from the bytes. Requesters may not send `is_internal: true` (403).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '1..255 chars. A retry with the same key and the same files replays the first response (with ' +
      '`Idempotent-Replayed: true`) and stores nothing new; other files are 422.',
  })
  @ApiCreatedResponse({ type: AttachmentListJson })
  async upload(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) ticketId: number,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentListJson | string> {
    const outcome = await this.uploads.upload(caller, ticketId, request);
    return outcome.kind === 'fresh' ? outcome.body : sendReplay(reply, outcome.response.body);
  }

  @Get('tickets/:id/attachments')
  @ApiOperation({ operationId: 'listAttachments', summary: "The ticket's files the caller may see, oldest first" })
  @ApiOkResponse({ type: AttachmentListJson })
  async list(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) ticketId: number): Promise<AttachmentListJson> {
    return { items: await this.attachments.list(caller, ticketId) };
  }

  @Get('attachments/:id')
  @ApiErrors(ErrorCode.RANGE_NOT_SATISFIABLE)
  @ApiOperation({
    operationId: 'downloadAttachment',
    summary: 'The bytes, streamed; honours Range (206) and If-None-Match (304); ETag is the SHA-256',
  })
  @ApiProduces('*/*')
  @ApiHeader({ name: 'Range', required: false, description: 'one range, e.g. bytes=0-1023' })
  @ApiHeader({
    name: 'If-Range',
    required: false,
    description: 'the ETag you hold: the Range applies only if it still matches',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag you hold: 304 while it matches' })
  @ApiOkResponse({
    description: 'The file, as `Content-Type` (from its bytes)',
    schema: { type: 'string', format: 'binary' },
    headers: { ...DOWNLOAD_HEADERS, 'Content-Length': { required: true, schema: { type: 'integer' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested range',
    schema: { type: 'string', format: 'binary' },
    headers: {
      ...DOWNLOAD_HEADERS,
      'Content-Range': { description: 'bytes <start>-<end>/<size>', required: true, schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: `If-None-Match` names the current ETag',
    headers: DOWNLOAD_HEADERS,
  })
  async download(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Query() query: DownloadQueryDto,
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const download = await this.downloads.open(caller, id, {
      inline: query.inline === '1' || query.inline === 'true',
      range: headers.range,
      ifRange: headers['if-range'],
      ifNoneMatch: headers['if-none-match'],
    });
    await reply.status(download.status).headers(download.headers).send(download.body);
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOperation({
    operationId: 'deleteAttachment',
    summary: 'Delete a file (the uploader within 15 minutes while it is not part of a comment, or an admin)',
  })
  @ApiNoContentResponse()
  async remove(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.attachments.remove(caller, id);
  }
}
