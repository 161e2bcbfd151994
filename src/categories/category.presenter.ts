import { ApiProperty } from '@nestjs/swagger';
import { Category, CategoryAssignment } from './category.entity';

/** The wire shape of a category: the one place a Category becomes JSON. */
export class CategoryJson {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'Billing' }) name!: string;
  @ApiProperty({ example: 'Invoices, refunds and payment methods' }) description!: string;
  @ApiProperty({ example: '#007bff', pattern: '^#[0-9a-f]{6}$', description: 'lower-case `#rrggbb`' }) color!: string;
  @ApiProperty({
    enum: CategoryAssignment,
    enumName: 'CategoryAssignment',
    description: 'how a new ticket of the category gets its assignee',
  })
  assignment!: CategoryAssignment;
  @ApiProperty({ type: [Number], description: 'the agents auto-assignment picks from, by id ascending' })
  agent_ids!: number[];
}

/** `GET /categories`: a short, admin-curated list, so not paginated (API.md → Lists). */
export class CategoryListJson {
  @ApiProperty({ type: [CategoryJson], description: 'ordered by name (case-insensitive)' }) items!: CategoryJson[];
}

export function toCategoryJson(category: Category): CategoryJson {
  return {
    id: category.id,
    name: category.name,
    description: category.description,
    color: category.color,
    assignment: category.assignment,
    agent_ids: [...category.agentIds].sort((a, b) => a - b),
  };
}
