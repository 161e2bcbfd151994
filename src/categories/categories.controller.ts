import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import { Idempotent } from '../idempotency/idempotent.decorator';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { UserRole } from '../common/user-role';
import { CategoriesService } from './categories.service';
import { CategoryJson, CategoryListJson, toCategoryJson } from './category.presenter';
import { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dtos';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

/** Writes are admin-only (@Roles), so their answers are an admin's view. */
const ADMIN_VIEW = { role: UserRole.ADMIN };

@ApiTags('categories')
@ApiBearerAuth()
@Controller('api/v1/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOperation({ operationId: 'listCategories', summary: 'All categories, by name (any role; not paginated)' })
  @ApiOkResponse({ type: CategoryListJson })
  async list(@CurrentUser() caller: AuthUser): Promise<CategoryListJson> {
    return { items: (await this.categories.list()).map((category) => toCategoryJson(category, caller)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCategory', summary: 'A category (any role)' })
  @ApiOkResponse({ type: CategoryJson })
  async get(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<CategoryJson> {
    return toCategoryJson(await this.categories.get(id), caller);
  }

  @Post()
  @Idempotent()
  @Roles(UserRole.ADMIN)
  @ApiErrors(ErrorCode.CONFLICT)
  @ApiBodyExample({ name: 'Billing', description: 'Invoices, refunds and payment methods', color: '#007bff' })
  @ApiOperation({
    operationId: 'createCategory',
    summary: 'Create a category (admin); a name taken in any letter case is 409 CONFLICT',
  })
  @ApiCreatedResponse({ type: CategoryJson })
  async create(@Body() body: CreateCategoryDto): Promise<CategoryJson> {
    return toCategoryJson(await this.categories.create(body), ADMIN_VIEW);
  }

  @Patch(':id')
  @Roles(UserRole.ADMIN)
  @ApiErrors(ErrorCode.CONFLICT, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ description: 'Invoices, refunds and payment methods', assignment: 'round_robin', agent_ids: [2] })
  @ApiOperation({
    operationId: 'updateCategory',
    summary:
      'Change name, description, color or auto-assignment (admin); a name taken in any letter case is 409 CONFLICT; ' +
      '`agent_ids` naming a user who is not an agent or admin, or round_robin/least_open with no agents, is 422',
  })
  @ApiOkResponse({ type: CategoryJson })
  async update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateCategoryDto): Promise<CategoryJson> {
    return toCategoryJson(await this.categories.update(id, body), ADMIN_VIEW);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(UserRole.ADMIN)
  @ApiOperation({
    operationId: 'deleteCategory',
    summary: 'Delete a category (admin); its tickets stay, with no category',
  })
  @ApiNoContentResponse()
  async delete(@Param('id', IdParamPipe) id: number): Promise<void> {
    await this.categories.delete(id);
  }
}
