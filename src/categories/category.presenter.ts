import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuthUser } from '../common/auth-user';
import { UserRole } from '../common/user-role';
import { Category, CategoryAssignment } from './category.entity';

/** The wire shape of a category: the one place a Category becomes JSON. */
export class CategoryJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ example: 'Billing' }) name!: string;
  @ApiProperty({ example: 'Invoices, refunds and payment methods' }) description!: string;
  @ApiProperty({ example: '#007bff', pattern: '^#[0-9a-f]{6}$', description: 'lower-case `#rrggbb`' }) color!: string;
  @ApiPropertyOptional({
    enum: CategoryAssignment,
    enumName: 'CategoryAssignment',
    description: 'how a new ticket of the category gets its assignee (agents and admins only)',
  })
  assignment?: CategoryAssignment;
  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    description: 'the agents auto-assignment picks from, by id ascending (agents and admins only)',
  })
  agent_ids?: number[];
}

/** `GET /categories`: a short, admin-curated list, so not paginated (API.md → Lists). */
export class CategoryListJson {
  @ApiProperty({ type: [CategoryJson], description: 'ordered by name (case-insensitive)' }) items!: CategoryJson[];
}

/** A requester sees what a category is, not how the desk routes it (nor its agents' ids). */
export function toCategoryJson(category: Category, viewer: Pick<AuthUser, 'role'>): CategoryJson {
  const json: CategoryJson = {
    id: category.id,
    name: category.name,
    description: category.description,
    color: category.color,
  };
  if (viewer.role === UserRole.USER) return json;
  return { ...json, assignment: category.assignment, agent_ids: [...category.agentIds].sort((a, b) => a - b) };
}
