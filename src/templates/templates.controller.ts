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
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { UserRole } from '../common/user-role';
import { CreateTemplateDto, ListTemplatesQueryDto, RenderTemplateDto, UpdateTemplateDto } from './dto/template.dtos';
import { RenderedTemplateJson, TemplateJson } from './template.presenter';
import { TemplatesService } from './templates.service';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

const WHO = 'Agents: their own and the public ones; admins: all. Requesters: 403.';
const CHANGE_RULES =
  'Only the owner or an admin; a template you may see but not change is 403, one you may not see is 404.';

@ApiTags('templates')
@ApiBearerAuth()
@Roles(UserRole.AGENT, UserRole.ADMIN)
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({
    operationId: 'listTemplates',
    summary: 'Response templates you may use, by title',
    description: `${WHO} Ordered by title (case-insensitive), ties by id.`,
  })
  @ApiPage(TemplateJson)
  list(@CurrentUser() caller: AuthUser, @Query() query: ListTemplatesQueryDto) {
    return this.templates.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTemplate', summary: 'A response template', description: WHO })
  @ApiOkResponse({ type: TemplateJson })
  get(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<TemplateJson> {
    return this.templates.get(caller, id);
  }

  @Post()
  @Idempotent()
  @ApiBodyExample({
    title: 'Password reset',
    content: 'Hi {customer_name}, use "Forgot password" on the login page to set a new one.',
    category: 'Accounts',
    is_public: true,
  })
  @ApiOperation({
    operationId: 'createTemplate',
    summary: 'Create a response template; you are its owner',
    description: 'Private unless `is_public` is true. `variables` is derived from the content.',
  })
  @ApiCreatedResponse({ type: TemplateJson })
  create(@CurrentUser() caller: AuthUser, @Body() body: CreateTemplateDto): Promise<TemplateJson> {
    return this.templates.create(caller, body);
  }

  @Patch(':id')
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiBodyExample({ title: 'Password reset (self-service)', is_public: true })
  @ApiOperation({ operationId: 'updateTemplate', summary: 'Change a response template', description: CHANGE_RULES })
  @ApiOkResponse({ type: TemplateJson })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateTemplateDto,
  ): Promise<TemplateJson> {
    return this.templates.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOperation({ operationId: 'deleteTemplate', summary: 'Delete a response template', description: CHANGE_RULES })
  @ApiNoContentResponse()
  async delete(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.templates.delete(caller, id);
  }

  @Post(':id/render')
  @HttpCode(200)
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ context: { customer_name: 'Ann' } })
  @ApiOperation({
    operationId: 'renderTemplate',
    summary: 'Fill in the placeholders of a template you may see',
    description:
      'One pass of plain string substitution: each `{name}` becomes `context[name]` as it is (a number in its ' +
      'shortest form, 1.50 → 1.5), never evaluated and never expanded again (a value containing `{x}` stays `{x}`). Nothing is ' +
      'escaped: clients escape `processed_content` for where they display it (HTML, Markdown). Any placeholder ' +
      'without a value is 422 UNPROCESSABLE with `details.missing: [names]`; a value that is not a string or ' +
      'number is 400. Unused context names are ignored. A result over 100,000 characters is 422.',
  })
  @ApiOkResponse({ type: RenderedTemplateJson })
  render(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: RenderTemplateDto,
  ): Promise<RenderedTemplateJson> {
    return this.templates.render(caller, id, body.context ?? {});
  }
}
