// The wire shape of a saved filter: the one place a SavedFilter becomes JSON.
import { ApiProperty } from '@nestjs/swagger';
import { OwnerJson } from '../users/owner-ref';
import { SavedFilter } from './saved-filter.entity';

export class FilterJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ example: 'My urgent work' }) name!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { status: 'open,in_progress', priority: 'urgent', assignee_id: 'me' },
    description: '`GET /tickets` query parameters, in their query-string form',
  })
  filter_params!: Record<string, string>;
  @ApiProperty() is_public!: boolean;
  @ApiProperty({ type: OwnerJson }) owner!: OwnerJson;
}

export function toFilterJson(filter: SavedFilter, owner: OwnerJson): FilterJson {
  return {
    id: filter.id,
    name: filter.name,
    filter_params: filter.filterParams,
    is_public: filter.isPublic,
    owner,
  };
}
