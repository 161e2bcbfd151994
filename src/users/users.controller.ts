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
import { Roles } from '../common/decorators/roles.decorator';
import { IdParamPipe } from '../common/pipes/id-param.pipe';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dtos';
import { toUserJson, UserJson } from './user.presenter';
import { UserRole } from '../common/user-role';
import { UsersService } from './users.service';
import { ApiBodyExample, ApiErrors } from '../common/openapi/openapi.decorators';
import { ErrorCode } from '../common/errors/error-code';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiOperation({ operationId: 'listUsers', summary: 'List users (agent, admin)' })
  @ApiPage(UserJson)
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'A user (admin, agent, or yourself; others are 404 to requesters)' })
  @ApiOkResponse({ type: UserJson })
  get(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<UserJson> {
    return this.users.getVisible(caller, id);
  }

  @Post()
  @Idempotent()
  @Roles(UserRole.ADMIN)
  @ApiErrors(ErrorCode.CONFLICT)
  @ApiBodyExample({ email: 'sam@example.com', password: 'correct-horse-battery', name: 'Sam Lee', role: 'agent' })
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user with any role (admin)' })
  @ApiCreatedResponse({ type: UserJson })
  async create(@Body() body: CreateUserDto): Promise<UserJson> {
    return toUserJson(await this.users.createByAdmin(body));
  }

  @Patch(':id')
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.UNPROCESSABLE)
  @ApiBodyExample({ name: 'Sam Lee', role: 'agent', is_active: true })
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Admin: name, role, is_active of others. Self: name, or password with current_password',
  })
  @ApiOkResponse({ type: UserJson })
  update(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(UserRole.ADMIN)
  @ApiErrors(ErrorCode.UNPROCESSABLE)
  @ApiOperation({
    operationId: 'deactivateUser',
    summary: 'Deactivate (never delete) a user and revoke their sessions',
  })
  @ApiNoContentResponse()
  async deactivate(@CurrentUser() caller: AuthUser, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.users.deactivate(caller, id);
  }
}
