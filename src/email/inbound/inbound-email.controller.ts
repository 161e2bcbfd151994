// POST /api/v1/inbound/email: a raw RFC 5322 message from an MTA pipe or a mail provider's relay,
// signed with INBOUND_SECRET. The body is streamed to a spool file (bounded by INBOUND_MAX_BYTES)
// while its HMAC is computed; only a correctly signed message is parsed and processed.
import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { drainRequestBody } from '../../common/http/request-drain';
import { emailConfig, storageConfig } from '../../config';
import { InboundEmailResultJson } from '../dto/inbound-email.dtos';
import { IngestResult, MessageTooLargeError, UnprocessableMessageError } from './inbound-message';
import { InboundMailService } from './inbound-mail.service';
import { spoolMessage, SpooledMessage, SpoolStalledError } from './mail-spool';
import { ApiErrors } from '../../common/openapi/openapi.decorators';

export const RFC822 = 'message/rfc822';
export const SIGNATURE_HEADER = 'x-inbound-signature';

@ApiTags('email')
@Controller('api/v1/inbound')
export class InboundEmailController {
  constructor(
    private readonly inbound: InboundMailService,
    @Inject(emailConfig.KEY) private readonly config: ConfigType<typeof emailConfig>,
    @Inject(storageConfig.KEY) private readonly storage: ConfigType<typeof storageConfig>,
  ) {}

  @Post('email')
  @Public()
  @HttpCode(202)
  @ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.NOT_FOUND, ErrorCode.UNPROCESSABLE)
  @ApiOperation({
    operationId: 'ingestEmail',
    summary: 'Receive one raw email (RFC 5322) from an MTA pipe or a mail provider',
    description:
      'The same processing as the built-in SMTP listener: a new ticket, a comment on the thread it answers, a duplicate (its Message-ID was seen, by either path) or ignored (loops, bounces, bulk mail, floods). ' +
      'Signed: `X-Inbound-Signature: sha256=<hex HMAC-SHA256 of the body with INBOUND_SECRET>`; a bad or missing signature is 401. ' +
      'Off (404) while INBOUND_SECRET is unset. A body over INBOUND_MAX_BYTES is 413; a body that stops arriving for UPLOAD_IDLE_TIMEOUT_SECONDS is 408; a message without a usable From is 422.',
  })
  @ApiConsumes(RFC822)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-Inbound-Signature', required: true, description: '`sha256=<hex HMAC-SHA256 of the body>`' })
  @ApiAcceptedResponse({ type: InboundEmailResultJson })
  async ingest(@Req() request: FastifyRequest): Promise<IngestResult> {
    const secret = this.config.inboundSecret;
    if (secret === undefined) {
      await drainRequestBody(request.raw);
      throw AppException.notFound('Route');
    }
    if (
      !String(request.headers['content-type'] ?? '')
        .toLowerCase()
        .startsWith(RFC822)
    ) {
      await drainRequestBody(request.raw);
      throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Send the message as ${RFC822}`);
    }
    const spool = await spoolMessage(request.raw, this.config.inboundMaxBytes, {
      hmacKey: secret,
      idleMs: this.storage.uploadIdleSeconds * 1_000,
    }).catch((error: unknown) => {
      if (error instanceof MessageTooLargeError) {
        throw new AppException(ErrorCode.PAYLOAD_TOO_LARGE, `The message is larger than ${error.maxBytes} bytes`);
      }
      if (error instanceof SpoolStalledError) {
        throw new AppException(ErrorCode.REQUEST_TIMEOUT, `The message stalled: ${error.message}`);
      }
      throw error;
    });
    try {
      if (!signatureMatches(request.headers[SIGNATURE_HEADER], spool)) {
        throw AppException.unauthenticated('X-Inbound-Signature is missing or does not match the body');
      }
      return await this.inbound
        .ingestSpooled(spool, { via: 'http', recipients: [], traceId: String(request.id) })
        .catch((error: unknown) => {
          throw error instanceof UnprocessableMessageError
            ? AppException.unprocessable(error.message, { [error.field]: [error.message] })
            : error;
        });
    } finally {
      await spool.remove();
    }
  }
}

/** `sha256=<hex>` against the body's HMAC, in constant time. */
function signatureMatches(header: string | string[] | undefined, spool: SpooledMessage): boolean {
  const match = typeof header === 'string' ? /^sha256=([0-9a-f]{64})$/i.exec(header.trim()) : null;
  if (!match || spool.hmac === undefined) return false;
  return timingSafeEqual(Buffer.from(match[1].toLowerCase(), 'hex'), Buffer.from(spool.hmac, 'hex'));
}
