import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { UserRole } from '../common/user-role';
import { TAG_LIST_CAP, TagListJson, TagsService } from './tags.service';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('api/v1/tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Roles(UserRole.AGENT, UserRole.ADMIN)
  @ApiOperation({
    operationId: 'listTags',
    summary: 'Tags in use, most used first (agent, admin)',
    description:
      'Each tag with the number of tickets carrying it, soft-deleted tickets not counted. Ordered by count ' +
      `(descending), ties by name; tags on no ticket are left out. Not paginated: capped at the ${TAG_LIST_CAP} ` +
      'most used tags.',
  })
  @ApiOkResponse({ type: TagListJson })
  async list(): Promise<TagListJson> {
    return { items: await this.tags.listInUse() };
  }
}
