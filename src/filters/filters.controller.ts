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
import { PaginationQueryDto } from '../common/pagination/pagination';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { UserRole } from '../common/user-role';
import { CreateFilterDto, UpdateFilterDto } from './dto/filter.dtos';
import { FilterJson } from './filter.presenter';
import { FiltersService } from './filters.service';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

const WHO = "Your own filters and everyone's public ones (agent, admin); another's private filter is 404.";
const CHANGE_RULES = 'The owner, or an admin when the filter is public; a filter you may see but not change is 403.';

@ApiTags('filters')
@ApiBearerAuth()
@Roles(UserRole.AGENT, UserRole.ADMIN)
@Controller('api/v1/filters')
export class FiltersController {
  constructor(private readonly filters: FiltersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listFilters',
    summary: 'Saved ticket filters you may use, by name',
    description: `${WHO} Apply one with \`GET /tickets?filter_id=\`.`,
  })
  @ApiPage(FilterJson)
  list(@CurrentUser() caller: AuthUser, @Query() query: PaginationQueryDto) {
    return this.filters.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getFilter', summary: 'A saved ticket filter', description: WHO })
  @ApiOkResponse({ type: FilterJson })
  get(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<FilterJson> {
    return this.filters.get(caller, id);
  }

  @Post()
  @Idempotent()
  @ApiBodyExample({
    name: 'My urgent open tickets',
    filter_params: { status: 'open,pending', priority: 'high,urgent', assignee_id: 'me' },
    is_public: false,
  })
  @ApiOperation({
    operationId: 'createFilter',
    summary: 'Save a ticket filter; you are its owner',
    description:
      '`filter_params` are validated exactly like the `GET /tickets` query: a filter that would be a 400 there ' +
      'cannot be stored. Private unless `is_public` is true.',
  })
  @ApiCreatedResponse({ type: FilterJson })
  create(@CurrentUser() caller: AuthUser, @Body() body: CreateFilterDto): Promise<FilterJson> {
    return this.filters.create(caller, body);
  }

  @Patch(':id')
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiBodyExample({ name: 'Urgent and high, open or pending', is_public: true })
  @ApiOperation({ operationId: 'updateFilter', summary: 'Change a saved ticket filter', description: CHANGE_RULES })
  @ApiOkResponse({ type: FilterJson })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('id', IdParamPipe) id: number,
    @Body() body: UpdateFilterDto,
  ): Promise<FilterJson> {
    return this.filters.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiErrors(ErrorCode.FORBIDDEN)
  @ApiOperation({ operationId: 'deleteFilter', summary: 'Delete a saved ticket filter', description: CHANGE_RULES })
  @ApiNoContentResponse()
  async delete(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.filters.delete(caller, id);
  }
}
