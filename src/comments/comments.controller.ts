import { RequestSource } from '../common/http/request-source';
import { MessageSource } from '../common/ticket-enums';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { PaginationQueryDto } from '../common/pagination/pagination';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { CommentsService } from './comments.service';
import { CommentJson, CreateCommentDto, UpdateCommentDto } from './dto/comment.dtos';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('api/v1/tickets/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listComments',
    summary: 'The thread, oldest first (requesters never see internal notes)',
  })
  @ApiPage(CommentJson)
  list(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) ticketId: number,
    @Query() query: PaginationQueryDto,
  ) {
    return this.comments.list(caller, ticketId, query);
  }

  @Post()
  @Idempotent({
    provider: CommentsService,
    // Whoever lost sight of the ticket (404) or the right to write internal notes (403) since.
    check: (comments, caller, { params, body }) =>
      comments.assertMayCreate(caller, Number(params.id), (body as CreateCommentDto).is_internal ?? false),
  })
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ body: 'Thanks for the report: we are looking into it.', is_internal: false })
  @ApiOperation({
    operationId: 'createComment',
    summary: 'Reply or add an internal note; the first public staff reply sets first_responded_at',
  })
  @ApiCreatedResponse({ type: CommentJson })
  create(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) ticketId: number,
    @Body() body: CreateCommentDto,
    @RequestSource() source: MessageSource,
  ): Promise<CommentJson> {
    return this.comments.create(caller, ticketId, body, source);
  }

  @Patch(':cid')
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ body: 'Thanks for the report: we are looking into it now.' })
  @ApiOperation({ operationId: 'updateComment', summary: 'Edit your own comment (sets edited_at)' })
  @ApiOkResponse({ type: CommentJson })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) ticketId: number,
    @Param('cid', IdParamPipe) commentId: number,
    @Body() body: UpdateCommentDto,
  ): Promise<CommentJson> {
    return this.comments.update(caller, ticketId, commentId, body.body);
  }

  @Delete(':cid')
  @HttpCode(204)
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOperation({ operationId: 'deleteComment', summary: 'Soft delete (admin, or the author within 15 minutes)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) ticketId: number,
    @Param('cid', IdParamPipe) commentId: number,
  ): Promise<void> {
    await this.comments.remove(caller, ticketId, commentId);
  }
}
